import { type EventEnvelope, type EventPayload, type EventType, eventCatalog } from "@quire/contracts";
import type { ServiceName } from "../config";
import type { Database } from "../db/database";
import type { ServiceContext } from "../http/create-service";
import { applyHandled, type EventHandlers, handledEvent } from "../inbox/consumer";

/**
 * A read model kept from another service's events that can be rebuilt from that service's snapshot
 * endpoint. The rebuild goes through the consumer's own version-guarded handlers, so it never overwrites
 * newer state and events arriving during or after it still win; nothing is truncated.
 */
export interface ReplicaDefinition {
  name: string;
  /** Whose snapshot it reads. */
  producer: ServiceName;
  /** Reads the producer's snapshot (via callInternal, following pages if any) as envelopes for `handlers`. */
  snapshot(ctx: ServiceContext): Promise<EventEnvelope[]>;
  /** The consumer's own version-guarded handlers: a snapshot item never overwrites newer state. */
  handlers: EventHandlers;
}

export const SNAPSHOT_BATCH_SIZE = 200;

/**
 * An envelope made from a snapshot item. Its id never matches a real event's, so neither can shadow the
 * other in an inbox (and the rebuild does not use the inbox anyway).
 */
export function snapshotEnvelope<T extends EventType>(
  replica: string,
  type: T,
  aggregateId: string,
  aggregateVersion: number,
  payload: EventPayload<T>,
): EventEnvelope<EventPayload<T>> {
  return {
    id: `snapshot:${replica}:${aggregateId}:${aggregateVersion}`,
    type,
    version: eventCatalog[type].version,
    aggregateId,
    aggregateVersion,
    occurredAt: new Date().toISOString(),
    traceparent: null,
    payload,
  };
}

/**
 * Applies snapshot envelopes through the replica's handlers, a batch per transaction so a large snapshot
 * neither holds one long transaction nor commits row by row. Payloads are validated against the catalog
 * first, as for a delivered event, so a bad snapshot changes nothing. Returns how many items were applied
 * (each handler still decides, by version, whether its row changes).
 */
export async function applySnapshot(
  database: Database,
  replica: Pick<ReplicaDefinition, "name" | "handlers">,
  envelopes: EventEnvelope[],
  batchSize = SNAPSHOT_BATCH_SIZE,
): Promise<number> {
  const prepared = envelopes.map((envelope) => {
    const item = handledEvent(envelope, replica.handlers);
    if (!item) throw new Error(`replica ${replica.name}: no handler for ${envelope.type}`);
    return item;
  });
  for (let start = 0; start < prepared.length; start += batchSize) {
    const batch = prepared.slice(start, start + batchSize);
    await database.db.transaction((tx) => applyHandled(tx, batch));
  }
  return prepared.length;
}

/** Reads the producer's snapshot and applies it. */
export async function rebuildReplica(
  ctx: ServiceContext,
  replica: ReplicaDefinition,
): Promise<{ replica: string; applied: number }> {
  const envelopes = await replica.snapshot(ctx);
  const applied = await applySnapshot(ctx.database, replica, envelopes);
  ctx.log.info({ replica: replica.name, producer: replica.producer, applied }, "replica rebuilt");
  return { replica: replica.name, applied };
}
