import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** One registry per app, so several services in one process (tests) keep their figures apart. */
export function createHttpMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request duration",
      labelNames: ["method", "route", "status_code"],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}

export type HttpMetrics = ReturnType<typeof createHttpMetrics>;

export function createServiceMetrics(service: string, outboxBacklog: () => Promise<number>) {
  const http = createHttpMetrics(service);
  const { registry } = http;
  return {
    ...http,
    eventsPublished: new Counter({
      name: "outbox_events_published_total",
      help: "Events published by the outbox relay",
      registers: [registry],
    }),
    publishFailures: new Counter({
      name: "outbox_publish_failures_total",
      help: "Outbox rows whose publish failed and will be retried",
      registers: [registry],
    }),
    outboxBacklog: new Gauge({
      name: "outbox_backlog",
      help: "Outbox rows not yet published",
      registers: [registry],
      async collect() {
        this.set(await outboxBacklog());
      },
    }),
    eventsConsumed: new Counter({
      name: "events_consumed_total",
      help: "Events handled by this service's consumers",
      labelNames: ["type", "outcome"],
      registers: [registry],
    }),
    deadLetters: new Counter({
      name: "dead_letters_total",
      help: "Messages that reached a dead-letter queue of this service",
      registers: [registry],
    }),
  };
}

export type ServiceMetrics = ReturnType<typeof createServiceMetrics>;
