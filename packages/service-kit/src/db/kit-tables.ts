import { bigint, bigserial, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** Drizzle views of the kit's own tables (created by migrations/0001_outbox_inbox.sql and 0006). */
export const outbox = pgTable("outbox", {
  seq: bigserial("seq", { mode: "number" }).primaryKey(),
  id: text("id").notNull().unique(),
  type: text("type").notNull(),
  version: integer("version").notNull(),
  aggregateId: text("aggregate_id").notNull(),
  aggregateVersion: integer("aggregate_version").notNull(),
  occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "string" }).notNull(),
  traceparent: text("traceparent"),
  payload: jsonb("payload").notNull(),
});

/** The outbox's unpublished events: the relay claims a batch by deleting its rows. */
export const outboxPending = pgTable("outbox_pending", {
  seq: bigint("seq", { mode: "number" }).primaryKey(),
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
});

export const inbox = pgTable(
  "inbox",
  {
    consumer: text("consumer").notNull(),
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    processedAt: timestamp("processed_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
);

export const deadLetters = pgTable("dead_letters", {
  id: text("id").primaryKey(),
  queue: text("queue").notNull(),
  eventId: text("event_id").notNull(),
  type: text("type").notNull(),
  envelope: jsonb("envelope").notNull(),
  error: text("error").notNull(),
  attempts: integer("attempts").notNull(),
  deadAt: timestamp("dead_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
});
