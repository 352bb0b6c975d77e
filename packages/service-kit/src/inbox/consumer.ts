import { randomUUID } from "node:crypto";
import {
  type EventEnvelope,
  type EventPayload,
  type EventType,
  eventCatalog,
  isCatalogEvent,
} from "@quire/contracts";
import { desc, eq, sql } from "drizzle-orm";
import type { Bus, Delivery } from "../bus/types";
import { type Database, executedRows, type Tx } from "../db/database";
import { deadLetters } from "../db/kit-tables";

export type EventHandler<T extends EventType> = (
  tx: Tx,
  event: EventEnvelope<EventPayload<T>>,
) => Promise<void>;

/**
 * A handler that applies consecutive events it handles in one go (a statement for a group rather than one per
 * event). It must leave what applying them one by one, in order, would.
 */
export interface EventBatchHandler<T extends EventType> {
  readonly applyBatch: (tx: Tx, events: Array<EventEnvelope<EventPayload<T>>>) => Promise<void>;
}

export type EventHandlers = { [T in EventType]?: EventHandler<T> | EventBatchHandler<T> };

export function batchHandler<T extends EventType>(
  applyBatch: EventBatchHandler<T>["applyBatch"],
): EventBatchHandler<T> {
  return { applyBatch };
}

/**
 * The newest event of each aggregate, the first of equal versions. Upserting these over older rows leaves what
 * applying every event in order with a version guard would, in one statement (which may touch a row only once).
 */
export function newestPerAggregate<E extends Pick<EventEnvelope, "aggregateId" | "aggregateVersion">>(
  events: E[],
): E[] {
  const newest = new Map<string, E>();
  for (const event of events) {
    const kept = newest.get(event.aggregateId);
    if (!kept || kept.aggregateVersion < event.aggregateVersion) newest.set(event.aggregateId, event);
  }
  return [...newest.values()];
}

type AnyHandler = EventHandler<EventType> | EventBatchHandler<EventType>;

/** An event with its payload checked against the catalog, and the handler it goes to. */
export interface HandledEvent {
  event: EventEnvelope<EventPayload<EventType>>;
  handler: AnyHandler;
}

/** Looks up the handler and checks the payload; null when `handlers` has none for this type. */
export function handledEvent(envelope: EventEnvelope, handlers: EventHandlers): HandledEvent | null {
  if (!isCatalogEvent(envelope.type)) throw new Error(`unknown event type ${envelope.type}`);
  const handler = handlers[envelope.type] as AnyHandler | undefined;
  if (!handler) return null;
  const payload = eventCatalog[envelope.type].payload.parse(envelope.payload);
  return { event: { ...envelope, payload } as EventEnvelope<EventPayload<EventType>>, handler };
}

/** Applies events in order; consecutive events of one batch handler go to it together. */
export async function applyHandled(tx: Tx, items: HandledEvent[]): Promise<void> {
  for (let start = 0; start < items.length; ) {
    const { handler, event } = items[start] as HandledEvent;
    if (typeof handler === "function") {
      await handler(tx, event);
      start++;
      continue;
    }
    let end = start + 1;
    while (end < items.length && items[end]?.handler === handler) end++;
    await handler.applyBatch(
      tx,
      items.slice(start, end).map((item) => item.event),
    );
    start = end;
  }
}

/** A named consumer: its own queue (`<service>.<name>`) bound to the events it handles. */
export interface ConsumerDefinition {
  name: string;
  handlers: EventHandlers;
  maxAttempts?: number;
  retryDelayMs?: number;
}

export type ProcessOutcome = "processed" | "duplicate";

/**
 * Applies one event exactly once: the event id goes into the inbox in the same transaction as the
 * read-model change, so a redelivery finds the id and changes nothing. Handlers guard on aggregate versions
 * so a late, older event never overwrites newer state.
 */
export async function processEvent(
  database: Database,
  consumer: string,
  envelope: EventEnvelope,
  handlers: EventHandlers,
): Promise<ProcessOutcome> {
  const [outcome] = await applyEvents(database, consumer, [envelope], handlers);
  return outcome as ProcessOutcome;
}

/** Events applied in one transaction, in order; none opens when this consumer handles none of them. */
async function applyEvents(
  database: Database,
  consumer: string,
  envelopes: EventEnvelope[],
  handlers: EventHandlers,
): Promise<ProcessOutcome[]> {
  const group = envelopes.map((envelope) => handledEvent(envelope, handlers));
  if (group.every((item) => item === null)) return group.map(() => "duplicate");
  return database.db.transaction((tx) => applyGroup(tx, consumer, group));
}

/**
 * Applies events in one transaction, in order: their ids go into the inbox in one statement, and each event
 * whose id was not there yet (the first of any repeats) goes to its handler.
 */
async function applyGroup(
  tx: Tx,
  consumer: string,
  group: Array<HandledEvent | null>,
): Promise<ProcessOutcome[]> {
  const events = group.flatMap((item) => (item ? [item.event] : []));
  const fresh = new Set<string>();
  if (events.length > 0) {
    // Two array parameters rather than three per event: building and parsing the statement stays cheap for
    // a group of any size.
    const inserted = await tx.execute(sql`
      insert into inbox (consumer, event_id, type)
      select ${consumer}, id, type from unnest(${sql.param(events.map((e) => e.id))}::text[], ${sql.param(events.map((e) => e.type))}::text[]) as e(id, type)
      on conflict do nothing
      returning event_id`);
    for (const row of executedRows<{ event_id: string }>(inserted)) fresh.add(row.event_id);
  }
  const outcomes: ProcessOutcome[] = [];
  const toApply: HandledEvent[] = [];
  for (const item of group) {
    if (!item || !fresh.delete(item.event.id)) {
      outcomes.push("duplicate");
      continue;
    }
    toApply.push(item);
    outcomes.push("processed");
  }
  await applyHandled(tx, toApply);
  return outcomes;
}

