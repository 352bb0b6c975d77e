import type { EventEnvelope, engagementSnapshot } from "@quire/contracts";
import { callInternal, type ServiceContext, snapshotEnvelope } from "@quire/service-kit";
import type { z } from "zod";

/**
 * Content's per-post like and comment totals, page by page, as `like.toggled` envelopes versioned by the
 * post's engagement version (the handler reads only the totals; `liked` is there for the payload schema).
 */
export async function contentEngagementEnvelopes(
  ctx: ServiceContext,
  replica: string,
  pageSize = 1000,
): Promise<EventEnvelope[]> {
  const envelopes: EventEnvelope[] = [];
  let after: string | null = null;
  for (;;) {
    const query: string = after ? `&after=${encodeURIComponent(after)}` : "";
    const page: z.infer<typeof engagementSnapshot> = await callInternal(
      ctx.config,
      "content",
      `/internal/engagement/snapshot?first=${pageSize}${query}`,
    );
    for (const { postId, likeCount, commentCount, version } of page.items) {
      envelopes.push(
        snapshotEnvelope(replica, "like.toggled", postId, version, {
          postId,
          likeCount,
          commentCount,
          liked: false,
        }),
      );
    }
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return envelopes;
    after = page.pageInfo.endCursor;
  }
}
