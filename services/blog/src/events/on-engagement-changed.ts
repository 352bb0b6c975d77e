import type { EventHandler, EventHandlers } from "@quire/service-kit";
import { and, eq, lt } from "drizzle-orm";
import { posts } from "../schema";

/*
 * Counters of a post kept from other services' events. Each stream carries absolute totals with its own
 * version (analytics: the view total; content: a per-post engagement version), so a duplicate or late event
 * is ignored by comparing versions, and the two streams never overwrite each other.
 */

/** post.viewed (analytics): the view total, versioned by that total. */
export const applyViewCount: EventHandler<"post.viewed"> = async (tx, event) => {
  const { postId, viewCount } = event.payload;
  await tx
    .update(posts)
    .set({ viewCount, viewsVersion: event.aggregateVersion })
    .where(and(eq(posts.id, postId), lt(posts.viewsVersion, event.aggregateVersion)));
};

type EngagementEvent =
  | "comment.created"
  | "comment.updated"
  | "comment.deleted"
  | "like.toggled"
  | "bookmark.toggled";

/** Content's events (comments, likes, bookmarks): like and comment totals, versioned per post. */
export const applyEngagement: EventHandler<EngagementEvent> = async (tx, event) => {
  const { postId, likeCount, commentCount } = event.payload;
  await tx
    .update(posts)
    .set({ likeCount, commentCount, engagementVersion: event.aggregateVersion })
    .where(and(eq(posts.id, postId), lt(posts.engagementVersion, event.aggregateVersion)));
};

export const viewCounterHandlers: EventHandlers = { "post.viewed": applyViewCount };

export const engagementCounterHandlers: EventHandlers = {
  "comment.created": applyEngagement,
  "comment.updated": applyEngagement,
  "comment.deleted": applyEngagement,
  "like.toggled": applyEngagement,
  // Bookmarks carry the same counters and advance the same version; applying them keeps counts fresh sooner.
  "bookmark.toggled": applyEngagement,
};
