import { type BffContext, requireIdentity } from "../context";
import type { Resolvers } from "../generated/graphql";
import { orNull, toConnection } from "./reading";

type Page<T> = {
  items: Array<T & { cursor: string }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};
type PageArgs = { first?: number | null; after?: string | null };

const pageQuery = (args: PageArgs, fallback = 20) => ({
  first: Math.min(Math.max(args.first ?? fallback, 1), 100),
  after: args.after ?? undefined,
});

/** The signed-in reader's own lists (bookmarks, comments) and the public bug tracker. */
export const accountResolvers = {
  Query: {
    myBookmarks: async (_: unknown, args: PageArgs, ctx: BffContext) => {
      requireIdentity(ctx);
      return toConnection(
        await ctx.api<Page<{ post: unknown; bookmarkedAt: string }>>("content", {
          operation: "myBookmarks",
          path: "/v1/me/bookmarks",
          query: pageQuery(args),
        }),
      );
    },
    myComments: async (_: unknown, args: PageArgs, ctx: BffContext) => {
      requireIdentity(ctx);
      return toConnection(
        await ctx.api<Page<{ id: string }>>("content", {
          operation: "myComments",
          path: "/v1/me/comments",
          query: pageQuery(args),
        }),
      );
    },
    bugReports: async (_: unknown, args: PageArgs & { status?: string | null }, ctx: BffContext) =>
      toConnection(
        await ctx.api<Page<{ id: string }>>("analytics", {
          operation: "bugReports",
          path: "/v1/bug-reports",
          query: { ...pageQuery(args), status: args.status ?? undefined },
        }),
      ),
    bugReport: (_: unknown, args: { id: string }, ctx: BffContext) =>
      orNull(
        ctx.api("analytics", {
          operation: "bugReport",
          path: `/v1/bug-reports/${encodeURIComponent(args.id)}`,
        }),
      ),
  },
  Mutation: {
    removeBookmarks: async (_: unknown, args: { postIds: string[] }, ctx: BffContext) => {
      requireIdentity(ctx);
      const { removed } = await ctx.api<{ removed: number }>("content", {
        operation: "removeBookmarks",
        method: "POST",
        path: "/v1/me/bookmarks/remove",
        body: { postIds: args.postIds },
      });
      return removed;
    },
  },
} satisfies Resolvers;
