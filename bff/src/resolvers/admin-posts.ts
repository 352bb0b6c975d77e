import type { MutationResolvers, QueryResolvers } from "../generated/graphql";
import { pageQuery, requireAdmin } from "./admin-access";
import { orNull, toConnection } from "./reading";

type Page<T> = {
  items: Array<T & { cursor: string }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

const path = (...parts: string[]) => `/${parts.map(encodeURIComponent).join("/")}`;

/** Create, update and delete of categories or tags: the same routes under their plural. */
function taxonomy(plural: "categories" | "tags", singular: "Category" | "Tag") {
  return {
    create: ((_, args, ctx) => {
      requireAdmin(ctx);
      return ctx.api("blog", {
        operation: `create${singular}`,
        method: "POST",
        path: `/v1/${plural}`,
        body: args.input,
      });
    }) satisfies MutationResolvers["createCategory"] & MutationResolvers["createTag"],
    update: ((_, args, ctx) => {
      requireAdmin(ctx);
      return ctx.api("blog", {
        operation: `update${singular}`,
        method: "PATCH",
        path: `/v1/${plural}${path(args.id)}`,
        body: args.input,
      });
    }) satisfies MutationResolvers["updateCategory"] & MutationResolvers["updateTag"],
    delete: (async (_, args, ctx) => {
      requireAdmin(ctx);
      await ctx.api("blog", {
        operation: `delete${singular}`,
        method: "DELETE",
        path: `/v1/${plural}${path(args.id)}`,
      });
      return true;
    }) satisfies MutationResolvers["deleteCategory"] & MutationResolvers["deleteTag"],
  };
}

const categories = taxonomy("categories", "Category");
const tags = taxonomy("tags", "Tag");

/** Posts, drafts, categories and tags for the editor and the posts screen (blog service). */
export const adminPostResolvers = {
  Query: {
    adminPosts: async (_, args, ctx) => {
      requireAdmin(ctx);
      const { q, category, status } = args.filter ?? {};
      return toConnection(
        await ctx.api<Page<unknown>>("blog", {
          operation: "adminPosts",
          path: "/v1/admin/posts",
          query: {
            ...pageQuery(args),
            q: q ?? undefined,
            category: category ?? undefined,
            status: status ?? undefined,
            sort: args.sort.toLowerCase(),
          },
        }),
      );
    },
    drafts: async (_, args, ctx) => {
      requireAdmin(ctx);
      return toConnection(
        await ctx.api<Page<unknown>>("blog", {
          operation: "drafts",
          path: "/v1/drafts",
          query: pageQuery(args),
        }),
      );
    },
    draft: (_, args, ctx) => {
      requireAdmin(ctx);
      return orNull(ctx.api("blog", { operation: "draft", path: `/v1/drafts${path(args.id)}` }));
    },
  } satisfies QueryResolvers,
  Mutation: {
    createPost: (_, args, ctx) => {
      requireAdmin(ctx);
      return ctx.api("blog", {
        operation: "createPost",
        method: "POST",
        path: "/v1/posts",
        body: args.input,
      });
    },
    updatePost: (_, args, ctx) => {
      requireAdmin(ctx);
      return ctx.api("blog", {
        operation: "updatePost",
        method: "PATCH",
        path: `/v1/posts${path(args.id)}`,
        body: args.input,
      });
    },
    deletePosts: async (_, args, ctx) => {
      requireAdmin(ctx);
      const { deleted } = await ctx.api<{ deleted: string[] }>("blog", {
        operation: "deletePosts",
        method: "POST",
        path: "/v1/posts/bulk-delete",
        body: { ids: args.ids },
      });
      return deleted;
    },
    saveDraft: (_, args, ctx) => {
      requireAdmin(ctx);
      return ctx.api("blog", {
        operation: "saveDraft",
        method: "PUT",
        path: `/v1/drafts${path(args.id)}`,
        body: args.input,
      });
    },
    publishDraft: (_, args, ctx) => {
      requireAdmin(ctx);
      return ctx.api("blog", {
        operation: "publishDraft",
        method: "POST",
        path: `/v1/drafts${path(args.id)}/publish`,
        body: args.input,
      });
    },
    deleteDraft: async (_, args, ctx) => {
      requireAdmin(ctx);
      await ctx.api("blog", {
        operation: "deleteDraft",
        method: "DELETE",
        path: `/v1/drafts${path(args.id)}`,
      });
      return true;
    },
    createCategory: categories.create,
    updateCategory: categories.update,
    deleteCategory: categories.delete,
    createTag: tags.create,
    updateTag: tags.update,
    deleteTag: tags.delete,
  } satisfies MutationResolvers,
};
