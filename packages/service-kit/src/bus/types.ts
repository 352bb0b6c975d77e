import type { EventEnvelope } from "@quire/contracts";

/** One delivery of a message to a consumer. `attempt` starts at 1. */
export interface Delivery {
  envelope: EventEnvelope;
  attempt: number;
}

/** A message that failed every retry, as it sits in `<queue>.dlq`. */
export interface DeadLetterDelivery extends Delivery {
  queue: string;
  error: string;
}

export interface SubscriptionOptions {
  /** Durable queue name, one per consumer (`blog.author-replica`). */
  queue: string;
  /** Topic patterns bound to the queue (`user.*`, `post.#`). */
  bindings: string[];
  /** Resolve to ack; throw to nack. A nacked message is retried, then dead-lettered. */
  handler: (delivery: Delivery) => Promise<void>;
  /** Deliveries before a message goes to the dead-letter queue. */
  maxAttempts?: number;
  /** Delay before a failed message is delivered again. */
  retryDelayMs?: number;
  /** Unacknowledged deliveries in flight at once. */
  prefetch?: number;
}

export interface QueueStats {
  queue: string;
  ready: number;
  unacked: number;
  deadLetters: number;
}

/** The broker as a service sees it. Two adapters: in-process (memory) and RabbitMQ. */
export interface Bus {
  readonly kind: "memory" | "rabbitmq";
  /** Resolves once the broker has taken every message (publisher confirms); rejects otherwise. */
  publish(envelopes: EventEnvelope[]): Promise<void>;
  subscribe(options: SubscriptionOptions): Promise<void>;
  /** Consumes `<queue>.dlq`; resolve to remove the message from it. */
  consumeDeadLetters(queue: string, handler: (dead: DeadLetterDelivery) => Promise<void>): Promise<void>;
  /** Puts a message straight back on a consumer's queue (dead-letter replay), attempts reset. */
  requeue(queue: string, envelope: EventEnvelope): Promise<void>;
  isConnected(): boolean;
  close(): Promise<void>;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_RETRY_DELAY_MS = 200;
export const DEFAULT_PREFETCH = 64;

/** RabbitMQ topic matching: `*` is one word, `#` is zero or more words. */
export function topicMatches(pattern: string, routingKey: string): boolean {
  const p = pattern.split(".");
  const k = routingKey.split(".");
  const match = (i: number, j: number): boolean => {
    if (i === p.length) return j === k.length;
    if (p[i] === "#") {
      for (let n = j; n <= k.length; n++) if (match(i + 1, n)) return true;
      return false;
    }
    if (j === k.length) return false;
    return (p[i] === "*" || p[i] === k[j]) && match(i + 1, j + 1);
  };
  return match(0, 0);
}
