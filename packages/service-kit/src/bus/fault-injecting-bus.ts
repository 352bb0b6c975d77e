import type { EventEnvelope } from "@quire/contracts";
import type { Bus, DeadLetterDelivery, SubscriptionOptions } from "./types";

/** What a fault-injecting bus does to the messages it carries. */
export interface BusFaults {
  /** Publish every message twice, so each consumer receives it twice. */
  duplicate: boolean;
  /** Share of deliveries held back for a while, so later messages overtake them (0 to 1). */
  reorder: number;
  /** Longest hold of a reordered delivery. */
  maxHoldMs: number;
}

/**
 * Parses `QUIRE_BUS_FAULTS` (`duplicate,reorder:0.1,hold:800`); undefined when empty, so production buses
 * stay unwrapped.
 */
export function parseBusFaults(spec: string | undefined): BusFaults | undefined {
  if (!spec?.trim()) return undefined;
  const faults: BusFaults = { duplicate: false, reorder: 0, maxHoldMs: 500 };
  for (const part of spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name, value] = part.split(":");
    if (name === "duplicate") faults.duplicate = true;
    else if (name === "reorder") faults.reorder = share(value ?? "0.1");
    else if (name === "hold") faults.maxHoldMs = Number(value);
    else throw new Error(`QUIRE_BUS_FAULTS: unknown fault "${part}"`);
  }
  if (!Number.isFinite(faults.maxHoldMs) || faults.maxHoldMs < 0) {
    throw new Error("QUIRE_BUS_FAULTS: hold must be a number of milliseconds");
  }
  return faults;
}

function share(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new Error(`QUIRE_BUS_FAULTS: reorder ${value} is not 0..1`);
  return n;
}

/**
 * A bus that misbehaves the ways a real broker may: every message delivered twice and some out of order.
 * For fault suites only. It never loses a message: duplicates are published and confirmed with the original
 * before `publish` resolves, and a reordered delivery is held before its handler runs, so it stays
 * unacknowledged (a crash meanwhile gets it redelivered).
 */
export class FaultInjectingBus implements Bus {
  constructor(
    private readonly inner: Bus,
    private readonly faults: BusFaults,
    private readonly random: () => number = Math.random,
  ) {}

  get kind() {
    return this.inner.kind;
  }

  async publish(envelopes: EventEnvelope[]): Promise<void> {
    if (!this.faults.duplicate) return this.inner.publish(envelopes);
    // The copies follow the whole batch, so a duplicate arrives after later messages, not back to back.
    await this.inner.publish([...envelopes, ...envelopes]);
  }

  subscribe(options: SubscriptionOptions): Promise<void> {
    const { handler } = options;
    return this.inner.subscribe({
      ...options,
      handler: async (delivery) => {
        if (this.faults.reorder > 0 && this.random() < this.faults.reorder) {
          await new Promise((resolve) => setTimeout(resolve, this.random() * this.faults.maxHoldMs));
        }
        await handler(delivery);
      },
    });
  }

  consumeDeadLetters(queue: string, handler: (dead: DeadLetterDelivery) => Promise<void>): Promise<void> {
    return this.inner.consumeDeadLetters(queue, handler);
  }

  requeue(queue: string, envelope: EventEnvelope): Promise<void> {
    return this.inner.requeue(queue, envelope);
  }

  isConnected(): boolean {
    return this.inner.isConnected();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Wraps `bus` when `spec` names faults; returns it unchanged otherwise. */
export function withBusFaults(bus: Bus, spec: string | undefined): Bus {
  const faults = parseBusFaults(spec);
  return faults ? new FaultInjectingBus(bus, faults) : bus;
}
