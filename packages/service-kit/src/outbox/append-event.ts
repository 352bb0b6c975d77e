import { randomUUID } from "node:crypto";
import { type EventEnvelope, type EventPayload, type EventType, eventCatalog } from "@quire/contracts";
import { sql } from "drizzle-orm";
import type { Tx } from "../db/database";
import { outbox } from "../db/kit-tables";

export const OUTBOX_CHANNEL = "quire_outbox";

export interface NewEvent<T extends EventType> {
  type: T;
  aggregateId: string;
  aggregateVersion: number;
  payload: EventPayload<T>;
  traceparent?: string | null;
}

/**
 * Writes an event to the outbox, and its row to the relay's queue, inside the caller's transaction, so the
 * event exists exactly when the state change it describes commits. The NOTIFY is delivered on commit and
 * wakes the relay.
 */
export async function appendEvent<T extends EventType>(tx: Tx, event: NewEvent<T>): Promise<EventEnvelope> {
  const spec = eventCatalog[event.type];
  const envelope: EventEnvelope = {
    id: randomUUID(),
    type: event.type,
    version: spec.version,
    aggregateId: event.aggregateId,
    aggregateVersion: event.aggregateVersion,
    occurredAt: new Date().toISOString(),
    traceparent: event.traceparent ?? null,
    payload: spec.payload.parse(event.payload),
  };
  const [row] = await tx
    .insert(outbox)
    .values({
      id: envelope.id,
      type: envelope.type,
      version: envelope.version,
      aggregateId: envelope.aggregateId,
      aggregateVersion: envelope.aggregateVersion,
      occurredAt: envelope.occurredAt,
      traceparent: envelope.traceparent,
      payload: envelope.payload,
    })
    .returning({ seq: outbox.seq });
  await tx.execute(
    sql`with queued as (insert into outbox_pending (seq) values (${row!.seq}) returning seq)
        select pg_notify(${OUTBOX_CHANNEL}, '') from queued`,
  );
  return envelope;
}
