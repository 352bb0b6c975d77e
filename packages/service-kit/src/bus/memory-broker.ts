import type { EventEnvelope } from "@quire/contracts";
import {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_PREFETCH,
  DEFAULT_RETRY_DELAY_MS,
  type DeadLetterDelivery,
  type Delivery,
  type QueueStats,
  topicMatches,
} from "./types";

interface Message {
  envelope: EventEnvelope;
  attempt: number;
  error?: string;
}

interface Consumer {
  prefetch: number;
  inFlight: number;
  deliver: (message: Message) => Promise<void>;
}

interface Queue {
  name: string;
  bindings: string[];
  maxAttempts: number;
  retryDelayMs: number;
  ready: Message[];
  consumers: Consumer[];
  next: number;
  retrying: number;
}

export interface QueueSpec {
  queue: string;
  bindings: string[];
  maxAttempts?: number;
  retryDelayMs?: number;
}

/**
 * The in-process broker of the embedded mode, with RabbitMQ's semantics: a topic exchange, one queue per
 * consumer, prefetch, ack/nack, delayed retries and a dead-letter queue (`<queue>.dlq`) per queue.
 * It keeps and hands out the envelopes it is given: its links copy them (`directLink` in the same thread,
 * a MessagePort across threads), so no consumer sees another's mutations.
 */
export class MemoryBroker {
  private readonly queues = new Map<string, Queue>();
  /** Event type -> the queues bound to it, worked out once per type; cleared whenever a binding is added. */
  private readonly routes = new Map<string, Queue[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  declareQueue(spec: QueueSpec): void {
    this.routes.clear();
    const existing = this.queues.get(spec.queue);
    if (existing) {
      existing.bindings = [...new Set([...existing.bindings, ...spec.bindings])];
      return;
    }
    this.queues.set(spec.queue, {
      name: spec.queue,
      bindings: [...spec.bindings],
      maxAttempts: spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      retryDelayMs: spec.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
      ready: [],
      consumers: [],
      next: 0,
      retrying: 0,
    });
    this.ensureQueue(deadLetterQueueName(spec.queue));
  }

  publish(envelopes: EventEnvelope[]): void {
    if (this.closed) throw new Error("broker is closed");
    for (const envelope of envelopes) {
      for (const q of this.queuesBoundTo(envelope.type)) {
        q.ready.push({ envelope, attempt: 1 });
        this.dispatch(q);
      }
    }
  }

  private queuesBoundTo(type: string): Queue[] {
    let bound = this.routes.get(type);
    if (!bound) {
      bound = [...this.queues.values()].filter((q) => q.bindings.some((b) => topicMatches(b, type)));
      this.routes.set(type, bound);
    }
    return bound;
  }

  sendToQueue(queue: string, envelope: EventEnvelope): void {
    const q = this.queues.get(queue);
    if (!q) throw new Error(`no queue ${queue}`);
    q.ready.push({ envelope, attempt: 1 });
    this.dispatch(q);
  }

  /** `handle` resolves to ack and rejects to nack; returns a function that cancels the consumer. */
  consume(
    queue: string,
    handle: (delivery: Delivery) => Promise<void>,
    prefetch = DEFAULT_PREFETCH,
  ): () => void {
    const q = this.ensureQueue(queue);
    const consumer: Consumer = {
      prefetch,
      inFlight: 0,
      deliver: async (message) => {
        try {
          await handle({ envelope: message.envelope, attempt: message.attempt });
        } catch (error) {
          this.nack(q, message, error);
        }
      },
    };
    q.consumers.push(consumer);
    this.dispatch(q);
    return () => {
      q.consumers = q.consumers.filter((c) => c !== consumer);
    };
  }

  consumeDeadLetters(queue: string, handle: (dead: DeadLetterDelivery) => Promise<void>): () => void {
    const dlq = this.ensureQueue(deadLetterQueueName(queue));
    const consumer: Consumer = {
      prefetch: 1,
      inFlight: 0,
      deliver: async (message) => {
        try {
          await handle({
            queue,
            envelope: message.envelope,
            attempt: message.attempt,
            error: message.error ?? "unknown error",
          });
        } catch {
          // A dead letter that cannot be stored stays in the dead-letter queue for the next try.
          this.later(() => {
            dlq.ready.unshift(message);
            this.dispatch(dlq);
          }, 1_000);
        }
      },
    };
    dlq.consumers.push(consumer);
    this.dispatch(dlq);
    return () => {
      dlq.consumers = dlq.consumers.filter((c) => c !== consumer);
    };
  }

  stats(): QueueStats[] {
    return [...this.queues.values()]
      .filter((q) => !q.name.endsWith(".dlq"))
      .map((q) => ({
        queue: q.name,
        ready: q.ready.length + q.retrying,
        unacked: q.consumers.reduce((n, c) => n + c.inFlight, 0),
        deadLetters: this.queues.get(deadLetterQueueName(q.name))?.ready.length ?? 0,
      }));
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private ensureQueue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = {
        name,
        bindings: [],
        maxAttempts: DEFAULT_MAX_ATTEMPTS,
        retryDelayMs: DEFAULT_RETRY_DELAY_MS,
        ready: [],
        consumers: [],
        next: 0,
        retrying: 0,
      };
      this.queues.set(name, q);
    }
    return q;
  }

  private nack(q: Queue, message: Message, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    if (message.attempt >= q.maxAttempts) {
      const dlq = this.ensureQueue(deadLetterQueueName(q.name));
      dlq.ready.push({ envelope: message.envelope, attempt: message.attempt, error: reason });
      this.dispatch(dlq);
      return;
    }
    q.retrying++;
    this.later(() => {
      q.retrying--;
      q.ready.push({ envelope: message.envelope, attempt: message.attempt + 1 });
      this.dispatch(q);
    }, q.retryDelayMs);
  }

  private later(fn: () => void, ms: number): void {
    if (this.closed) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  /** Round-robin over consumers with free prefetch slots, like RabbitMQ. */
  private dispatch(q: Queue): void {
    while (q.ready.length > 0 && !this.closed) {
      const free = q.consumers.filter((c) => c.inFlight < c.prefetch);
      if (free.length === 0) return;
      const consumer = free[q.next++ % free.length]!;
      const message = q.ready.shift()!;
      consumer.inFlight++;
      void consumer.deliver(message).finally(() => {
        consumer.inFlight--;
        this.dispatch(q);
      });
    }
  }
}

export function deadLetterQueueName(queue: string): string {
  return `${queue}.dlq`;
}
