import type { MessagePort } from "node:worker_threads";
import type { EventEnvelope } from "@quire/contracts";
import type { MemoryBroker, QueueSpec } from "./memory-broker";
import type { Bus, DeadLetterDelivery, Delivery, SubscriptionOptions } from "./types";

/** What the memory bus needs of a broker; satisfied in-thread directly, or across threads by a MessagePort. */
export interface BrokerLink {
  declareQueue(spec: QueueSpec): Promise<void>;
  publish(envelopes: EventEnvelope[]): Promise<void>;
  sendToQueue(queue: string, envelope: EventEnvelope): Promise<void>;
  consume(queue: string, handle: (d: Delivery) => Promise<void>, prefetch?: number): Promise<void>;
  consumeDeadLetters(queue: string, handle: (d: DeadLetterDelivery) => Promise<void>): Promise<void>;
  close(): void;
}

/**
 * A link in the broker's own thread. It copies what goes in and what comes out, as a MessagePort does across
 * threads: the publisher may reuse its objects, and a consumer's changes reach neither the broker's copy (kept
 * for a redelivery) nor another consumer.
 */
export function directLink(broker: MemoryBroker): BrokerLink {
  const cancels: Array<() => void> = [];
  return {
    async declareQueue(spec) {
      broker.declareQueue(spec);
    },
    async publish(envelopes) {
      broker.publish(structuredClone(envelopes));
    },
    async sendToQueue(queue, envelope) {
      broker.sendToQueue(queue, structuredClone(envelope));
    },
    async consume(queue, handle, prefetch) {
      cancels.push(broker.consume(queue, (delivery) => handle(structuredClone(delivery)), prefetch));
    },
    async consumeDeadLetters(queue, handle) {
      cancels.push(broker.consumeDeadLetters(queue, (dead) => handle(structuredClone(dead))));
    },
    close() {
      for (const cancel of cancels.splice(0)) cancel();
    },
  };
}

type CallBody =
  | { op: "declareQueue"; spec: QueueSpec }
  | { op: "publish"; envelopes: EventEnvelope[] }
  | { op: "sendToQueue"; queue: string; envelope: EventEnvelope }
  | { op: "consume"; queue: string; prefetch?: number; dead: boolean };

type PortRequest =
  | (CallBody & { t: "call"; id: number })
  | { t: "settle"; deliveryId: number; error?: string };

type PortResponse =
  | { t: "result"; id: number; error?: string }
  | { t: "deliver"; deliveryId: number; consumerId: number; delivery: Delivery | DeadLetterDelivery };

/** Main-thread side: lets a worker's bus use this broker over `port`. */
export function serveBroker(broker: MemoryBroker, port: MessagePort): () => void {
  let nextDelivery = 0;
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  const cancels: Array<() => void> = [];
  const send = (msg: PortResponse) => port.postMessage(msg);
  const deliverOverPort = (consumerId: number) => (delivery: Delivery | DeadLetterDelivery) =>
    new Promise<void>((resolve, reject) => {
      const deliveryId = ++nextDelivery;
      pending.set(deliveryId, { resolve, reject });
      send({ t: "deliver", deliveryId, consumerId, delivery });
    });
  port.on("message", (msg: PortRequest) => {
    if (msg.t === "settle") {
      const p = pending.get(msg.deliveryId);
      pending.delete(msg.deliveryId);
      if (msg.error === undefined) p?.resolve();
      else p?.reject(new Error(msg.error));
      return;
    }
    try {
      if (msg.op === "declareQueue") broker.declareQueue(msg.spec);
      else if (msg.op === "publish") broker.publish(msg.envelopes);
      else if (msg.op === "sendToQueue") broker.sendToQueue(msg.queue, msg.envelope);
      else if (msg.dead) cancels.push(broker.consumeDeadLetters(msg.queue, deliverOverPort(msg.id)));
      else cancels.push(broker.consume(msg.queue, deliverOverPort(msg.id), msg.prefetch));
      send({ t: "result", id: msg.id });
    } catch (error) {
      send({ t: "result", id: msg.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  return () => {
    // A worker that went away nacks what it held, so the broker redelivers it.
    for (const cancel of cancels.splice(0)) cancel();
    for (const p of pending.values()) p.reject(new Error("consumer went away"));
    pending.clear();
    port.close();
  };
}

/** Worker side of `serveBroker`. */
export function portLink(port: MessagePort): BrokerLink {
  let nextId = 0;
  const calls = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  const consumers = new Map<number, (d: Delivery | DeadLetterDelivery) => Promise<void>>();
  port.on("message", (msg: PortResponse) => {
    if (msg.t === "result") {
      const call = calls.get(msg.id);
      calls.delete(msg.id);
      if (msg.error === undefined) call?.resolve();
      else call?.reject(new Error(msg.error));
      return;
    }
    const handle = consumers.get(msg.consumerId);
    const settle = (error?: string) =>
      port.postMessage({
        t: "settle",
        deliveryId: msg.deliveryId,
        ...(error === undefined ? {} : { error }),
      });
    if (!handle) return settle("no such consumer");
    handle(msg.delivery).then(
      () => settle(),
      (e: unknown) => settle(e instanceof Error ? e.message : String(e)),
    );
  });
  const call = (req: CallBody, onId?: (id: number) => void) =>
    new Promise<void>((resolve, reject) => {
      const id = ++nextId;
      onId?.(id);
      calls.set(id, { resolve, reject });
      port.postMessage({ ...req, t: "call", id });
    });
  return {
    declareQueue: (spec) => call({ op: "declareQueue", spec }),
    publish: (envelopes) => call({ op: "publish", envelopes }),
    sendToQueue: (queue, envelope) => call({ op: "sendToQueue", queue, envelope }),
    consume: (queue, handle, prefetch) =>
      call({ op: "consume", queue, dead: false, ...(prefetch ? { prefetch } : {}) }, (id) =>
        consumers.set(id, handle as (d: Delivery | DeadLetterDelivery) => Promise<void>),
      ),
    consumeDeadLetters: (queue, handle) =>
      call({ op: "consume", queue, dead: true }, (id) =>
        consumers.set(id, handle as (d: Delivery | DeadLetterDelivery) => Promise<void>),
      ),
    close() {
      consumers.clear();
      port.close();
    },
  };
}

/** The in-process adapter of `Bus`. */
export class MemoryBus implements Bus {
  readonly kind = "memory" as const;
  private closed = false;

  constructor(private readonly link: BrokerLink) {}

  async publish(envelopes: EventEnvelope[]): Promise<void> {
    if (this.closed) throw new Error("bus is closed");
    await this.link.publish(envelopes);
  }

  async subscribe(options: SubscriptionOptions): Promise<void> {
    await this.link.declareQueue({
      queue: options.queue,
      bindings: options.bindings,
      ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
      ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
    });
    await this.link.consume(options.queue, options.handler, options.prefetch);
  }

  async consumeDeadLetters(
    queue: string,
    handler: (dead: DeadLetterDelivery) => Promise<void>,
  ): Promise<void> {
    await this.link.consumeDeadLetters(queue, handler);
  }

  async requeue(queue: string, envelope: EventEnvelope): Promise<void> {
    await this.link.sendToQueue(queue, envelope);
  }

  isConnected(): boolean {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.link.close();
  }
}
