import { z } from "zod";

/**
 * Every content event carries the post's engagement counters as they stand after the change, so a consumer
 * sets its counters absolutely; the envelope's aggregateId is the post id and aggregateVersion the version of
 * those counters, so a stale event is recognised and ignored.
 */
const engagementState = z.object({
  postId: z.string(),
  likeCount: z.number().int().nonnegative(),
  commentCount: z.number().int().nonnegative(),
});

export const commentEventDetails = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  authorName: z.string(),
  /** Null for a secret comment: only its author and admins may read it. */
  excerpt: z.string().nullable(),
  secret: z.boolean(),
  status: z.enum(["APPROVED", "PENDING", "SPAM"]),
  createdAt: z.string(),
});

const commentEvent = engagementState.extend({ comment: commentEventDetails });

/** Produced by content. */
export const contentEvents = {
  "comment.created": { version: 1, payload: commentEvent },
  "comment.updated": { version: 1, payload: commentEvent },
  "comment.deleted": { version: 1, payload: commentEvent },
  "like.toggled": { version: 1, payload: engagementState.extend({ liked: z.boolean() }) },
  "bookmark.toggled": {
    version: 1,
    payload: engagementState.extend({ userId: z.string(), bookmarked: z.boolean() }),
  },
} as const;