/** Long enough to share a transaction's fixed cost, short enough not to hold a consumer's row locks long. */
const MAX_GROUP = 50;

/**
 * `processEvent` for one consumer, with group commit: deliveries that arrive while a transaction runs are
 * applied together, in arrival order, in the next one. Each delivery still settles on its own outcome, and
 * only after its transaction committed. If any event of a group fails, the whole group rolls back and each of
 * its events is applied again in a transaction of its own, so a poison message fails alone.
 */
export function createEventApplier(
  database: Database,
  consumer: string,
  handlers: EventHandlers,
): (envelope: EventEnvelope) => Promise<ProcessOutcome> {
  interface Waiting {
    envelope: EventEnvelope;
    resolve: (outcome: ProcessOutcome) => void;
    reject: (error: unknown) => void;
  }
  const waiting: Waiting[] = [];
  let running = false;

  const one = async (w: Waiting) => {
    try {
      w.resolve(await processEvent(database, consumer, w.envelope, handlers));
    } catch (error) {
      w.reject(error);
    }
  };

  const tryGroup = async (group: Waiting[]): Promise<ProcessOutcome[] | null> => {
    try {
      return await applyEvents(
        database,
        consumer,
        group.map((w) => w.envelope),
        handlers,
      );
    } catch {
      return null;
    }
  };

  const run = async () => {
    while (waiting.length > 0) {
      const group = waiting.splice(0, MAX_GROUP);
      if (group.length === 1) {
        await one(group[0] as Waiting);
        continue;
      }
      const outcomes = await tryGroup(group);
      if (outcomes) {
        for (const [i, w] of group.entries()) w.resolve(outcomes[i] as ProcessOutcome);
      } else {
        for (const w of group) await one(w);
      }
    }
    running = false;
  };

  return (envelope) =>
    new Promise<ProcessOutcome>((resolve, reject) => {
      waiting.push({ envelope, resolve, reject });
      if (running) return;
      running = true;
      // Once the deliveries handed over in this turn of the event loop (a port's batch, a socket read's
      // messages) have joined.
      setImmediate(() => void run());
    });
}

export interface ConsumerHooks {
  onOutcome?: (type: string, outcome: ProcessOutcome | "failed") => void;
  onDeadLetter?: () => void;
}

/** Subscribes a consumer to the bus, and keeps its dead letters in the `dead_letters` table. */
export async function startConsumer(
  database: Database,
  bus: Bus,
  service: string,
  def: ConsumerDefinition,
  hooks: ConsumerHooks = {},
): Promise<string> {
  const queue = `${service}.${def.name}`;
  const apply = createEventApplier(database, queue, def.handlers);
  await bus.subscribe({
    queue,
    bindings: Object.keys(def.handlers),
    ...(def.maxAttempts ? { maxAttempts: def.maxAttempts } : {}),
    ...(def.retryDelayMs !== undefined ? { retryDelayMs: def.retryDelayMs } : {}),
    handler: async ({ envelope }: Delivery) => {
      try {
        // Evaluated first: an optional call would skip its arguments when no hook is set.
        const outcome = await apply(envelope);
        hooks.onOutcome?.(envelope.type, outcome);
      } catch (error) {
        hooks.onOutcome?.(envelope.type, "failed");
        throw error;
      }
    },
  });
  await bus.consumeDeadLetters(queue, async (dead) => {
    await database.db
      .insert(deadLetters)
      .values({
        id: randomUUID(),
        queue,
        eventId: dead.envelope.id,
        type: dead.envelope.type,
        envelope: dead.envelope,
        error: dead.error,
        attempts: dead.attempt,
      })
      .onConflictDoUpdate({
        target: [deadLetters.queue, deadLetters.eventId],
        set: { error: dead.error, attempts: dead.attempt, deadAt: sql`now()` },
      });
    hooks.onDeadLetter?.();
  });
  return queue;
}

export interface DeadLetterRecord {
  id: string;
  queue: string;
  eventId: string;
  type: string;
  envelope: EventEnvelope;
  error: string;
  attempts: number;
  deadAt: string;
}

export async function listDeadLetters(database: Database, limit = 100): Promise<DeadLetterRecord[]> {
  const rows = await database.db.select().from(deadLetters).orderBy(desc(deadLetters.deadAt)).limit(limit);
  return rows.map((r) => ({ ...r, envelope: r.envelope as EventEnvelope }));
}

/** Puts a dead letter back on its queue; the row goes only once the broker has taken the message. */
export async function replayDeadLetter(database: Database, bus: Bus, id: string): Promise<boolean> {
  const [row] = await database.db.select().from(deadLetters).where(eq(deadLetters.id, id));
  if (!row) return false;
  await bus.requeue(row.queue, row.envelope as EventEnvelope);
  await database.db.delete(deadLetters).where(eq(deadLetters.id, id));
  return true;
}

export async function discardDeadLetter(database: Database, id: string): Promise<boolean> {
  const deleted = await database.db
    .delete(deadLetters)
    .where(eq(deadLetters.id, id))
    .returning({ id: deadLetters.id });
  return deleted.length > 0;
}
