import { resolve } from "node:path";

/** Ports of the stack; each can be overridden with `PORT` (a service's own) or `QUIRE_<NAME>_URL` (a peer's). */
export const DEFAULT_PORTS = {
  shell: 3000,
  auth: 3001,
  blog: 3002,
  content: 3003,
  page: 3004,
  analytics: 3005,
  storage: 3006,
  bff: 4000,
} as const;

export type ServiceName = Exclude<keyof typeof DEFAULT_PORTS, "shell">;

export type Env = Record<string, string | undefined>;

/**
 * The stack's ports, shifted by `QUIRE_PORT_OFFSET` so a second stack (a benchmark, a fault suite) can run
 * beside the one on the standard ports.
 */
export function stackPorts(env: Env = process.env): Record<keyof typeof DEFAULT_PORTS, number> {
  const offset = Number(env.QUIRE_PORT_OFFSET ?? 0);
  if (!Number.isInteger(offset) || offset < 0 || offset > 60_000) {
    throw new Error(
      `QUIRE_PORT_OFFSET must be a whole number from 0 to 60000, got "${env.QUIRE_PORT_OFFSET}"`,
    );
  }
  return Object.fromEntries(
    Object.entries(DEFAULT_PORTS).map(([name, port]) => [name, port + offset]),
  ) as Record<keyof typeof DEFAULT_PORTS, number>;
}

export interface ServiceConfig {
  name: string;
  host: string;
  port: number;
  /** PostgreSQL URL; when absent the service runs on PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  amqpUrl: string | undefined;
  /** Prefix of the stack's exchange and queue names, so two stacks can share one RabbitMQ. */
  amqpNamespace: string;
  /**
   * The embedded launcher's broker lives in its memory and has no queue before its consumer subscribes: the
   * relay then starts when the launcher says every service is up (a "publish" message), not on its own.
   */
  relayWaitsForLauncher: boolean;
  /**
   * Publish every event the outbox still holds again at start: the launcher's broker did not stop empty, so
   * some may never have reached their consumers. Their inboxes drop what they applied already.
   */
  requeueOutbox: boolean;
  /** Shared credential for `/internal/*` calls between services. */
  serviceToken: string | undefined;
  logLevel: string;
  /** Proxies whose X-Forwarded-For is believed (fastify's trustProxy). */
  trustedProxies: string;
  rateLimitFactor: number;
  env: Env;
  serviceUrl(name: ServiceName): string;
}

export function loadConfig(name: string, env: Env = process.env): ServiceConfig {
  const ports = stackPorts(env);
  const defaultPort = (ports as Record<string, number>)[name] ?? 0;
  return {
    name,
    host: env.HOST ?? "127.0.0.1",
    port: Number(env.PORT ?? defaultPort),
    databaseUrl: env[`DATABASE_URL_${name.toUpperCase()}`] || undefined,
    dataDir: resolve(env.QUIRE_DATA_DIR ?? ".data"),
    amqpUrl: env.AMQP_URL || undefined,
    amqpNamespace: env.QUIRE_AMQP_NAMESPACE ?? "",
    relayWaitsForLauncher: env.QUIRE_RELAY_WAITS === "1",
    requeueOutbox: env.QUIRE_REQUEUE_OUTBOX === "1",
    serviceToken: env.QUIRE_SERVICE_TOKEN || undefined,
    logLevel: env.LOG_LEVEL ?? (env.VITEST ? "silent" : "info"),
    trustedProxies: env.QUIRE_TRUSTED_PROXIES ?? "loopback",
    rateLimitFactor: Number(env.QUIRE_RATE_LIMIT_FACTOR ?? 1) || 1,
    env,
    serviceUrl: (peer) => env[`QUIRE_${peer.toUpperCase()}_URL`] ?? `http://127.0.0.1:${ports[peer]}`,
  };
}
