import { graphqlRequest, useCursorList } from "@quire/shell-sdk";
import {
  type InfiniteData,
  type QueryClient,
  queryOptions,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { COMMENTS_PAGE_SIZE, type CommentConnection, commentKeys } from "./conversation";

export interface AuthorSummary {
  id: string;
  name: string;
  avatarUrl: string | null;
}

export interface CategorySummary {
  id: string;
  slug: string;
  name: string;
  postCount?: number | null;
}

export interface TagSummary {
  id: string;
  slug: string;
  name: string;
  postCount?: number | null;
}

export interface PostSummary {
  id: string;
  slug: string;
  title: string;
  excerpt: string;
  coverUrl: string | null;
  publishedAt: string | null;
  readingMinutes: number;
  viewCount: number;
  likeCount: number;
  commentCount: number;
  /** Null when the owning service could not answer (partial result). */
  category: CategorySummary | null;
  /** Null when the author's service could not answer (partial result). */
  author: AuthorSummary | null;
}

export interface PostLink {
  slug: string;
  title: string;
}

export interface Post extends PostSummary {
  contentHtml: string;
  tags: TagSummary[];
  previous: PostLink | null;
  next: PostLink | null;
  related: PostSummary[] | null;
  viewerHasLiked: boolean | null;
  viewerHasBookmarked: boolean | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface PostConnection {
  edges: Array<{ cursor: string; node: PostSummary }>;
  pageInfo: PageInfo;
}

export type PostSort = "LATEST" | "POPULAR";

export interface PostListFilter {
  category?: string | undefined;
  tag?: string | undefined;
  sort?: PostSort | undefined;
}

const POSTS_QUERY = /* GraphQL */ `
  query BlogPosts($first: Int!, $after: String, $category: String, $tag: String, $sort: PostSort) {
    posts(first: $first, after: $after, category: $category, tag: $tag, sort: $sort) {
      edges { cursor node { id slug title excerpt coverUrl publishedAt readingMinutes viewCount likeCount commentCount category { id slug name } author { id name avatarUrl } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

// The first page of comments comes in the same request: it seeds the comment list's cache.
const POST_QUERY = /* GraphQL */ `
  query BlogPost($slug: String!, $comments: Int!) {
    post(slug: $slug) {
      id slug title excerpt coverUrl publishedAt readingMinutes viewCount likeCount commentCount category { id slug name } author { id name avatarUrl }
      contentHtml
      tags { id slug name }
      previous { slug title }
      next { slug title }
      related { id slug title excerpt coverUrl publishedAt readingMinutes viewCount likeCount commentCount category { id slug name } author { id name avatarUrl } }
      viewerHasLiked
      viewerHasBookmarked
      comments(first: $comments) {
        edges { cursor node { id postId parentId secret deleted mine edited createdAt content author { id name avatarUrl guest } replies { id postId parentId secret deleted mine edited createdAt content author { id name avatarUrl guest } } } }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }
  }
`;

export const PAGE_SIZE = 10;

// Keys start with the remote's name: the QueryClient is the shell's, shared by every remote.
export const postKeys = {
  all: ["blog", "posts"] as const,
  list: (filter: PostListFilter = {}) =>
    [
      "blog",
      "posts",
      {
        first: PAGE_SIZE,
        category: filter.category ?? null,
        tag: filter.tag ?? null,
        sort: filter.sort ?? "LATEST",
      },
    ] as const,
  detail: (slug: string) => ["blog", "post", slug] as const,
};

export function usePostList(filter: PostListFilter = {}) {
  return useCursorList<PostSummary, PostConnection>({
    queryKey: postKeys.list(filter),
    fetchPage: async (after, signal) =>
      (
        await graphqlRequest<{ posts: PostConnection }, Record<string, unknown>>(
          POSTS_QUERY,
          {
            first: PAGE_SIZE,
            after,
            category: filter.category ?? null,
            tag: filter.tag ?? null,
            sort: filter.sort ?? "LATEST",
          },
          { signal },
        )
      ).posts,
  });
}

/** The most popular post of a category: the "top post" a category page leads with. */
export function useTopPost(category: string) {
  return useQuery({
    queryKey: ["blog", "top-post", category] as const,
    queryFn: async ({ signal }) => {
      const data = await graphqlRequest<{ posts: PostConnection }, Record<string, unknown>>(
        POSTS_QUERY,
        { first: 1, after: null, category, tag: null, sort: "POPULAR" },
        { signal },
      );
      return data.posts.edges[0]?.node ?? null;
    },
  });
}

/** A post's query; its answer also seeds the first page of the post's comments. */
export function postQuery(queryClient: QueryClient, slug: string) {
  return queryOptions({
    queryKey: postKeys.detail(slug),
    queryFn: async ({ signal }) => {
      const data = await graphqlRequest<
        { post: (Post & { comments: CommentConnection | null }) | null },
        { slug: string; comments: number }
      >(POST_QUERY, { slug, comments: COMMENTS_PAGE_SIZE }, { signal });
      if (!data.post) return null;
      const { comments, ...post } = data.post;
      // Null comments: their service did not answer; the list then asks on its own and says so.
      if (comments && !queryClient.getQueryData(commentKeys.list(slug))) {
        queryClient.setQueryData<InfiniteData<CommentConnection, string | null>>(commentKeys.list(slug), {
          pages: [comments],
          pageParams: [null],
        });
      }
      return post;
    },
  });
}

export function usePost(slug: string) {
  return useQuery(postQuery(useQueryClient(), slug));
}
