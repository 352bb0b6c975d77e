import {
  bookmarkPage,
  bookmarkResult,
  commentPageQuery,
  engagementList,
  engagementQuery,
  engagementSnapshot,
  engagementSnapshotQuery,
  likeResult,
  removeBookmarksRequest,
  viewerState,
} from "@quire/contracts";
import {
  type App,
  type DbOrTx,
  notFound,
  rateLimit,
  requireUser,
  type ServiceContext,
  type Tx,
  timeCursor,
} from "@quire/service-kit";
import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { ServiceRequest } from "../comments/view";
import { appendEngagementEvent, lockEngagement, recountEngagement } from "../engagement/counters";
import { likerKey } from "../engagement/visitor";
import { bookmarks, engagement, likes, posts } from "../schema";

const postParams = z.object({ postId: z.string().min(1).max(100) });

/** Likes and bookmarks are for public posts only. */
async function requirePublicPost(tx: DbOrTx, postId: string) {
  const [post] = await tx.select().from(posts).where(eq(posts.id, postId));
  if (!post || post.deleted || post.status !== "PUBLIC") throw notFound("No such post");
  return post;
}

/** Flips one user's bookmark of a post under the post's counter lock, and publishes it. */
async function setBookmark(
  tx: Tx,
  userId: string,
  postId: string,
  want: boolean | "toggle",
): Promise<boolean | null> {
  if (!(await lockEngagement(tx, postId))) {
    if (want === false) return null;
    throw notFound("No such post");
  }
  const removed = await tx
    .delete(bookmarks)
    .where(and(eq(bookmarks.userId, userId), eq(bookmarks.postId, postId)))
    .returning({ postId: bookmarks.postId });
  let bookmarked = false;
  if (removed.length === 0) {
    if (want === false) return null;
    await tx
      .insert(bookmarks)
      .values({ userId, postId, createdAt: new Date().toISOString() })
      .onConflictDoNothing();
    bookmarked = true;
  }
  await appendEngagementEvent(tx, "bookmark.toggled", await recountEngagement(tx, postId), {
    userId,
    bookmarked,
  });
  return bookmarked;
}

/** Counters of these posts and, for a signed-in viewer, whether they liked and bookmarked each. */
export async function engagementOf(db: DbOrTx, ids: string[], userId: string | undefined) {
  const counters = await db.select().from(engagement).where(inArray(engagement.postId, ids));
  const byPost = new Map(counters.map((c) => [c.postId, c]));
  const liked = userId
    ? new Set(
        (
          await db
            .select({ postId: likes.postId })
            .from(likes)
            .where(and(inArray(likes.postId, ids), eq(likes.likerKey, `u:${userId}`)))
        ).map((r) => r.postId),
      )
    : null;
  const bookmarked = userId
    ? new Set(
        (
          await db
            .select({ postId: bookmarks.postId })
            .from(bookmarks)
            .where(and(inArray(bookmarks.postId, ids), eq(bookmarks.userId, userId)))
        ).map((r) => r.postId),
      )
    : null;
  return ids.map((postId) => ({
    postId,
    likeCount: byPost.get(postId)?.likeCount ?? 0,
    commentCount: byPost.get(postId)?.commentCount ?? 0,
    ...(liked && bookmarked ? { liked: liked.has(postId), bookmarked: bookmarked.has(postId) } : {}),
  }));
}

