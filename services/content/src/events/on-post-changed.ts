import { type EventHandler, type EventHandlers, type Tx, versionedUpsert } from "@quire/service-kit";
import { eq, sql } from "drizzle-orm";
import { lockEngagementRow } from "../engagement/counters";
import { bookmarks, comments, engagement, likes, posts } from "../schema";

/** Keeps the post replica: the full state, applied only over an older version (a tombstone included). */
const upsertPosts = versionedUpsert({
  events: ["post.created", "post.updated", "post.published"],
  table: posts,
  key: posts.id,
  version: posts.version,
  row: (event) => ({
    id: event.aggregateId,
    slug: event.payload.slug,
    title: event.payload.title,
    status: event.payload.status,
    deleted: false,
    version: event.aggregateVersion,
  }),
});

/**
 * A deleted post becomes a tombstone (its version is above every update's, so no late update revives it),
 * and its comments, likes, bookmarks and counters go. Deleting is idempotent, so it runs on every delivery.
 */
const deletePost: EventHandler<"post.deleted"> = async (tx, event) => {
  await tx
    .insert(posts)
    .values({
      id: event.aggregateId,
      slug: event.payload.slug,
      title: "",
      status: "DRAFT",
      deleted: true,
      version: event.aggregateVersion,
    })
    .onConflictDoUpdate({
      target: posts.id,
      set: { deleted: sql`true`, version: sql`excluded.version` },
      setWhere: sql`${posts.version} < excluded.version`,
    });
  await cascadePostDelete(tx, event.aggregateId);
};

export async function cascadePostDelete(tx: Tx, postId: string): Promise<void> {
  // Writers hold this lock from before they check the post until they commit: taking it first means every
  // like, bookmark or comment committed by then is seen and deleted, and every later one sees the tombstone.
  await lockEngagementRow(tx, postId);
  // Replies first: they reference their top-level comment.
  await tx.delete(comments).where(sql`${comments.postId} = ${postId} and ${comments.parentId} is not null`);
  await tx.delete(comments).where(eq(comments.postId, postId));
  await tx.delete(likes).where(eq(likes.postId, postId));
  await tx.delete(bookmarks).where(eq(bookmarks.postId, postId));
  await tx.delete(engagement).where(eq(engagement.postId, postId));
}

export const postReplicaHandlers: EventHandlers = { ...upsertPosts, "post.deleted": deletePost };
