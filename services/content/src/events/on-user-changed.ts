import { type EventHandlers, versionedUpsert } from "@quire/service-kit";
import { authors } from "../schema";

/** Keeps the author replica: upsert the full state, but only over an older version. */
export const authorReplicaHandlers: EventHandlers = versionedUpsert({
  events: ["user.registered", "user.profile.updated", "user.status.changed"],
  table: authors,
  key: authors.id,
  version: authors.version,
  row: (event) => ({
    id: event.aggregateId,
    name: event.payload.name,
    avatarUrl: event.payload.avatarUrl,
    status: event.payload.status,
    version: event.aggregateVersion,
  }),
});
