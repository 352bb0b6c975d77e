import type { EventEnvelope } from "@quire/contracts";
import { afterEach, describe, expect, it } from "vitest";
import { createTestBroker, eventually, type TestBroker, testModes } from "../testing";
import type { Bus } from "./types";

// One contract, run against whichever adapter this run has: the in-process broker by default, RabbitMQ when
// AMQP_URL is set (CI's distributed run).
function envelope(type: string, n = 0): EventEnvelope {
  return {
    id: `e-${type}-${n}-${Math.random()}`,
    type,
    version: 1,
    aggregateId: `a${n}`,
    aggregateVersion: n,
    occurredAt: new Date().toISOString(),
    traceparent: null,
    payload: { n },
  };
}

describe(`bus contract (${testModes.bus})`, () => {
  let broker: TestBroker;
  let bus: Bus;
  afterEach(async () => broker?.close());

  async function setup() {
    broker = createTestBroker();
    bus = await broker.connect();
  }

  it("routes by topic pattern to every bound queue", async () => {
    await setup();
    const a: string[] = [];
    const b: string[] = [];
    await bus.subscribe({
      queue: "a",
      bindings: ["user.*"],
      handler: async (d) => void a.push(d.envelope.type),
    });
    await bus.subscribe({
      queue: "b",
      bindings: ["#.deleted"],
      handler: async (d) => void b.push(d.envelope.type),
    });
    await bus.publish([envelope("user.registered"), envelope("user.deleted"), envelope("post.deleted")]);
    await eventually(async () => a.length === 2 && b.length === 2);
    expect(a.sort()).toEqual(["user.deleted", "user.registered"]);
    expect(b.sort()).toEqual(["post.deleted", "user.deleted"]);
  });

  it("routes later events of a type to a queue bound after that type was first published", async () => {
    await setup();
    const early: number[] = [];
    const late: number[] = [];
    await bus.subscribe({
      queue: "early",
      bindings: ["route.later"],
      handler: async (d) => void early.push((d.envelope.payload as { n: number }).n),
    });
    await bus.publish([envelope("route.later", 1)]);
    await eventually(async () => early.length === 1);
    await bus.subscribe({
      queue: "late",
      bindings: ["route.*"],
      handler: async (d) => void late.push((d.envelope.payload as { n: number }).n),
    });
    await bus.publish([envelope("route.later", 2)]);
    await eventually(async () => early.length === 2 && late.length === 1);
    expect(early).toEqual([1, 2]);
    expect(late).toEqual([2]);
  });

  it("hands each consumer its own copy: changes reach neither the publisher, another queue nor a retry", async () => {
    await setup();
    const published = envelope("copy.test", 1);
    const seenByB: unknown[] = [];
    const triesOfA: unknown[] = [];
    await bus.subscribe({
      queue: "copy-a",
      bindings: ["copy.test"],
      retryDelayMs: 10,
      handler: async (d) => {
        triesOfA.push(structuredClone(d.envelope.payload));
        (d.envelope.payload as { n: number }).n = 99;
        if (triesOfA.length === 1) throw new Error("once more");
      },
    });
    await bus.subscribe({
      queue: "copy-b",
      bindings: ["copy.test"],
      handler: async (d) => void seenByB.push(d.envelope.payload),
    });
    await bus.publish([published]);
    (published.payload as { n: number }).n = -1;
    await eventually(async () => triesOfA.length === 2 && seenByB.length === 1);
    expect(triesOfA).toEqual([{ n: 1 }, { n: 1 }]);
    expect(seenByB).toEqual([{ n: 1 }]);
  });

  it("shares one queue between its consumers, each message once", async () => {
    await setup();
    const other = await broker.connect();
    const seen: string[] = [];
    const handler = async (d: { envelope: EventEnvelope }) => void seen.push(d.envelope.id);
    await bus.subscribe({ queue: "shared", bindings: ["x.y"], handler });
    await other.subscribe({ queue: "shared", bindings: ["x.y"], handler });
    const sent = Array.from({ length: 20 }, (_, i) => envelope("x.y", i));
    await bus.publish(sent);
    await eventually(async () => seen.length === 20);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.sort()).toEqual(sent.map((e) => e.id).sort());
  });

  it("retries a failing message, then dead-letters it with the error, and replays it", async () => {
    await setup();
    let calls = 0;
    let healed = false;
    const processed: string[] = [];
    await bus.subscribe({
      queue: "poison",
      bindings: ["p.*"],
      maxAttempts: 3,
      retryDelayMs: 20,
      handler: async (d) => {
        calls++;
        if (!healed) throw new Error("cannot handle this");
        processed.push(d.envelope.id);
      },
    });
    const dead: Array<{ error: string; attempt: number; id: string }> = [];
    await bus.consumeDeadLetters("poison", async (d) => void dead.push({ ...d, id: d.envelope.id }));
    const poison = envelope("p.x");
    await bus.publish([poison]);
    await eventually(async () => dead.length === 1);
    expect(calls).toBe(3);
    expect(dead[0]).toMatchObject({ id: poison.id, attempt: 3, error: "cannot handle this" });
    healed = true;
    await bus.requeue("poison", poison);
    await eventually(async () => processed.length === 1);
    expect(processed).toEqual([poison.id]);
  });

  it("reports a connected bus", async () => {
    await setup();
    expect(bus.isConnected()).toBe(true);
  });
});
