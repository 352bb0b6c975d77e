import { timeCursor } from "@quire/service-kit";
import type { MutationResolvers, QueryResolvers, SignupPeriod } from "../generated/graphql";
import { pageQuery, requireAdmin } from "./admin-access";

type UserRow = { id: string; createdAt: string };
type UserPage = {
  items: UserRow[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

/** Accounts and sign-up statistics (auth service). */
export const adminUserResolvers = {
  Query: {
    users: async (_, args, ctx) => {
      requireAdmin(ctx);
      const { q, role, status } = args.filter ?? {};
      const page = await ctx.api<UserPage>("auth", {
        operation: "users",
        path: "/v1/admin/users",
        query: {
          ...pageQuery(args),
          q: q ?? undefined,
          role: role ?? undefined,
          status: status ?? undefined,
        },
      });
      // Auth gives the cursor of the page's end only; each row's is the same (created at, id) keyset cursor.
      return {
        edges: page.items.map((node, i) => ({
          cursor:
            i === page.items.length - 1 && page.pageInfo.endCursor
              ? page.pageInfo.endCursor
              : timeCursor.encode(node.createdAt, node.id),
          node,
        })),
        pageInfo: page.pageInfo,
        totalCount: page.totalCount,
      };
    },
    userStats: async (_, args, ctx) => {
      requireAdmin(ctx);
      const stats = await ctx.api<{ period: string }>("auth", {
        operation: "userStats",
        path: "/v1/admin/users/stats",
        query: { period: args.period.toLowerCase() },
      });
      return { ...stats, period: stats.period.toUpperCase() as SignupPeriod };
    },
  } satisfies QueryResolvers,
  Mutation: {
    setUserStatus: (_, args, ctx) => {
      requireAdmin(ctx);
      return ctx.api("auth", {
        operation: "setUserStatus",
        method: "PUT",
        path: `/v1/admin/users/${encodeURIComponent(args.id)}/status`,
        body: { status: args.status },
      });
    },
    setUserRole: (_, args, ctx) => {
      requireAdmin(ctx);
      return ctx.api("auth", {
        operation: "setUserRole",
        method: "PUT",
        path: `/v1/admin/users/${encodeURIComponent(args.id)}/role`,
        body: { role: args.role },
      });
    },
  } satisfies MutationResolvers,
};
