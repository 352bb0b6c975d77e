import { randomUUID } from "node:crypto";
import { analyticsService } from "@quire/analytics-service";
import { authService } from "@quire/auth-service";
import { blogService } from "@quire/blog-service";
import { contentService } from "@quire/content-service";
import type { EventEnvelope } from "@quire/contracts";
import { pageService } from "@quire/page-service";
import { EXCHANGE, type ServiceDefinition } from "@quire/service-kit";
import { storageService } from "@quire/storage-service";
import amqp, { type Channel, type ChannelModel } from "amqplib";

/** The BFF's cache-invalidation queue: a plain subscription, no dead-letter table behind it. */
const BFF_QUEUE = "bff.cache";

/** Each consumer queue of the stack with the event types its handlers take, from the services' own definitions. */
export function consumerQueues(): Array<{ queue: string; types: string[] }> {
  const defs: ServiceDefinition[] = [
    authService(),
    blogService(),
    contentService(),
    pageService(),
    analyticsService(),
    storageService(),
  ];
  const queues = defs.flatMap((def) => [
    // The kit gives every service this consumer besides its own.
    { queue: `${def.name}.token-revocations`, types: ["user.sessions.revoked"] },
    ...(def.consumers ?? []).map((c) => ({ queue: `${def.name}.${c.name}`, types: Object.keys(c.handlers) })),
  ]);
  return queues;
}

/** Looks at RabbitMQ's queues: how many messages wait in each consumer queue, its retries and dead letters. */
export class QueueMonitor {
  private connection: ChannelModel | null = null;
  private channel: Channel | null = null;

  constructor(private readonly url: string) {}

  private async ch(): Promise<Channel> {
    if (!this.connection) {
      this.connection = await amqp.connect(this.url);
      this.connection.on("error", () => {});
      this.connection.on("close", () => {
        this.connection = null;
        this.channel = null;
      });
    }
    if (!this.channel) {
      this.channel = await this.connection.createChannel();
      this.channel.on("error", () => {});
      this.channel.on("close", () => {
        this.channel = null;
      });
    }
    return this.channel;
  }

  /** Messages ready in `queue`; -1 when it cannot be seen (no such queue, broker away). */
  async depth(queue: string): Promise<number> {
    try {
      return (await (await this.ch()).checkQueue(queue)).messageCount;
    } catch {
      return -1;
    }
  }

  /** Ready messages in every consumer queue and its retry queue (the BFF's included). */
  async backlog(queues: string[]): Promise<number> {
    let n = 0;
    for (const q of [...queues, BFF_QUEUE]) {
      for (const name of [q, `${q}.retry`]) {
        const d = await this.depth(name);
        n += d < 0 ? 1 : d;
      }
    }
    return n;
  }

  /** Dead letters of the BFF's queue, which no table records. */
  bffDeadLetters(): Promise<number> {
    return this.depth(`${BFF_QUEUE}.dlq`);
  }

  /**
   * Publishes events whose payloads fail their catalog schema: every consumer of the type retries them, then
   * dead-letters them, which is the known reason the dead letters of a run must match.
   */
  async publishPoison(count: number): Promise<EventEnvelope[]> {
    await this.ch();
    const ch = await this.connection!.createConfirmChannel();
    const poisons: EventEnvelope[] = [];
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      const envelope: EventEnvelope = {
        id: randomUUID(),
        type: "post.created",
        version: 1,
        aggregateId: id,
        aggregateVersion: 1,
        occurredAt: new Date().toISOString(),
        traceparent: null,
        // A number where the schema wants a slug string, and no title or status.
        payload: { id, slug: 42 },
      };
      ch.publish(EXCHANGE, envelope.type, Buffer.from(JSON.stringify(envelope)), {
        persistent: true,
        messageId: envelope.id,
        contentType: "application/json",
        headers: { "x-quire-attempt": 1 },
      });
      poisons.push(envelope);
    }
    await ch.waitForConfirms();
    await ch.close();
    return poisons;
  }

  async close(): Promise<void> {
    await this.connection?.close().catch(() => {});
  }
}
