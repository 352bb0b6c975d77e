import { randomUUID } from "node:crypto";
import {
  bulkDeletePostsRequest,
  bulkDeletePostsResponse,
  type CreatePostRequest,
  createPostRequest,
  featuredPostResponse,
  popularPostsQuery,
  postDetail,
  postListSortedQuery,
  postPage,
  postPageDetail,
  postSummary,
  updatePostRequest,
} from "@quire/contracts";
import { type App, badRequest, notFound, requireAdmin, type ServiceContext } from "@quire/service-kit";
import { z } from "zod";
import {
  findPostById,
  findPostBySlug,
  inCategory,
  listPublicPosts,
  neighboursOf,
  READING_STAMP,
  relatedPosts,
  topPublicPosts,
  withTag,
} from "../posts/queries";
import { deletePosts, lockPost, refusingRaces, writePost } from "../posts/writes";

export { imageUrlsOf, toPostState } from "../posts/writes";

export async function createPost(ctx: ServiceContext, authorId: string, input: CreatePostRequest) {
  return ctx.db.transaction(async (tx) => {
    const post = await writePost(tx, { id: randomUUID(), authorId, existing: null }, input);
    return (await findPostById(tx, post.id))!;
  });
}

const idParams = z.object({ id: z.string().min(1).max(100) });

export function registerPostRoutes(app: App, ctx: ServiceContext): void {
  app.get(
    "/v1/posts",
    { schema: { querystring: postListSortedQuery, response: { 200: postPage } } },
    async (req) => listPublicPosts(ctx.db, req.query),
  );

  app.get("/v1/posts/featured", { schema: { response: { 200: featuredPostResponse } } }, async () => {
    const [post] = await topPublicPosts(ctx.db, 1);
    return { post: post ?? null };
  });

  app.get(
    "/v1/posts/popular",
    { schema: { querystring: popularPostsQuery, response: { 200: z.array(postSummary) } } },
    async (req) => {
      const { limit, category, tag } = req.query;
      return topPublicPosts(ctx.db, limit, [
        ...(category ? [inCategory(category)] : []),
        ...(tag ? [withTag(tag)] : []),
      ]);
    },
  );

  app.get(
    "/v1/posts/:slug",
    { schema: { params: z.object({ slug: z.string().min(1).max(300) }), response: { 200: postPageDetail } } },
    async (req) => {
      // Kept in memory while nothing it reads has changed (migrations/0006_reading_stamp.sql).
      const page = await ctx.reads.read(READING_STAMP, `post:${req.params.slug}`, async () => {
        const post = await findPostBySlug(ctx.db, req.params.slug);
        if (!post) return null;
        const neighbours = await neighboursOf(ctx.db, post);
        const related = await relatedPosts(ctx.db, { id: post.id, categoryId: post.category?.id ?? null });
        return { ...post, ...neighbours, related };
      });
      // Non-PUBLIC posts exist only for admins.
      if (!page || (page.status !== "PUBLIC" && req.identity?.role !== "ADMIN"))
        throw notFound("No such post");
      return page;
    },
  );

  app.post(
    "/v1/posts",
    { schema: { body: createPostRequest, response: { 201: postDetail } } },
    async (req, reply) => {
      const admin = requireAdmin(req);
      return reply.status(201).send(await createPost(ctx, admin.userId, req.body));
    },
  );

  app.patch(
    "/v1/posts/:id",
    { schema: { params: idParams, body: updatePostRequest, response: { 200: postDetail } } },
    async (req) => {
      const admin = requireAdmin(req);
      if (Object.keys(req.body).length === 0) throw badRequest("Nothing to change");
      return refusingRaces(() =>
        ctx.db.transaction(async (tx) => {
          const existing = await lockPost(tx, req.params.id);
          if (!existing) throw notFound("No such post");
          await writePost(tx, { id: existing.id, authorId: admin.userId, existing }, req.body);
          return (await findPostById(tx, existing.id))!;
        }),
      );
    },
  );

  app.delete("/v1/posts/:id", { schema: { params: idParams } }, async (req, reply) => {
    requireAdmin(req);
    const deleted = await ctx.db.transaction((tx) => deletePosts(tx, [req.params.id]));
    if (deleted.length === 0) throw notFound("No such post");
    return reply.status(204).send();
  });

  app.post(
    "/v1/posts/bulk-delete",
    { schema: { body: bulkDeletePostsRequest, response: { 200: bulkDeletePostsResponse } } },
    async (req) => {
      requireAdmin(req);
      const deleted = await ctx.db.transaction((tx) => deletePosts(tx, [...new Set(req.body.ids)]));
      return { deleted };
    },
  );
}
