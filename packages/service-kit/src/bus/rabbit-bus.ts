import type { EventEnvelope } from "@quire/contracts";
import amqp, {
  type Channel,
  type ChannelModel,
  type ConfirmChannel,
  type ConsumeMessage,
  type RecoveringChannelModel,
} from "amqplib";
import {
  type Bus,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_PREFETCH,
  DEFAULT_RETRY_DELAY_MS,
  type DeadLetterDelivery,
  type Delivery,
  type SubscriptionOptions,
} from "./types";

export const EXCHANGE = "domain.events";
const ATTEMPT_HEADER = "x-quire-attempt";
const ERROR_HEADER = "x-quire-error";

export interface RabbitBusOptions {
  /** Prefix of exchange and queue names, so test runs sharing one broker stay apart. */
  namespace?: string;
  /** Delete queues unused for this long (tests). */
  queueExpiresMs?: number;
}

type Consumer =
  | { kind: "queue"; options: SubscriptionOptions }
  | { kind: "dead"; queue: string; handler: (d: DeadLetterDelivery) => Promise<void> };

/**
 * The RabbitMQ adapter. Topology per consumer queue Q: Q bound to the topic exchange; `Q.retry` (TTL) that
 * dead-letters back into Q for delayed retries; `Q.dlq` bound to the dead-letter exchange. A failed message is
 * republished (with confirm) to the retry or dead-letter exchange before the original is acked, so it is never
 * lost between the two. The connection recovers by itself and every consumer is set up again on reconnect.
 */
export class RabbitBus implements Bus {
  readonly kind = "rabbitmq" as const;
  private connection!: RecoveringChannelModel;
  private publishChannel: ConfirmChannel | null = null;
  private readonly consumers: Consumer[] = [];
  private closing = false;
  private readonly exchange: string;
  private readonly retryExchange: string;
  private readonly deadLetterExchange: string;

  private constructor(private readonly options: RabbitBusOptions) {
    const ns = options.namespace ?? "";
    this.exchange = `${ns}${EXCHANGE}`;
    this.retryExchange = `${ns}${EXCHANGE}.retry`;
    this.deadLetterExchange = `${ns}${EXCHANGE}.dlx`;
  }

  static async connect(url: string, options: RabbitBusOptions = {}): Promise<RabbitBus> {
    const bus = new RabbitBus(options);
    bus.connection = await amqp.connect(url, {
      recovery: {
        initialDelay: 200,
        maxDelay: 3_000,
        maxRetries: Number.POSITIVE_INFINITY,
        initialMaxRetries: 20,
        waitForConnect: false,
        setup: (model: ChannelModel) => bus.setup(model),
      },
    });
    bus.connection.on("disconnect", () => {
      bus.publishChannel = null;
    });
    bus.connection.on("error", () => {});
    await bus.connection.waitForConnect();
    return bus;
  }

  async publish(envelopes: EventEnvelope[]): Promise<void> {
    const ch = this.publishChannel;
    if (!ch) throw new Error("broker unavailable");
    for (const e of envelopes) {
      ch.publish(this.exchange, e.type, Buffer.from(JSON.stringify(e)), {
        persistent: true,
        messageId: e.id,
        contentType: "application/json",
        headers: { [ATTEMPT_HEADER]: 1 },
      });
    }
    await ch.waitForConfirms();
  }

  async subscribe(options: SubscriptionOptions): Promise<void> {
    const consumer: Consumer = { kind: "queue", options };
    this.consumers.push(consumer);
    await this.startConsumer(await this.connection.createConfirmChannel(), consumer);
  }

  async consumeDeadLetters(
    queue: string,
    handler: (dead: DeadLetterDelivery) => Promise<void>,
  ): Promise<void> {
    const consumer: Consumer = { kind: "dead", queue, handler };
    this.consumers.push(consumer);
    await this.startConsumer(await this.connection.createConfirmChannel(), consumer);
  }

  async requeue(queue: string, envelope: EventEnvelope): Promise<void> {
    const ch = this.publishChannel;
    if (!ch) throw new Error("broker unavailable");
    ch.sendToQueue(this.queueName(queue), Buffer.from(JSON.stringify(envelope)), {
      persistent: true,
      messageId: envelope.id,
      contentType: "application/json",
      headers: { [ATTEMPT_HEADER]: 1 },
    });
    await ch.waitForConfirms();
  }

  isConnected(): boolean {
    return this.publishChannel !== null;
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.connection.close().catch(() => {});
  }

  /** Runs after every reconnect: topology, the publish channel, then every consumer again. */
  private async setup(model: ChannelModel): Promise<void> {
    if (this.closing) return;
    const ch = await model.createConfirmChannel();
    await this.declareExchanges(ch);
    for (const consumer of this.consumers)
      await this.startConsumer(await model.createConfirmChannel(), consumer);
    this.publishChannel = ch;
  }

