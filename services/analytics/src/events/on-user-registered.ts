import type { EventHandler, EventHandlers } from "@quire/service-kit";
import { sql } from "drizzle-orm";
import { users } from "../schema";

/** A sign-up, dated by when auth recorded it; filling in a tombstone keeps it deleted. */
const registerUser: EventHandler<"user.registered"> = async (tx, event) => {
  await tx
    .insert(users)
    .values({ id: event.aggregateId, name: event.payload.name, registeredAt: event.occurredAt })
    .onConflictDoUpdate({
      target: users.id,
      set: { name: sql`excluded.name`, registeredAt: sql`excluded.registered_at` },
      setWhere: sql`${users.registeredAt} is null`,
    });
};

/** Deletion is final, whatever order the events arrive in. */
const deleteUser: EventHandler<"user.deleted"> = async (tx, event) => {
  await tx
    .insert(users)
    .values({ id: event.aggregateId, name: "", deleted: true })
    .onConflictDoUpdate({ target: users.id, set: { deleted: true } });
};

export const userHandlers: EventHandlers = {
  "user.registered": registerUser,
  "user.deleted": deleteUser,
};
