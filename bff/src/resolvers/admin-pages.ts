import type { AdminPagesResolvers, MutationResolvers, QueryResolvers } from "../generated/graphql";
import { pageQuery, requireAdmin } from "./admin-access";
import { toConnection } from "./reading";

type NoticePage = {
  items: Array<{ cursor: string }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};
type StaticPage = {
  slug: string;
  content: { title: string; sections: unknown[]; updatedAt: string | null };
  edited: boolean;
};

const flatten = (page: StaticPage) => ({ slug: page.slug, edited: page.edited, ...page.content });
const noticePath = (id: string) => `/v1/notices/${encodeURIComponent(id)}`;

/** Notices and static pages (page service). */
export const adminPageResolvers = {
  Query: {
    adminPages: (_, __, ctx) => {
      requireAdmin(ctx);
      return {};
    },
  } satisfies QueryResolvers,
  AdminPages: {
    notices: async (_, args, ctx) =>
      toConnection(
        await ctx.api<NoticePage>("page", {
          operation: "adminNotices",
          path: "/v1/admin/notices",
          query: { ...pageQuery(args), status: args.status ?? undefined },
        }),
      ),
    staticPages: async (_, __, ctx) =>
      (await ctx.api<StaticPage[]>("page", { operation: "adminStaticPages", path: "/v1/admin/pages" })).map(
        flatten,
      ),
  } satisfies AdminPagesResolvers,
  Mutation: {
    createNotice: (_, args, ctx) => {
      requireAdmin(ctx);
      return ctx.api("page", {
        operation: "createNotice",
        method: "POST",
        path: "/v1/notices",
        body: args.input,
      });
    },
    updateNotice: (_, args, ctx) => {
      requireAdmin(ctx);
      return ctx.api("page", {
        operation: "updateNotice",
        method: "PATCH",
        path: noticePath(args.id),
        body: args.input,
      });
    },
    deleteNotice: async (_, args, ctx) => {
      requireAdmin(ctx);
      await ctx.api("page", { operation: "deleteNotice", method: "DELETE", path: noticePath(args.id) });
      return true;
    },
    updateStaticPage: async (_, args, ctx) => {
      requireAdmin(ctx);
      return flatten(
        await ctx.api<StaticPage>("page", {
          operation: "updateStaticPage",
          method: "PUT",
          path: `/v1/pages/${encodeURIComponent(args.slug)}`,
          body: { title: args.input.title, sections: args.input.sections },
        }),
      );
    },
  } satisfies MutationResolvers,
};
