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
import type { Database, Tx } from "../db/database";
import { deadLetters, inbox } from "../db/kit-tables";

export type EventHandler<T extends EventType> = (
  tx: Tx,
  event: EventEnvelope<EventPayload<T>>,
) => Promise<void>;

export type EventHandlers = { [T in EventType]?: EventHandler<T> };

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
  const prepared = envelopes.map((envelope) => prepareEvent(envelope, handlers));
  if (prepared.every((p) => p === null)) return prepared.map(() => "duplicate");
  return database.db.transaction((tx) => applyPrepared(tx, consumer, prepared));
}

interface PreparedEvent {
  event: EventEnvelope<EventPayload<EventType>>;
  handler: EventHandler<EventType>;
}

/** The event with its payload checked against the catalog, or null when this consumer has no handler for it. */
function prepareEvent(envelope: EventEnvelope, handlers: EventHandlers): PreparedEvent | null {
  if (!isCatalogEvent(envelope.type)) throw new Error(`unknown event type ${envelope.type}`);
  const handler = handlers[envelope.type] as EventHandler<EventType> | undefined;
  if (!handler) return null;
  const payload = eventCatalog[envelope.type].payload.parse(envelope.payload);
  return { event: { ...envelope, payload } as EventEnvelope<EventPayload<EventType>>, handler };
}

/**
 * Applies events in one transaction, in order: their ids go into the inbox in one statement, and each event
 * whose id was not there yet (the first of any repeats) goes to its handler.
 */
async function applyPrepared(
  tx: Tx,
  consumer: string,
  group: Array<PreparedEvent | null>,
): Promise<ProcessOutcome[]> {
  const events = group.flatMap((p) => (p ? [p.event] : []));
  const fresh = new Set<string>();
  if (events.length > 0) {
    const inserted = await tx
      .insert(inbox)
      .values(events.map((event) => ({ consumer, eventId: event.id, type: event.type })))
      .onConflictDoNothing()
      .returning({ eventId: inbox.eventId });
    for (const row of inserted) fresh.add(row.eventId);
  }
  const outcomes: ProcessOutcome[] = [];
  for (const p of group) {
    if (!p || !fresh.delete(p.event.id)) {
      outcomes.push("duplicate");
      continue;
    }
    await p.handler(tx, p.event);
    outcomes.push("processed");
  }
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

  const applyGroup = async (group: Waiting[]): Promise<ProcessOutcome[] | null> => {
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
      const outcomes = await applyGroup(group);
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
      // Deliveries handed over in the same turn join the first group.
      queueMicrotask(() => void run());
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
