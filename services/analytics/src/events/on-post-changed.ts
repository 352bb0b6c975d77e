import { batchHandler, type EventHandler, type EventHandlers, newestPerAggregate } from "@quire/service-kit";
import { eq, sql } from "drizzle-orm";
import { posts, postViews, postViewTotals } from "../schema";

/** Keeps the post replica: the full state, applied only over an older version and never over a tombstone. */
const upsertPosts = batchHandler<"post.created" | "post.updated" | "post.published">(async (tx, events) => {
  await tx
    .insert(posts)
    .values(
      newestPerAggregate(events).map((event) => ({
        id: event.aggregateId,
        status: event.payload.status,
        version: event.aggregateVersion,
      })),
    )
    .onConflictDoUpdate({
      target: posts.id,
      set: { status: sql`excluded.status`, version: sql`excluded.version` },
      setWhere: sql`${posts.version} < excluded.version and not ${posts.deleted}`,
    });
});

/** A deleted post becomes a tombstone (so late updates cannot revive it) and loses its views. */
const deletePost: EventHandler<"post.deleted"> = async (tx, event) => {
  await tx
    .insert(posts)
    .values({ id: event.aggregateId, status: "DRAFT", deleted: true, version: event.aggregateVersion })
    .onConflictDoUpdate({
      target: posts.id,
      set: { deleted: true, version: sql`greatest(${posts.version}, excluded.version)` },
    });
  await tx.delete(postViews).where(eq(postViews.postId, event.aggregateId));
  await tx.delete(postViewTotals).where(eq(postViewTotals.postId, event.aggregateId));
};

export const postReplicaHandlers: EventHandlers = {
  "post.created": upsertPosts,
  "post.updated": upsertPosts,
  "post.published": upsertPosts,
  "post.deleted": deletePost,
};
