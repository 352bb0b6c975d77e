import { batchHandler, type EventHandlers, newestPerAggregate } from "@quire/service-kit";
import { sql } from "drizzle-orm";
import { postEngagement } from "../schema";

type EngagementEvent = "comment.created" | "comment.updated" | "comment.deleted" | "like.toggled";

/**
 * Content's events carry a post's like and comment counts after the change, versioned per post: keep the
 * newest counters of each post; the dashboard sums them.
 */
const setEngagement = batchHandler<EngagementEvent>(async (tx, events) => {
  await tx
    .insert(postEngagement)
    .values(
      newestPerAggregate(events).map((event) => ({
        postId: event.aggregateId,
        likeCount: event.payload.likeCount,
        commentCount: event.payload.commentCount,
        version: event.aggregateVersion,
      })),
    )
    .onConflictDoUpdate({
      target: postEngagement.postId,
      set: {
        likeCount: sql`excluded.like_count`,
        commentCount: sql`excluded.comment_count`,
        version: sql`excluded.version`,
      },
      setWhere: sql`${postEngagement.version} < excluded.version`,
    });
});

export const engagementHandlers: EventHandlers = {
  "comment.created": setEngagement,
  "comment.updated": setEngagement,
  "comment.deleted": setEngagement,
  "like.toggled": setEngagement,
};
