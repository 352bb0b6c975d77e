import type { EventPayload, EventType } from "@quire/contracts";
import { appendEvent, type Tx } from "@quire/service-kit";
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { comments, engagement, likes, posts } from "../schema";

export interface Counters {
  postId: string;
  likeCount: number;
  commentCount: number;
  version: number;
}

/**
 * Takes the post's counter row lock (creating the row if needed). Every like, bookmark and comment change
 * takes it first, and so does a post's delete cascade, so they run one after another on a post.
 */
export async function lockEngagementRow(tx: Tx, postId: string): Promise<void> {
  await tx.insert(engagement).values({ postId }).onConflictDoNothing();
  await tx
    .select({ postId: engagement.postId })
    .from(engagement)
    .where(eq(engagement.postId, postId))
    .for("update");
}

/**
 * Locks the post's counters before a like, bookmark or comment change, so each recount sees the others' rows;
 * false when the post was deleted (its delete may have committed while this waited for the lock), and then
 * the change must write nothing: the cascade has already run and would not see a row added now.
 */
export async function lockEngagement(tx: Tx, postId: string): Promise<boolean> {
  await lockEngagementRow(tx, postId);
  const [post] = await tx.select({ deleted: posts.deleted }).from(posts).where(eq(posts.id, postId));
  if (!post?.deleted) return true;
  // A deleted post keeps no counters; this lock may have just created the row.
  await tx.delete(engagement).where(eq(engagement.postId, postId));
  return false;
}

const parent = alias(comments, "parent");

/** Comments every reader sees: approved, not deleted, under an approved top-level comment if a reply. */
export async function countVisibleComments(tx: Tx, postId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(comments)
    .where(
      and(
        eq(comments.postId, postId),
        isNull(comments.deletedAt),
        eq(comments.status, "APPROVED"),
        sql`(${comments.parentId} is null or exists (select 1 from comments as parent where ${parent.id} = ${comments.parentId} and ${parent.status} = 'APPROVED'))`,
      ),
    );
  return row?.n ?? 0;
}

/** Recounts from the rows (so the counters cannot drift) and bumps the version; call after lockEngagement. */
export async function recountEngagement(tx: Tx, postId: string): Promise<Counters> {
  const [likeRow] = await tx.select({ n: count() }).from(likes).where(eq(likes.postId, postId));
  const commentCount = await countVisibleComments(tx, postId);
  const [row] = await tx
    .update(engagement)
    .set({ likeCount: likeRow?.n ?? 0, commentCount, version: sql`${engagement.version} + 1` })
    .where(eq(engagement.postId, postId))
    .returning();
  if (!row) throw new Error(`engagement row of ${postId} is not locked`);
  return row;
}

type EngagementEvent =
  | "comment.created"
  | "comment.updated"
  | "comment.deleted"
  | "like.toggled"
  | "bookmark.toggled";

/** Publishes a change with the counters as they now stand; the counter version orders the events. */
export async function appendEngagementEvent<T extends EngagementEvent & EventType>(
  tx: Tx,
  type: T,
  counters: Counters,
  details: Omit<EventPayload<T>, "postId" | "likeCount" | "commentCount">,
): Promise<void> {
  await appendEvent(tx, {
    type,
    aggregateId: counters.postId,
    aggregateVersion: counters.version,
    payload: {
      postId: counters.postId,
      likeCount: counters.likeCount,
      commentCount: counters.commentCount,
      ...details,
    } as EventPayload<T>,
  });
}