export function registerEngagementRoutes(app: App, ctx: ServiceContext): void {
  app.post(
    "/v1/posts/:postId/like",
    {
      schema: { params: postParams, response: { 200: likeResult } },
      config: {
        rateLimit: {
          ...rateLimit(ctx.config, 30, "1 minute"),
          allowList: (req: ServiceRequest) => req.identity !== null,
        },
      },
    },
    async (req) => {
      const key = likerKey(req, ctx.config);
      const { postId } = req.params;
      return ctx.db.transaction(async (tx) => {
        await requirePublicPost(tx, postId);
        // The lock makes a double click two toggles in turn; the primary key keeps one row per liker anyway.
        if (!(await lockEngagement(tx, postId))) throw notFound("No such post");
        const removed = await tx
          .delete(likes)
          .where(and(eq(likes.postId, postId), eq(likes.likerKey, key)))
          .returning({ postId: likes.postId });
        const liked = removed.length === 0;
        if (liked) await tx.insert(likes).values({ postId, likerKey: key }).onConflictDoNothing();
        const counters = await recountEngagement(tx, postId);
        await appendEngagementEvent(tx, "like.toggled", counters, { liked });
        return { liked, likeCount: counters.likeCount };
      });
    },
  );

  app.get(
    "/v1/posts/:postId/viewer-state",
    { schema: { params: postParams, response: { 200: viewerState } } },
    async (req) => {
      const { postId } = req.params;
      const [like] = await ctx.db
        .select({ postId: likes.postId })
        .from(likes)
        .where(and(eq(likes.postId, postId), eq(likes.likerKey, likerKey(req, ctx.config))));
      const userId = req.identity?.userId;
      const [bookmark] = userId
        ? await ctx.db
            .select({ postId: bookmarks.postId })
            .from(bookmarks)
            .where(and(eq(bookmarks.userId, userId), eq(bookmarks.postId, postId)))
        : [];
      return { liked: like !== undefined, bookmarked: bookmark !== undefined };
    },
  );

  app.post(
    "/v1/posts/:postId/bookmark",
    { schema: { params: postParams, response: { 200: bookmarkResult } } },
    async (req) => {
      const user = requireUser(req);
      const { postId } = req.params;
      const bookmarked = await ctx.db.transaction(async (tx) => {
        await requirePublicPost(tx, postId);
        return setBookmark(tx, user.userId, postId, "toggle");
      });
      return { bookmarked: bookmarked === true };
    },
  );

  app.get(
    "/v1/me/bookmarks",
    { schema: { querystring: commentPageQuery, response: { 200: bookmarkPage } } },
    async (req) => {
      const user = requireUser(req);
      const { first, after } = req.query;
      const cursor = after ? timeCursor.decode(after) : null;
      const rows = await ctx.db
        .select({
          post: { id: posts.id, slug: posts.slug, title: posts.title },
          createdAt: bookmarks.createdAt,
        })
        .from(bookmarks)
        .innerJoin(posts, eq(posts.id, bookmarks.postId))
        .where(
          and(
            eq(bookmarks.userId, user.userId),
            eq(posts.deleted, false),
            cursor
              ? sql`(${bookmarks.createdAt}, ${bookmarks.postId}) < (${cursor.at}::timestamptz, ${cursor.id})`
              : undefined,
          ),
        )
        .orderBy(desc(bookmarks.createdAt), desc(bookmarks.postId))
        .limit(first + 1);
      const page = rows.slice(0, first);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          post: r.post,
          bookmarkedAt: new Date(r.createdAt).toISOString(),
          cursor: timeCursor.encode(r.createdAt, r.post.id),
        })),
        pageInfo: {
          hasNextPage: rows.length > first,
          endCursor: last ? timeCursor.encode(last.createdAt, last.post.id) : null,
        },
      };
    },
  );

  app.post(
    "/v1/me/bookmarks/remove",
    { schema: { body: removeBookmarksRequest, response: { 200: z.object({ removed: z.number().int() }) } } },
    async (req) => {
      const user = requireUser(req);
      // One order of locks, so concurrent removals never deadlock.
      const postIds = [...new Set(req.body.postIds)].sort();
      const removed = await ctx.db.transaction(async (tx) => {
        const present = await tx
          .select({ postId: bookmarks.postId })
          .from(bookmarks)
          .where(and(eq(bookmarks.userId, user.userId), inArray(bookmarks.postId, postIds)));
        const have = new Set(present.map((p) => p.postId));
        let n = 0;
        for (const postId of postIds.filter((id) => have.has(id))) {
          if ((await setBookmark(tx, user.userId, postId, false)) === false) n++;
        }
        return n;
      });
      return { removed };
    },
  );

  app.get(
    "/v1/posts/engagement",
    { schema: { querystring: engagementQuery, response: { 200: engagementList } } },
    async (req) => ({ items: await engagementOf(ctx.db, req.query.ids, req.identity?.userId) }),
  );

  app.get(
    "/internal/engagement/snapshot",
    { schema: { querystring: engagementSnapshotQuery, response: { 200: engagementSnapshot } } },
    async (req) => {
      const { first, after } = req.query;
      const rows = await ctx.db
        .select()
        .from(engagement)
        .where(after ? gt(engagement.postId, after) : undefined)
        .orderBy(asc(engagement.postId))
        .limit(first + 1);
      const page = rows.slice(0, first);
      return {
        items: page.map(({ postId, likeCount, commentCount, version }) => ({
          postId,
          likeCount,
          commentCount,
          version,
        })),
        pageInfo: { hasNextPage: rows.length > first, endCursor: page.at(-1)?.postId ?? null },
      };
    },
  );
}
