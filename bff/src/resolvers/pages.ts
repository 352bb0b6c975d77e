import type { BffContext } from "../context";
import type { Resolvers } from "../generated/graphql";
import { orNull, toConnection } from "./reading";

type NoticePage = {
  items: Array<{ cursor: string }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

export const pageResolvers = {
  Query: {
    notices: async (_: unknown, args: { first?: number | null; after?: string | null }, ctx: BffContext) =>
      toConnection(
        await ctx.api<NoticePage>("page", {
          operation: "notices",
          path: "/v1/notices",
          query: { first: Math.min(Math.max(args.first ?? 10, 1), 50), after: args.after ?? undefined },
        }),
      ),
    notice: (_: unknown, args: { slug: string }, ctx: BffContext) =>
      orNull(ctx.api("page", { operation: "notice", path: `/v1/notices/${encodeURIComponent(args.slug)}` })),
    page: async (_: unknown, args: { slug: string }, ctx: BffContext) => {
      if (args.slug !== "introduce" && args.slug !== "privacy") return null;
      const page = await ctx.api<{
        slug: string;
        content: { title: string; sections: unknown[]; updatedAt: string | null };
      }>("page", { operation: "page", path: `/v1/pages/${args.slug}` });
      return { slug: page.slug, ...page.content };
    },
  },
} satisfies Resolvers;
