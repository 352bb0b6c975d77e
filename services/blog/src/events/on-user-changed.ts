import { batchHandler, type EventHandlers, newestPerAggregate } from "@quire/service-kit";
import { sql } from "drizzle-orm";
import { authors } from "../schema";

/** Keeps the author replica: upsert the full state, but only over an older version. */
const upsertAuthors = batchHandler<"user.registered" | "user.profile.updated" | "user.status.changed">(
  async (tx, events) => {
    await tx
      .insert(authors)
      .values(
        newestPerAggregate(events).map((event) => ({
          id: event.aggregateId,
          name: event.payload.name,
          avatarUrl: event.payload.avatarUrl,
          version: event.aggregateVersion,
        })),
      )
      .onConflictDoUpdate({
        target: authors.id,
        set: {
          name: sql`excluded.name`,
          avatarUrl: sql`excluded.avatar_url`,
          version: sql`excluded.version`,
        },
        setWhere: sql`${authors.version} < excluded.version`,
      });
  },
);

export const authorReplicaHandlers: EventHandlers = {
  "user.registered": upsertAuthors,
  "user.profile.updated": upsertAuthors,
  "user.status.changed": upsertAuthors,
};
