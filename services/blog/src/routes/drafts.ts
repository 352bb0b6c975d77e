import {
  adminPostPage,
  draftIdParams,
  pageQuery,
  postDetail,
  publishDraftRequest,
  saveDraftRequest,
} from "@quire/contracts";
import { type App, conflict, notFound, requireAdmin, type ServiceContext } from "@quire/service-kit";
import { eq, sql } from "drizzle-orm";
import { findPostById, pagePosts } from "../posts/queries";
import { deletePosts, lockPost, refusingRaces, wasDeleted, writePost } from "../posts/writes";
import { posts } from "../schema";

/** Drafts are DRAFT posts: never in public lists, search or feeds; the editor autosaves into them. */
export function registerDraftRoutes(app: App, ctx: ServiceContext): void {
  app.put(
    "/v1/drafts/:id",
    {
      schema: {
        params: draftIdParams,
        body: saveDraftRequest,
        response: { 200: postDetail, 201: postDetail },
      },
    },
    async (req, reply) => {
      const admin = requireAdmin(req);
      const { title, ...rest } = req.body;
      // Two autosaves of a new draft can race to create it: the loser gets a 409 and the editor retries.
      const result = await refusingRaces(() =>
        ctx.db.transaction(async (tx) => {
          const existing = await lockPost(tx, req.params.id);
          if (existing && existing.status !== "DRAFT")
            throw conflict("This post is published; edit the post instead");
          if (!existing && (await wasDeleted(tx, req.params.id))) throw conflict("This draft was deleted");
          const changes = { ...rest, ...(title !== undefined ? { title: title || "Untitled" } : {}) };
          await writePost(
            tx,
            { id: req.params.id, authorId: admin.userId, existing },
            { ...changes, status: "DRAFT" },
          );
          return { created: !existing, post: (await findPostById(tx, req.params.id))! };
        }),
      );
      return reply.status(result.created ? 201 : 200).send(result.post);
    },
  );

  app.get(
    "/v1/drafts",
    { schema: { querystring: pageQuery, response: { 200: adminPostPage } } },
    async (req) => {
      requireAdmin(req);
      const page = await pagePosts(ctx.db, {
        where: [eq(posts.status, "DRAFT")],
        keys: [{ expr: sql`${posts.updatedAt}`, type: "time" }],
        first: req.query.first,
        after: req.query.after,
      });
      return {
        items: page.items.map(({ post, updatedAt, cursor }) => ({
          ...post,
          updatedAt,
          cursor,
        })),
        pageInfo: page.pageInfo,
      };
    },
  );

  app.get(
    "/v1/drafts/:id",
    { schema: { params: draftIdParams, response: { 200: postDetail } } },
    async (req) => {
      requireAdmin(req);
      const post = await findPostById(ctx.db, req.params.id);
      if (post?.status !== "DRAFT") throw notFound("No such draft");
      return post;
    },
  );

  app.post(
    "/v1/drafts/:id/publish",
    { schema: { params: draftIdParams, body: publishDraftRequest, response: { 200: postDetail } } },
    async (req) => {
      const admin = requireAdmin(req);
      return ctx.db.transaction(async (tx) => {
        const existing = await lockPost(tx, req.params.id);
        if (existing?.status !== "DRAFT") throw notFound("No such draft");
        // Without an excerpt (or with an empty one) it comes from the first 200 characters of the text.
        await writePost(tx, { id: existing.id, authorId: admin.userId, existing }, req.body);
        return (await findPostById(tx, existing.id))!;
      });
    },
  );

  app.delete("/v1/drafts/:id", { schema: { params: draftIdParams } }, async (req, reply) => {
    requireAdmin(req);
    const deleted = await ctx.db.transaction((tx) => deletePosts(tx, [req.params.id], "DRAFT"));
    if (deleted.length === 0) throw notFound("No such draft");
    return reply.status(204).send();
  });
}
