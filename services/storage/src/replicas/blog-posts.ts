import type { EventEnvelope, postSnapshot } from "@quire/contracts";
import { callInternal, type ServiceContext, snapshotEnvelope } from "@quire/service-kit";
import type { z } from "zod";

/**
 * Blog's posts as `post.updated` envelopes (full state, post version) and its tombstones as `post.deleted`
 * envelopes with the delete's version, so a rebuilt replica drops a deleted post for good.
 */
export async function blogPostEnvelopes(ctx: ServiceContext, replica: string): Promise<EventEnvelope[]> {
  const snapshot = await callInternal<z.infer<typeof postSnapshot>>(
    ctx.config,
    "blog",
    "/internal/posts/snapshot",
  );
  return [
    ...snapshot.posts.map(({ version, ...state }) =>
      snapshotEnvelope(replica, "post.updated", state.id, version, state),
    ),
    ...snapshot.deleted.map(({ id, slug, version }) =>
      snapshotEnvelope(replica, "post.deleted", id, version, { id, slug }),
    ),
  ];
}
