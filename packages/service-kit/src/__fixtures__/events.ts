import type { EventEnvelope } from "@quire/contracts";

/** A user's rename at a version, for the kit's tests of consumers and replicas; the id is `<user>-v<version>`. */
export function userRenamed(id: string, name: string, aggregateVersion: number): EventEnvelope {
  return {
    id: `${id}-v${aggregateVersion}`,
    type: "user.profile.updated",
    version: 1,
    aggregateId: id,
    aggregateVersion,
    occurredAt: new Date().toISOString(),
    traceparent: null,
    payload: { id, name, avatarUrl: null, bio: null, role: "USER", status: "ACTIVE" },
  };
}
