import type { EventEnvelope, UserState } from "@quire/contracts";
import { callInternal, type ServiceContext, snapshotEnvelope } from "@quire/service-kit";

interface UsersSnapshot {
  users: { id: string; version: number; state: UserState }[];
}

/** Auth's users as `user.profile.updated` envelopes carrying each user's full state and version. */
export async function authUserEnvelopes(ctx: ServiceContext, replica: string): Promise<EventEnvelope[]> {
  const { users } = await callInternal<UsersSnapshot>(ctx.config, "auth", "/internal/users/snapshot");
  return users.map((u) => snapshotEnvelope(replica, "user.profile.updated", u.id, u.version, u.state));
}
