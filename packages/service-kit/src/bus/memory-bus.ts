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

interface Settlement {
  deliveryId: number;
  error?: string;
}

interface PortDelivery {
  deliveryId: number;
  consumerId: number;
  delivery: Delivery | DeadLetterDelivery;
}

// Deliveries and settlements cross the port in batches: a message per event and consumer cost the broker's
// thread and the worker more than the events' handling did.
type PortRequest = (CallBody & { t: "call"; id: number }) | { t: "settle"; settlements: Settlement[] };

type PortResponse =
  | { t: "result"; id: number; error?: string }
  | { t: "deliver"; deliveries: PortDelivery[] };

/** Collects items and posts them as one message once the current task and its microtasks are done. */
function batcher<T>(post: (items: T[]) => void): (item: T) => void {
  let items: T[] = [];
  return (item) => {
    if (items.length === 0) {
      setImmediate(() => {
        const batch = items;
        items = [];
        post(batch);
      });
    }
    items.push(item);
  };
}

/** Main-thread side: lets a worker's bus use this broker over `port`. */
export function serveBroker(broker: MemoryBroker, port: MessagePort): () => void {
  let nextDelivery = 0;
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  const cancels: Array<() => void> = [];
  const send = (msg: PortResponse) => port.postMessage(msg);
  const deliver = batcher<PortDelivery>((deliveries) => send({ t: "deliver", deliveries }));
  const deliverOverPort = (consumerId: number) => (delivery: Delivery | DeadLetterDelivery) =>
    new Promise<void>((resolve, reject) => {
      const deliveryId = ++nextDelivery;
      pending.set(deliveryId, { resolve, reject });
      deliver({ deliveryId, consumerId, delivery });
    });
  port.on("message", (msg: PortRequest) => {
    if (msg.t === "settle") {
      for (const { deliveryId, error } of msg.settlements) {
        const p = pending.get(deliveryId);
        pending.delete(deliveryId);
        if (error === undefined) p?.resolve();
        else p?.reject(new Error(error));
      }
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
  const settle = batcher<Settlement>((settlements) => {
    const msg: PortRequest = { t: "settle", settlements };
    port.postMessage(msg);
  });
  port.on("message", (msg: PortResponse) => {
    if (msg.t === "result") {
      const call = calls.get(msg.id);
      calls.delete(msg.id);
      if (msg.error === undefined) call?.resolve();
      else call?.reject(new Error(msg.error));
      return;
    }
    for (const { deliveryId, consumerId, delivery } of msg.deliveries) {
      const handle = consumers.get(consumerId);
      if (!handle) {
        settle({ deliveryId, error: "no such consumer" });
        continue;
      }
      handle(delivery).then(
        () => settle({ deliveryId }),
        (e: unknown) => settle({ deliveryId, error: e instanceof Error ? e.message : String(e) }),
      );
    }
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
