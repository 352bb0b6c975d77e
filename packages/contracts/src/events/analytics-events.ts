import { z } from "zod";

/**
 * Produced by analytics. `post.viewed` carries the post's total view count; aggregateId = postId and
 * aggregateVersion = that total, so a consumer sets its count absolutely and ignores an older total.
 */
export const analyticsEvents = {
  "post.viewed": {
    version: 1,
    payload: z.object({ postId: z.string(), viewCount: z.number().int().nonnegative() }),
  },
} as const;
