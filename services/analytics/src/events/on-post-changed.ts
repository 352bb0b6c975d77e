import { type EventHandler, type EventHandlers, versionedUpsert } from "@quire/service-kit";
import { eq, sql } from "drizzle-orm";
import { posts, postViews, postViewTotals } from "../schema";

/** Keeps the post replica: the full state, applied only over an older version and never over a tombstone. */
const upsertPosts = versionedUpsert({
  events: ["post.created", "post.updated", "post.published"],
  table: posts,
  key: posts.id,
  version: posts.version,
  row: (event) => ({ id: event.aggregateId, status: event.payload.status, version: event.aggregateVersion }),
  onlyIf: sql`not ${posts.deleted}`,
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

export const postReplicaHandlers: EventHandlers = { ...upsertPosts, "post.deleted": deletePost };
