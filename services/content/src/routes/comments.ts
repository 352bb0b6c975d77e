import { randomUUID } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import {
  adminCommentQuery,
  bulkDeleteCommentsRequest,
  commentPageQuery,
  commentThreadPage,
  commentView,
  commentWithPostPage,
  createCommentRequest,
  deleteCommentRequest,
  recentComments,
  recentCommentsQuery,
  setCommentStatusRequest,
  updateCommentRequest,
} from "@quire/contracts";
import {
  type App,
  badRequest,
  type DbOrTx,
  forbidden,
  HttpError,
  notFound,
  rateLimit,
  requireAdmin,
  requireUser,
  type ServiceContext,
  type Tx,
  unauthenticated,
} from "@quire/service-kit";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { isVisibleRow, listCommentsWithPost, listRecentComments, listThreads } from "../comments/queries";
import {
  authorNameOf,
  excerptOf,
  iso,
  type ServiceRequest,
  toCommentView,
  type Viewer,
  viewerOf,
} from "../comments/view";
import {
  appendEngagementEvent,
  type Counters,
  lockEngagement,
  recountEngagement,
} from "../engagement/counters";
import { authors, type CommentRow, comments, posts } from "../schema";

// algorithm 2 is Argon2id (a const enum in the typings, which isolated modules cannot read).
const ARGON2 = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const postParams = z.object({ postId: z.string().min(1).max(100) });
const commentParams = z.object({ id: z.string().min(1).max(100) });
const hasLink = (text: string) => /https?:\/\//i.test(text);

/** Guests are limited per client address; signed-in users are not (their account is the brake). */
const guestLimit = (ctx: ServiceContext, max: number) => ({
  rateLimit: {
    ...rateLimit(ctx.config, max, "1 minute"),
    allowList: (req: ServiceRequest) => req.identity !== null,
  },
});

async function findAuthor(db: DbOrTx, userId: string) {
  const [row] = await db.select().from(authors).where(eq(authors.id, userId));
  return row ?? null;
}

async function commentEvent(
  tx: Tx,
  type: "comment.created" | "comment.updated" | "comment.deleted",
  row: CommentRow,
  counters: Counters,
) {
  const author = row.userId ? await findAuthor(tx, row.userId) : null;
  await appendEngagementEvent(tx, type, counters, {
    comment: {
      id: row.id,
      parentId: row.parentId,
      authorName: authorNameOf(row, author),
      excerpt: excerptOf(row),
      secret: row.secret,
      status: row.status,
      createdAt: iso(row.createdAt),
    },
  });
}

/** Author, admin, or a guest who knows the comment's password; checked before any write. */
async function authoriseChange(req: ServiceRequest, row: CommentRow, guestPassword: string | undefined) {
  const identity = req.identity;
  if (identity?.role === "ADMIN") return;
  if (row.userId) {
    if (!identity) throw unauthenticated();
    if (identity.userId !== row.userId)
      throw forbidden("Only the author or an admin can change this comment");
    return;
  }
  if (!guestPassword) throw forbidden("Give this comment's password");
  if (!row.guestPasswordHash || !(await verify(row.guestPasswordHash, guestPassword))) {
    throw forbidden("Wrong password");
  }
}

async function findLiveComment(ctx: ServiceContext, id: string): Promise<CommentRow> {
  const [row] = await ctx.db
    .select()
    .from(comments)
    .where(and(eq(comments.id, id), isNull(comments.deletedAt)));
  if (!row) throw notFound("No such comment");
  return row;
}

/** Applies a change to one comment under its post's counter lock, and publishes it with the new counters. */
async function changeComment(
  tx: Tx,
  id: string,
  type: "comment.updated" | "comment.deleted",
  change: Partial<CommentRow>,
  options: { liveOnly: boolean },
): Promise<CommentRow | null> {
  const [current] = await tx.select({ postId: comments.postId }).from(comments).where(eq(comments.id, id));
  if (!current) return null;
  if (!(await lockEngagement(tx, current.postId))) return null;
  const [row] = await tx
    .update(comments)
    .set(change)
    .where(options.liveOnly ? and(eq(comments.id, id), isNull(comments.deletedAt)) : eq(comments.id, id))
    .returning();
  if (!row) return null;
  await commentEvent(tx, type, row, await recountEngagement(tx, row.postId));
  return row;
}