  private queueName(queue: string): string {
    return `${this.options.namespace ?? ""}${queue}`;
  }

  private async declareExchanges(ch: Channel): Promise<void> {
    await ch.assertExchange(this.exchange, "topic", { durable: true });
    await ch.assertExchange(this.retryExchange, "direct", { durable: true });
    await ch.assertExchange(this.deadLetterExchange, "direct", { durable: true });
  }

  /** Declares Q (bound to `bindings`), Q.retry (TTL, dead-letters back into Q) and Q.dlq. */
  private async declareConsumerQueue(ch: Channel, queue: string, bindings: string[], retryDelayMs: number) {
    const expires = this.options.queueExpiresMs ? { "x-expires": this.options.queueExpiresMs } : {};
    await ch.assertQueue(queue, { durable: true, arguments: expires });
    for (const b of bindings) await ch.bindQueue(queue, this.exchange, b);
    await ch.assertQueue(`${queue}.retry`, {
      durable: true,
      arguments: {
        ...expires,
        "x-message-ttl": retryDelayMs,
        "x-dead-letter-exchange": "",
        "x-dead-letter-routing-key": queue,
      },
    });
    await ch.bindQueue(`${queue}.retry`, this.retryExchange, queue);
    await ch.assertQueue(`${queue}.dlq`, { durable: true, arguments: expires });
    await ch.bindQueue(`${queue}.dlq`, this.deadLetterExchange, queue);
  }

  private async startConsumer(ch: ConfirmChannel, consumer: Consumer): Promise<void> {
    await this.declareExchanges(ch);
    if (consumer.kind === "dead") {
      const queue = this.queueName(consumer.queue);
      const dlq = `${queue}.dlq`;
      const expires = this.options.queueExpiresMs ? { "x-expires": this.options.queueExpiresMs } : {};
      await ch.assertQueue(dlq, { durable: true, arguments: expires });
      await ch.bindQueue(dlq, this.deadLetterExchange, queue);
      await ch.prefetch(1);
      await ch.consume(dlq, (msg) => {
        if (!msg) return;
        const envelope = parse(msg);
        const error = String(msg.properties.headers?.[ERROR_HEADER] ?? "unknown error");
        const attempt = Number(msg.properties.headers?.[ATTEMPT_HEADER] ?? 1);
        consumer
          .handler({ queue: consumer.queue, envelope, attempt, error })
          .then(() => ch.ack(msg))
          .catch(() => setTimeout(() => safeNack(ch, msg, true), 1_000));
      });
      return;
    }
    const { options } = consumer;
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const queue = this.queueName(options.queue);
    await this.declareConsumerQueue(
      ch,
      queue,
      options.bindings,
      options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
    );
    await ch.prefetch(options.prefetch ?? DEFAULT_PREFETCH);
    await ch.consume(queue, (msg) => {
      if (!msg) return;
      void this.handle(ch, msg, queue, options, maxAttempts);
    });
  }

  private async handle(
    ch: ConfirmChannel,
    msg: ConsumeMessage,
    queue: string,
    options: SubscriptionOptions,
    maxAttempts: number,
  ): Promise<void> {
    const attempt = Number(msg.properties.headers?.[ATTEMPT_HEADER] ?? 1);
    let envelope: EventEnvelope;
    try {
      envelope = parse(msg);
    } catch (error) {
      return this.forward(ch, msg, this.deadLetterExchange, queue, attempt, error);
    }
    const delivery: Delivery = { envelope, attempt };
    try {
      await options.handler(delivery);
      ch.ack(msg);
    } catch (error) {
      if (attempt >= maxAttempts) await this.forward(ch, msg, this.deadLetterExchange, queue, attempt, error);
      else await this.forward(ch, msg, this.retryExchange, queue, attempt + 1, error);
    }
  }

  /** Republish with confirm, then ack; if the republish fails, nack with requeue so the message stays. */
  private async forward(
    ch: ConfirmChannel,
    msg: ConsumeMessage,
    exchange: string,
    queue: string,
    attempt: number,
    error: unknown,
  ): Promise<void> {
    try {
      ch.publish(exchange, queue, msg.content, {
        ...msg.properties,
        persistent: true,
        headers: {
          ...msg.properties.headers,
          [ATTEMPT_HEADER]: attempt,
          [ERROR_HEADER]: (error instanceof Error ? error.message : String(error)).slice(0, 2000),
        },
      });
      await ch.waitForConfirms();
      ch.ack(msg);
    } catch {
      safeNack(ch, msg, true);
    }
  }
}

function parse(msg: ConsumeMessage): EventEnvelope {
  return JSON.parse(msg.content.toString("utf8")) as EventEnvelope;
}

function safeNack(ch: Channel, msg: ConsumeMessage, requeue: boolean): void {
  try {
    ch.nack(msg, false, requeue);
  } catch {
    // The channel is gone; the broker redelivers unacked messages by itself.
  }
}
