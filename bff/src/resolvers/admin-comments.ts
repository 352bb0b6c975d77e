import type { MutationResolvers, QueryResolvers } from "../generated/graphql";
import { pageQuery, requireAdmin } from "./admin-access";
import { toConnection } from "./reading";

type Page<T> = {
  items: Array<T & { cursor: string }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

/** Comment moderation (content service) and answers to bug reports (analytics service). */
export const adminCommentResolvers = {
  Query: {
    adminComments: async (_, args, ctx) => {
      requireAdmin(ctx);
      return toConnection(
        await ctx.api<Page<unknown>>("content", {
          operation: "adminComments",
          path: "/v1/admin/comments",
          query: {
            ...pageQuery(args),
            status: args.filter?.status ?? undefined,
            includeDeleted: args.filter?.includeDeleted ? "true" : "false",
          },
        }),
      );
    },
  } satisfies QueryResolvers,
  Mutation: {
    setCommentStatus: (_, args, ctx) => {
      requireAdmin(ctx);
      return ctx.api("content", {
        operation: "setCommentStatus",
        method: "PATCH",
        path: `/v1/admin/comments/${encodeURIComponent(args.id)}/status`,
        body: { status: args.status },
      });
    },
    deleteComments: async (_, args, ctx) => {
      requireAdmin(ctx);
      const { deleted } = await ctx.api<{ deleted: number }>("content", {
        operation: "deleteComments",
        method: "POST",
        path: "/v1/admin/comments/bulk-delete",
        body: { ids: args.ids },
      });
      return deleted;
    },
    respondToBugReport: (_, args, ctx) => {
      requireAdmin(ctx);
      return ctx.api("analytics", {
        operation: "respondToBugReport",
        method: "POST",
        path: `/v1/bug-reports/${encodeURIComponent(args.id)}/response`,
        body: args.input,
      });
    },
  } satisfies MutationResolvers,
};
