import { type EventHandlers, versionedUpsert } from "@quire/service-kit";
import { postEngagement } from "../schema";

type EngagementEvent = "comment.created" | "comment.updated" | "comment.deleted" | "like.toggled";

/**
 * Content's events carry a post's like and comment counts after the change, versioned per post: keep the
 * newest counters of each post; the dashboard sums them.
 */
const setEngagement = versionedUpsert<EngagementEvent, typeof postEngagement>({
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

export const engagementHandlers: EventHandlers = {
  "comment.created": setEngagement,
  "comment.updated": setEngagement,
  "comment.deleted": setEngagement,
  "like.toggled": setEngagement,
};
