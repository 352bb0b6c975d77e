import { randomUUID } from "node:crypto";
import type { EventEnvelope } from "@quire/contracts";
import { describe, expect, it } from "vitest";
import { FaultInjectingBus, parseBusFaults, withBusFaults } from "./fault-injecting-bus";
import { MemoryBroker } from "./memory-broker";
import { directLink, MemoryBus } from "./memory-bus";

const envelope = (n: number): EventEnvelope => ({
  id: randomUUID(),
  type: "post.viewed",
  version: 1,
  aggregateId: `p${n}`,
  aggregateVersion: n,
  occurredAt: new Date().toISOString(),
  traceparent: null,
  payload: { n },
});

/** A fixed sequence of "random" numbers, so the test knows which deliveries are held back. */
const sequence = (values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};

async function collect(bus: FaultInjectingBus, count: number, publish: () => Promise<void>) {
  const seen: number[] = [];
  let done!: () => void;
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  await bus.subscribe({
    queue: "test.faults",
    bindings: ["post.viewed"],
    prefetch: 16,
    handler: async ({ envelope: e }) => {
      seen.push(e.aggregateVersion);
      if (seen.length === count) done();
    },
  });
  await publish();
  await Promise.race([
    all,
    new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 3_000)),
  ]);
  return seen;
}

describe("FaultInjectingBus", () => {
  it("delivers every published message twice", async () => {
    const broker = new MemoryBroker();
    const bus = new FaultInjectingBus(new MemoryBus(directLink(broker)), {
      duplicate: true,
      reorder: 0,
      maxHoldMs: 0,
    });
    const seen = await collect(bus, 6, () => bus.publish([1, 2, 3].map(envelope)));
    expect(seen.sort()).toEqual([1, 1, 2, 2, 3, 3]);
    broker.close();
  });

  it("holds back the chosen share of deliveries so later ones overtake them", async () => {
    const broker = new MemoryBroker();
    // The first delivery draws 0.05 (< 0.1: held, for 0.9 * 200 ms); every other draws 0.5 (passes).
    const bus = new FaultInjectingBus(
      new MemoryBus(directLink(broker)),
      { duplicate: false, reorder: 0.1, maxHoldMs: 200 },
      sequence([0.05, 0.9, 0.5, 0.5, 0.5, 0.5]),
    );
    const seen = await collect(bus, 5, () => bus.publish([1, 2, 3, 4, 5].map(envelope)));
    expect(seen).toEqual([2, 3, 4, 5, 1]);
    broker.close();
  });

  it("parses QUIRE_BUS_FAULTS and leaves the bus alone when it is empty", () => {
    expect(parseBusFaults("duplicate,reorder:0.1")).toEqual({
      duplicate: true,
      reorder: 0.1,
      maxHoldMs: 500,
    });
    expect(parseBusFaults("reorder:0.25,hold:50")).toEqual({
      duplicate: false,
      reorder: 0.25,
      maxHoldMs: 50,
    });
    expect(parseBusFaults(undefined)).toBeUndefined();
    expect(parseBusFaults(" ")).toBeUndefined();
    expect(() => parseBusFaults("drop")).toThrow(/unknown fault/);
    expect(() => parseBusFaults("reorder:2")).toThrow(/not 0..1/);
    const broker = new MemoryBroker();
    const plain = new MemoryBus(directLink(broker));
    expect(withBusFaults(plain, "")).toBe(plain);
    expect(withBusFaults(plain, "duplicate")).toBeInstanceOf(FaultInjectingBus);
    broker.close();
  });
});
