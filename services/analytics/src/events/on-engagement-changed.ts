import { type EventHandlers, versionedUpsert } from "@quire/service-kit";
import { postEngagement } from "../schema";

/**
 * Content's events carry a post's like and comment counts after the change, versioned per post: keep the
 * newest counters of each post; the dashboard sums them.
 */
export const engagementHandlers: EventHandlers = versionedUpsert({
  events: ["comment.created", "comment.updated", "comment.deleted", "like.toggled"],
  table: postEngagement,
  key: postEngagement.postId,
  version: postEngagement.version,
  row: (event) => ({
    postId: event.aggregateId,
    likeCount: event.payload.likeCount,
    commentCount: event.payload.commentCount,
    version: event.aggregateVersion,
  }),
});
