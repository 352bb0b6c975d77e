import { MessageChannel } from "node:worker_threads";
import type { EventEnvelope } from "@quire/contracts";
import { sql } from "drizzle-orm";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { userRenamed } from "../__fixtures__/events";
import { MemoryBroker } from "../bus/memory-broker";
import { directLink, MemoryBus, portLink, serveBroker } from "../bus/memory-bus";
import type { Bus } from "../bus/types";
import { type Database, executedRows } from "../db/database";
import {
  batchHandler,
  createEventApplier,
  type EventHandler,
  type EventHandlers,
  listDeadLetters,
  newestPerAggregate,
  processEvent,
  replayDeadLetter,
  startConsumer,
} from "../inbox/consumer";
import { createTestBroker, createTestDatabase, eventually, type TestBroker, testModes } from "../testing";
import { appendEvent } from "./append-event";
import { OutboxRelay } from "./relay";

const migrations = new URL("../__fixtures__/migrations/", import.meta.url);
const log = pino({ level: "silent" });

// The version guard every replica uses: apply only what is newer than what we hold.
const upsertReplica: EventHandler<"user.profile.updated"> = async (tx, e) => {
  await tx.execute(sql`insert into replica (id, name, version) values (${e.aggregateId}, ${e.payload.name}, ${e.aggregateVersion})
    on conflict (id) do update set name = excluded.name, version = excluded.version
    where replica.version < excluded.version`);
};
const handlers: EventHandlers = { "user.profile.updated": upsertReplica };

/** The replica's handler, noting the transaction each event was applied in. */
function recordingTransactions() {
  const transactions: string[] = [];
  const recording: EventHandlers = {
    "user.profile.updated": async (tx, e) => {
      const result = await tx.execute(sql`select txid_current()::text as id`);
      transactions.push(executedRows<{ id: string }>(result)[0]!.id);
      await upsertReplica(tx, e);
    },
  };
  return { transactions, recording };
}

/** What a queue bound to user events receives. */
async function probe(bus: Bus): Promise<EventEnvelope[]> {
  const got: EventEnvelope[] = [];
  await bus.subscribe({
    queue: "probe",
    bindings: ["user.#"],
    handler: async (d) => void got.push(d.envelope),
  });
  return got;
}

/** Renames user `id` in the outbox, in a transaction of its own. */
function appendRename(db: Database, id: string, name = "N"): Promise<EventEnvelope> {
  return db.db.transaction((tx) =>
    appendEvent(tx, {
      type: "user.profile.updated",
      aggregateId: id,
      aggregateVersion: 1,
      payload: userRenamed(id, name, 1).payload as never,
    }),
  );
}

async function replica(db: Database) {
  return db.query<{ id: string; name: string; version: number }>("select * from replica order by id");
}

