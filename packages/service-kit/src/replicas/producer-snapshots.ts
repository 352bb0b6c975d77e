import type { EventEnvelope, postSnapshot, UserState } from "@quire/contracts";
import type { z } from "zod";
import type { ServiceContext } from "../http/create-service";
import { callInternal } from "../http/internal-client";
import { snapshotEnvelope } from "./rebuild";

/**
 * The producers' snapshots as envelopes for the consumers' own handlers, read in one place because several
 * services keep replicas of the same producer.
 */

/** Auth's users as `user.profile.updated` envelopes carrying each user's full state and version. */
export async function authUserEnvelopes(ctx: ServiceContext, replica: string): Promise<EventEnvelope[]> {
  const { users } = await callInternal<{ users: { id: string; version: number; state: UserState }[] }>(
    ctx.config,
    "auth",
    "/internal/users/snapshot",
  );
  return users.map((u) => snapshotEnvelope(replica, "user.profile.updated", u.id, u.version, u.state));
}

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
