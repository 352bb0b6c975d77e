import type { FrontPagePart, FrontPageResponse, PostSummary } from "@quire/contracts";
import type { BffContext, Engagement } from "../context";
import type { Resolvers } from "../generated/graphql";

type Page<T> = {
  items: Array<T & { cursor: string }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};
type PostParent = PostSummary & { contentHtml?: string };

const clampFirst = (first: number | null | undefined, max = 50) => Math.min(Math.max(first ?? 10, 1), max);

export function toConnection<T>(page: Page<T>) {
  return { edges: page.items.map(({ cursor, ...node }) => ({ cursor, node })), pageInfo: page.pageInfo };
}

/** A resolver for one of the blog parts the home page and the sidebar share one call for. */
const frontPagePart =
  <P extends FrontPagePart>(part: P) =>
  async (_: unknown, __: unknown, ctx: BffContext) =>
    ((await ctx.loaders.frontPage.load(part)) as FrontPageResponse[P] | null) ?? null;

const engagementOf = (post: PostParent, ctx: BffContext) =>
  ctx.loaders.conversation.load({ kind: "engagement", postId: post.id }) as Promise<Engagement | null>;

/** The detail of a post (previous, next, related, content) for a post that came from a list. */
const detailOf = (post: PostParent, ctx: BffContext) => ctx.loaders.postBySlug.load(post.slug);

export const readingResolvers = {
  Query: {
    // Each field of the home page and the sidebar resolves on its own, so one service down costs one field.
    homePage: () => ({}),
    sidebar: () => ({}),
    posts: async (
      _: unknown,
      args: {
        first?: number | null;
        after?: string | null;
        category?: string | null;
        tag?: string | null;
        sort?: string;
      },
      ctx: BffContext,
    ) =>
      toConnection(
        await ctx.api<Page<PostSummary>>("blog", {
          operation: "posts",
          path: "/v1/posts",
          query: {
            first: clampFirst(args.first),
            after: args.after ?? undefined,
            category: args.category ?? undefined,
            tag: args.tag ?? undefined,
            sort: args.sort === "POPULAR" ? "popular" : "latest",
          },
        }),
      ),
    post: (_: unknown, args: { slug: string }, ctx: BffContext) => ctx.loaders.postBySlug.load(args.slug),
    categories: (_: unknown, __: unknown, ctx: BffContext) =>
      ctx.api<unknown[]>("blog", { operation: "categories", path: "/v1/categories" }),
    category: (_: unknown, args: { slug: string }, ctx: BffContext) =>
      orNull(
        ctx.api("blog", { operation: "category", path: `/v1/categories/${encodeURIComponent(args.slug)}` }),
      ),
    tags: (_: unknown, __: unknown, ctx: BffContext) =>
      ctx.api<unknown[]>("blog", { operation: "tags", path: "/v1/tags" }),
    tag: (_: unknown, args: { slug: string }, ctx: BffContext) =>
      orNull(ctx.api("blog", { operation: "tag", path: `/v1/tags/${encodeURIComponent(args.slug)}` })),
    search: async (
      _: unknown,
      args: { query: string; first?: number | null; after?: string | null },
      ctx: BffContext,
    ) => {
      const page = await ctx.api<Page<PostSummary & { titleHighlighted: string; snippet: string }>>("blog", {
        operation: "search",
        path: "/v1/search",
        query: { q: args.query, first: clampFirst(args.first), after: args.after ?? undefined },
      });
      return {
        edges: page.items.map(({ cursor, titleHighlighted, snippet, ...node }) => ({
          cursor,
          node,
          titleHighlighted,
          snippet,
        })),
        pageInfo: page.pageInfo,
      };
    },
  },
  HomePage: {
    featured: frontPagePart("featured"),
    latest: frontPagePart("latest"),
    topCategories: frontPagePart("topCategories"),
    popupNotices: (_: unknown, __: unknown, ctx: BffContext) =>
      ctx.api<unknown[]>("page", { operation: "homePage", path: "/v1/notices/popup" }),
  },
  Sidebar: {
    popularPosts: frontPagePart("popularPosts"),
    popularTags: frontPagePart("popularTags"),
    recentComments: async (_: unknown, __: unknown, ctx: BffContext) => {
      const { items } = await ctx.api<{
        items: Array<{
          id: string;
          author: { name: string } | null;
          content: string | null;
          createdAt: string;
          post: unknown;
        }>;
      }>("content", { operation: "sidebar", path: "/v1/comments/recent", query: { limit: 3 } });
      return items.map((c) => ({ ...c, authorName: c.author?.name ?? "" }));
    },
    visitors: (_: unknown, __: unknown, ctx: BffContext) =>
      ctx.api("analytics", { operation: "sidebar", path: "/v1/visitors" }),
  },
  Post: {
    contentHtml: async (post: PostParent, _: unknown, ctx: BffContext) =>
      post.contentHtml ?? (await detailOf(post, ctx))?.contentHtml ?? "",
    previous: async (post: PostParent, _: unknown, ctx: BffContext) =>
      (await detailOf(post, ctx))?.previous ?? null,
    next: async (post: PostParent, _: unknown, ctx: BffContext) => (await detailOf(post, ctx))?.next ?? null,
    related: async (post: PostParent, _: unknown, ctx: BffContext) =>
      (await detailOf(post, ctx))?.related ?? [],
    viewerHasLiked: async (post: PostParent, _: unknown, ctx: BffContext) =>
      (await engagementOf(post, ctx))?.liked ?? false,
    viewerHasBookmarked: async (post: PostParent, _: unknown, ctx: BffContext) =>
      (await engagementOf(post, ctx))?.bookmarked ?? false,
    author: (post: PostParent, _: unknown, ctx: BffContext) =>
      ctx.authorSource === "auth" && post.author
        ? ctx.loaders.authorFromAuth.load(post.author.id)
        : post.author,
  },
} satisfies Resolvers;

/** A missing thing is null, not an error: the UI shows its 404. */
async function orNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if ((error as { extensions?: { code?: unknown } })?.extensions?.code === "NOT_FOUND") return null;
    throw error;
  }
}

export { orNull };