/** A post's comment threads as this viewer sees them; null when the viewer may not see the post. */
export async function threadsOf(
  db: DbOrTx,
  postId: string,
  viewer: Viewer,
  page: { first: number; after?: string | undefined },
) {
  const [post] = await db.select().from(posts).where(eq(posts.id, postId));
  if (post?.deleted || (post && post.status !== "PUBLIC" && !viewer.admin)) return null;
  // A post the replica has not heard of yet simply has no comments.
  return listThreads(db, postId, viewer, page);
}

export function registerCommentRoutes(app: App, ctx: ServiceContext): void {
  app.get(
    "/v1/posts/:postId/comments",
    { schema: { params: postParams, querystring: commentPageQuery, response: { 200: commentThreadPage } } },
    async (req) => {
      const page = await threadsOf(ctx.db, req.params.postId, viewerOf(req), req.query);
      if (!page) throw notFound("No such post");
      return page;
    },
  );

  app.post(
    "/v1/posts/:postId/comments",
    {
      schema: { params: postParams, body: createCommentRequest, response: { 201: commentView } },
      config: guestLimit(ctx, 5),
    },
    async (req, reply) => {
      const { postId } = req.params;
      const body = req.body;
      const identity = req.identity;
      const viewer = viewerOf(req);
      if (identity && (body.guestName !== undefined || body.guestPassword !== undefined)) {
        throw badRequest("Signed-in users comment under their own name");
      }
      if (!identity && (body.guestName === undefined || body.guestPassword === undefined)) {
        throw badRequest("Guests give a name and a password");
      }
      if (!identity && body.secret) throw badRequest("Only signed-in users can write secret comments");
      const passwordHash = body.guestPassword === undefined ? null : await hash(body.guestPassword, ARGON2);

      const row = await ctx.db.transaction(async (tx) => {
        const [post] = await tx.select().from(posts).where(eq(posts.id, postId));
        if (!post || post.deleted) throw notFound("No such post");
        if (post.status !== "PUBLIC") {
          if (viewer.admin) throw badRequest("Comments are open only on public posts");
          throw notFound("No such post");
        }
        let authorName = body.guestName ?? "";
        if (identity) {
          const author = await findAuthor(tx, identity.userId);
          if (!author) {
            throw new HttpError(
              409,
              "PROFILE_NOT_READY",
              "Your profile is not available yet; try again shortly",
            );
          }
          if (author.status === "SUSPENDED") throw forbidden("This account is suspended");
          authorName = author.name;
        }
        let parentId: string | null = null;
        if (body.parentId) {
          const [target] = await tx.select().from(comments).where(eq(comments.id, body.parentId));
          if (!target || target.postId !== postId || target.deletedAt || !isVisibleRow(target, viewer)) {
            throw notFound("No such comment to reply to");
          }
          // Replies are one level deep: a reply to a reply joins its top-level comment.
          parentId = target.parentId ?? target.id;
        }
        if (!(await lockEngagement(tx, postId))) throw notFound("No such post");
        const now = new Date().toISOString();
        const [created] = await tx
          .insert(comments)
          .values({
            id: randomUUID(),
            postId,
            parentId,
            userId: identity?.userId ?? null,
            authorName,
            guestPasswordHash: passwordHash,
            content: body.content,
            secret: body.secret ?? false,
            // A guest's link waits for an admin: the usual shape of comment spam.
            status: !identity && hasLink(body.content) ? "PENDING" : "APPROVED",
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        await commentEvent(tx, "comment.created", created!, await recountEngagement(tx, postId));
        return created!;
      });
      const author = identity ? await findAuthor(ctx.db, identity.userId) : null;
      return reply.status(201).send(toCommentView(row, author, viewer));
    },
  );

  app.patch(
    "/v1/comments/:id",
    {
      schema: { params: commentParams, body: updateCommentRequest, response: { 200: commentView } },
      config: guestLimit(ctx, 10),
    },
    async (req) => {
      const viewer = viewerOf(req);
      const existing = await findLiveComment(ctx, req.params.id);
      await authoriseChange(req, existing, req.body.guestPassword);
      // A guest who edits a link in goes back to moderation, as a new one would.
      const status =
        !existing.userId && !viewer.admin && hasLink(req.body.content)
          ? ("PENDING" as const)
          : existing.status;
      const row = await ctx.db.transaction((tx) =>
        changeComment(
          tx,
          existing.id,
          "comment.updated",
          { content: req.body.content, edited: true, status, updatedAt: new Date().toISOString() },
          { liveOnly: true },
        ),
      );
      if (!row) throw notFound("No such comment");
      const author = row.userId ? await findAuthor(ctx.db, row.userId) : null;
      return toCommentView(row, author, viewer);
    },
  );

  app.delete(
    "/v1/comments/:id",
    {
      schema: { params: commentParams, body: deleteCommentRequest.nullish() },
      config: guestLimit(ctx, 10),
    },
    async (req, reply) => {
      const existing = await findLiveComment(ctx, req.params.id);
      await authoriseChange(req, existing, req.body?.guestPassword);
      const row = await ctx.db.transaction((tx) =>
        changeComment(
          tx,
          existing.id,
          "comment.deleted",
          { deletedAt: new Date().toISOString() },
          { liveOnly: true },
        ),
      );
      if (!row) throw notFound("No such comment");
      return reply.status(204).send();
    },
  );

  app.get(
    "/v1/me/comments",
    { schema: { querystring: commentPageQuery, response: { 200: commentWithPostPage } } },
    async (req) => {
      const user = requireUser(req);
      const viewer: Viewer = { userId: user.userId, admin: user.role === "ADMIN" };
      return listCommentsWithPost(
        ctx.db,
        viewer,
        and(eq(comments.userId, user.userId), isNull(comments.deletedAt)),
        req.query,
      );
    },
  );

  app.get(
    "/v1/comments/recent",
    { schema: { querystring: recentCommentsQuery, response: { 200: recentComments } } },
    async (req) => listRecentComments(ctx.db, viewerOf(req), req.query.limit),
  );

  app.get(
    "/v1/admin/comments",
    { schema: { querystring: adminCommentQuery, response: { 200: commentWithPostPage } } },
    async (req) => {
      requireAdmin(req);
      const { status, includeDeleted, ...page } = req.query;
      return listCommentsWithPost(
        ctx.db,
        viewerOf(req),
        and(
          status ? eq(comments.status, status) : undefined,
          includeDeleted ? undefined : isNull(comments.deletedAt),
        ),
        page,
        { revealDeleted: true },
      );
    },
  );

  app.patch(
    "/v1/admin/comments/:id/status",
    { schema: { params: commentParams, body: setCommentStatusRequest, response: { 200: commentView } } },
    async (req) => {
      requireAdmin(req);
      const row = await ctx.db.transaction((tx) =>
        changeComment(
          tx,
          req.params.id,
          "comment.updated",
          { status: req.body.status, updatedAt: new Date().toISOString() },
          { liveOnly: false },
        ),
      );
      if (!row) throw notFound("No such comment");
      const author = row.userId ? await findAuthor(ctx.db, row.userId) : null;
      return toCommentView(row, author, viewerOf(req), { revealDeleted: true });
    },
  );

  app.post(
    "/v1/admin/comments/bulk-delete",
    {
      schema: {
        body: bulkDeleteCommentsRequest,
        response: { 200: z.object({ deleted: z.number().int() }) },
      },
    },
    async (req) => {
      requireAdmin(req);
      const deleted = await ctx.db.transaction(async (tx) => {
        // Post by post, in one order, so two bulk deletes never wait on each other's counter locks.
        const targets = await tx
          .select({ id: comments.id })
          .from(comments)
          .where(and(inArray(comments.id, req.body.ids), isNull(comments.deletedAt)))
          .orderBy(asc(comments.postId), asc(comments.id));
        let n = 0;
        const now = new Date().toISOString();
        for (const { id } of targets) {
          if (await changeComment(tx, id, "comment.deleted", { deletedAt: now }, { liveOnly: true })) n++;
        }
        return n;
      });
      return { deleted };
    },
  );
}