describe(`outbox and inbox contract (${testModes.database} + ${testModes.bus})`, () => {
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
  });

  async function setup() {
    const producer = await createTestDatabase(migrations);
    const consumer = await createTestDatabase(migrations);
    const broker: TestBroker = createTestBroker();
    const bus = await broker.connect();
    open.push(producer, consumer, broker);
    return { producer, consumer, broker, bus };
  }

  it("publishes what commits with the state change, and nothing of a rolled back one", async () => {
    const { producer, bus } = await setup();
    const got = await probe(bus);
    await appendRename(producer, "u1", "Ann");
    await producer.db
      .transaction(async (tx) => {
        await appendEvent(tx, {
          type: "user.profile.updated",
          aggregateId: "u2",
          aggregateVersion: 1,
          payload: userRenamed("u2", "Bob", 1).payload as never,
        });
        throw new Error("rollback");
      })
      .catch(() => {});
    const relay = new OutboxRelay(producer, bus, log, { pollIntervalMs: 50 });
    await relay.start();
    open.push({ close: () => relay.stop() });
    await eventually(async () => got.length === 1);
    await new Promise((r) => setTimeout(r, 150));
    expect(got.map((e) => e.aggregateId)).toEqual(["u1"]);
    // The consumer may see a message before the relay has committed it as published.
    await eventually(async () => (await relay.backlog()) === 0);
  });

  it("keeps every row while the broker refuses, and publishes them all once it accepts", async () => {
    const { producer, bus } = await setup();
    let refuse = true;
    const flaky: Bus = {
      ...bus,
      kind: bus.kind,
      publish: async (e) => (refuse ? Promise.reject(new Error("broker down")) : bus.publish(e)),
      subscribe: (o) => bus.subscribe(o),
      consumeDeadLetters: (q, h) => bus.consumeDeadLetters(q, h),
      requeue: (q, e) => bus.requeue(q, e),
      isConnected: () => !refuse,
      close: () => bus.close(),
    };
    const got = new Set<string>();
    await bus.subscribe({
      queue: "probe2",
      bindings: ["user.#"],
      handler: async (d) => void got.add(d.envelope.aggregateId),
    });
    for (let i = 0; i < 30; i++) await appendRename(producer, `u${i}`);
    const relay = new OutboxRelay(producer, flaky, log, { pollIntervalMs: 50, batchSize: 7 });
    await relay.start();
    open.push({ close: () => relay.stop() });
    await eventually(async () => {
      const [row] = await producer.query<{ attempts: number }>(
        "select max(attempts) as attempts from outbox_pending",
      );
      return (row?.attempts ?? 0) >= 1;
    });
    expect(await relay.backlog()).toBe(30);
    refuse = false;
    await eventually(async () => got.size === 30, 20_000);
    // The consumer may see a message before the relay has committed it as published.
    await eventually(async () => (await relay.backlog()) === 0);
  });

  it("prunes published events past the retention, and never an event still waiting to be published", async () => {
    const { producer, bus } = await setup();
    const got = await probe(bus);
    const appended = [await appendRename(producer, "u1"), await appendRename(producer, "u2")];
    // Both occurred two days ago; u2's next attempt is an hour away, so it stays pending.
    await producer.query("update outbox set occurred_at = now() - interval '2 days'");
    await producer.query(
      "update outbox_pending set next_attempt_at = now() + interval '1 hour' where seq = (select seq from outbox where id = $1)",
      [appended[1]!.id],
    );
    const relay = new OutboxRelay(producer, bus, log, { pollIntervalMs: 50, retentionMs: 24 * 3600_000 });
    await relay.start();
    open.push({ close: () => relay.stop() });
    await eventually(async () => {
      const rows = await producer.query<{ id: string }>("select id from outbox order by seq");
      return rows.length === 1 && rows[0]!.id === appended[1]!.id;
    });
    expect(got.map((e) => e.aggregateId)).toEqual(["u1"]);
    expect(await relay.backlog()).toBe(1);
  });

  it("publishes every retained event again after a requeue, and a consumer applies each once", async () => {
    const { producer, consumer, bus } = await setup();
    const got = await probe(bus);
    const { transactions, recording } = recordingTransactions();
    await startConsumer(consumer, bus, "svc", { name: "users", handlers: recording });
    const relay = new OutboxRelay(producer, bus, log, { pollIntervalMs: 50 });
    await relay.start();
    open.push({ close: () => relay.stop() });
    await appendRename(producer, "u1", "Ann");
    await appendRename(producer, "u2", "Bob");
    await eventually(async () => got.length === 2 && (await relay.backlog()) === 0);
    await eventually(async () => (await replica(consumer)).length === 2);
    const applied = transactions.length;

    // A third event still waiting keeps its one queue row: only the published two are queued again.
    await relay.stop();
    await appendRename(producer, "u3", "Cid");
    expect(await relay.requeueRetained()).toBe(2);
    await relay.start();
    await eventually(async () => got.length === 5 && (await relay.backlog()) === 0);
    const deliveries = (id: string) => got.filter((e) => e.aggregateId === id).length;
    expect([deliveries("u1"), deliveries("u2"), deliveries("u3")]).toEqual([2, 2, 1]);
    await eventually(async () => (await replica(consumer)).length === 3);
    // The inbox drops the two it applied before: only u3's event reaches the handler.
    await new Promise((r) => setTimeout(r, 200));
    expect(transactions.length - applied).toBe(1);
  });

  it("applies duplicated and reordered deliveries once, newest state wins", async () => {
    const { consumer } = await setup();
    const v1 = userRenamed("u1", "First", 1);
    const v2 = userRenamed("u1", "Second", 2);
    const v3 = userRenamed("u1", "Third", 3);
    const outcomes = [];
    for (const e of [v3, v1, v3, v2, v1, v2]) outcomes.push(await processEvent(consumer, "c", e, handlers));
    expect(outcomes).toEqual(["processed", "processed", "duplicate", "processed", "duplicate", "duplicate"]);
    expect(await replica(consumer)).toEqual([{ id: "u1", name: "Third", version: 3 }]);
  });

  it("applies deliveries that arrive together in one transaction, duplicated and reordered, each once", async () => {
    const { consumer } = await setup();
    const { transactions, recording } = recordingTransactions();
    const apply = createEventApplier(consumer, "c", recording);
    const [v1, v2, v3] = [1, 2, 3].map((v) => userRenamed("u1", ["First", "Second", "Third"][v - 1]!, v));
    const other = userRenamed("u2", "Other", 1);
    const outcomes = await Promise.all([v3, v1, v3, other, v2, v1].map((e) => apply(e!)));
    expect(outcomes).toEqual(["processed", "processed", "duplicate", "processed", "processed", "duplicate"]);
    expect(new Set(transactions).size).toBe(1);
    expect(await replica(consumer)).toEqual([
      { id: "u1", name: "Third", version: 3 },
      { id: "u2", name: "Other", version: 1 },
    ]);
    // A redelivery later, on its own, is still a duplicate.
    expect(await apply(v2!)).toBe("duplicate");
  });

  it("hands a batch handler the group's new events in order, and one statement leaves the newest of each", async () => {
    const { consumer } = await setup();
    const batches: string[][] = [];
    const batched: EventHandlers = {
      "user.profile.updated": batchHandler(async (tx, events) => {
        batches.push(events.map((e) => e.id));
        const rows = newestPerAggregate(events).map(
          (e) => sql`(${e.aggregateId}, ${e.payload.name}, ${e.aggregateVersion}::int)`,
        );
        await tx.execute(sql`insert into replica (id, name, version) values ${sql.join(rows, sql`, `)}
          on conflict (id) do update set name = excluded.name, version = excluded.version
          where replica.version < excluded.version`);
      }),
    };
    const apply = createEventApplier(consumer, "c", batched);
    const [v1, v2, v3] = [1, 2, 3].map((v) => userRenamed("u1", ["First", "Second", "Third"][v - 1]!, v));
    const other = userRenamed("u2", "Other", 1);
    const outcomes = await Promise.all([v2, v1, v2, other, v3, v1].map((e) => apply(e!)));
    expect(outcomes).toEqual(["processed", "processed", "duplicate", "processed", "processed", "duplicate"]);
    expect(batches).toEqual([[v2!.id, v1!.id, other.id, v3!.id]]);
    expect(await replica(consumer)).toEqual([
      { id: "u1", name: "Third", version: 3 },
      { id: "u2", name: "Other", version: 1 },
    ]);
    // A late, older event in a later group changes nothing.
    expect(await apply(userRenamed("u1", "Stale", 2))).toBe("duplicate");
    expect(await apply({ ...userRenamed("u1", "Stale", 2), id: "u1-late" })).toBe("processed");
    expect(await replica(consumer)).toEqual([
      { id: "u1", name: "Third", version: 3 },
      { id: "u2", name: "Other", version: 1 },
    ]);
  });

  it("keeps the order across handlers: a batch handler gets only runs of consecutive events", async () => {
    const { consumer } = await setup();
    const calls: string[] = [];
    const mixed: EventHandlers = {
      "user.profile.updated": batchHandler(async (tx, events) => {
        calls.push(`batch ${events.map((e) => e.id).join(" ")}`);
        for (const e of events) await upsertReplica(tx, e);
      }),
      "user.registered": async (_tx, e) => void calls.push(`one ${e.id}`),
    };
    const apply = createEventApplier(consumer, "c", mixed);
    const registered = { ...userRenamed("u2", "Reg", 1), id: "reg", type: "user.registered" };
    const [a, b, c] = [userRenamed("u1", "A", 1), userRenamed("u1", "B", 2), userRenamed("u3", "C", 1)];
    await Promise.all([a, b, registered, c].map((e) => apply(e)));
    expect(calls).toEqual([`batch ${a.id} ${b.id}`, "one reg", `batch ${c.id}`]);
  });

  it("applies deliveries that come over a worker's port in groups, not in a transaction each", async () => {
    const consumer = await createTestDatabase(migrations);
    const broker = new MemoryBroker();
    const channel = new MessageChannel();
    const stopServing = serveBroker(broker, channel.port1);
    const publisher = new MemoryBus(directLink(broker));
    const subscriber = new MemoryBus(portLink(channel.port2));
    open.push(consumer, {
      async close() {
        await subscriber.close();
        stopServing();
        broker.close();
      },
    });
    const { transactions, recording } = recordingTransactions();
    await startConsumer(consumer, subscriber, "svc", { name: "users", handlers: recording });
    const events = Array.from({ length: 12 }, (_, i) => userRenamed(`u${i}`, `User ${i}`, 1));
    await publisher.publish(events);
    await eventually(async () => (await replica(consumer)).length === events.length);
    expect(transactions).toHaveLength(events.length);
    // The first delivery may start a group alone; the rest wait for it and go together.
    expect(new Set(transactions).size).toBeLessThanOrEqual(2);
  });

  it("fails only the poison event of a group: the others are applied, each in its own transaction", async () => {
    const { consumer } = await setup();
    const guarded: EventHandlers = {
      "user.profile.updated": async (tx, e) => {
        if (e.aggregateId === "bad") throw new Error("poison");
        await upsertReplica(tx, e);
      },
    };
    const apply = createEventApplier(consumer, "c", guarded);
    const results = await Promise.allSettled(
      [userRenamed("a", "A", 1), userRenamed("bad", "Bad", 1), userRenamed("b", "B", 1)].map((e) => apply(e)),
    );
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ message: "poison" });
    expect(await replica(consumer)).toEqual([
      { id: "a", name: "A", version: 1 },
      { id: "b", name: "B", version: 1 },
    ]);
    // The failed event left no inbox row: its retry is applied, not skipped as a duplicate.
    const [row] = await consumer.query<{ n: number }>(
      "select count(*)::int as n from inbox where event_id = $1",
      ["bad-v1"],
    );
    expect(row?.n).toBe(0);
  });

  it("dead-letters a poison message into the table after the retries, and replays it", async () => {
    const { consumer, bus } = await setup();
    let poisoned = true;
    const guarded: EventHandlers = {
      "user.profile.updated": async (tx, e) => {
        if (poisoned) throw new Error("poison");
        await upsertReplica(tx, e);
      },
    };
    await startConsumer(consumer, bus, "svc", {
      name: "users",
      handlers: guarded,
      maxAttempts: 2,
      retryDelayMs: 10,
    });
    const e = userRenamed("u9", "Nine", 1);
    await bus.publish([e]);
    const [dead] = await eventually(async () => {
      const rows = await listDeadLetters(consumer);
      return rows.length === 1 ? rows : undefined;
    });
    expect(dead).toMatchObject({ queue: "svc.users", eventId: e.id, error: "poison", attempts: 2 });
    expect(await replica(consumer)).toEqual([]);
    poisoned = false;
    expect(await replayDeadLetter(consumer, bus, dead!.id)).toBe(true);
    await eventually(async () => (await replica(consumer)).length === 1);
    expect(await replica(consumer)).toEqual([{ id: "u9", name: "Nine", version: 1 }]);
    expect(await listDeadLetters(consumer)).toEqual([]);
  });
});
