import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { EventEnvelope } from "@quire/contracts";
import { MemoryBroker } from "../bus/memory-broker";
import { directLink, MemoryBus } from "../bus/memory-bus";
import { RabbitBus } from "../bus/rabbit-bus";
import type { Bus } from "../bus/types";
import { type Database, openPglite, openPostgres } from "../db/database";
import { migrate, readMigrations } from "../db/migrate";
import { type RunningService, type ServiceDefinition, startService } from "../http/create-service";

/**
 * Test infrastructure for both runtime modes. With `QUIRE_TEST_DATABASE_URL` (a PostgreSQL server URL) each
 * test database is a fresh PostgreSQL database; otherwise a PGlite cloned from a migrated template (initdb
 * costs seconds, a clone about one). With `AMQP_URL` the bus is RabbitMQ under a unique namespace; otherwise
 * one in-process broker.
 */
export const testModes = {
  database: process.env.QUIRE_TEST_DATABASE_URL ? "postgres" : "pglite",
  bus: process.env.AMQP_URL ? "rabbitmq" : "memory",
} as const;

const KIT_MIGRATIONS = new URL("../../migrations/", import.meta.url);
const TEMPLATE_CACHE = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../node_modules/.cache/pglite-templates",
);

export async function createTestDatabase(migrations: URL): Promise<Database> {
  const adminUrl = process.env.QUIRE_TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `t_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
    const admin = await openPostgres(adminUrl, 1);
    await admin.exec(`create database ${name}`);
    await admin.close();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await openPostgres(url.toString());
    await migrate(database, migrations);
    const close = database.close;
    return {
      ...database,
      async close() {
        await close();
        const cleanup = await openPostgres(adminUrl, 1);
        await cleanup.exec(`drop database if exists ${name} with (force)`).catch(() => {});
        await cleanup.close();
      },
    };
  }
  const file = templateFile(migrations);
  if (!existsSync(file)) {
    const fresh = await openPglite();
    await migrate(fresh, migrations);
    const dump = await fresh.dumpDataDir!();
    await fresh.close();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.${process.pid}`, Buffer.from(await dump.arrayBuffer()));
    // rename is atomic: a parallel test file never reads half a template
    renameSync(`${file}.${process.pid}`, file);
  }
  const database = await openPglite({ loadDataDir: new Blob([readFileSync(file)]) });
  await migrate(database, migrations);
  return database;
}

function templateFile(migrations: URL): string {
  const hash = createHash("sha256");
  for (const m of [...readMigrations(KIT_MIGRATIONS, "kit/"), ...readMigrations(migrations)]) {
    hash.update(m.version).update(m.sql);
  }
  return join(TEMPLATE_CACHE, `${hash.digest("hex").slice(0, 24)}.tar`);
}

/** A broker for one test: every bus made by `connect()` talks to it. */
export interface TestBroker {
  connect(): Promise<Bus>;
  close(): Promise<void>;
}

export function createTestBroker(): TestBroker {
  const amqpUrl = process.env.AMQP_URL;
  const buses: Bus[] = [];
  if (amqpUrl) {
    const namespace = `t${randomUUID().slice(0, 8)}.`;
    return {
      async connect() {
        const bus = await RabbitBus.connect(amqpUrl, { namespace, queueExpiresMs: 120_000 });
        buses.push(bus);
        return bus;
      },
      async close() {
        await Promise.all(buses.map((b) => b.close()));
      },
    };
  }
  const broker = new MemoryBroker();
  return {
    async connect() {
      const bus = new MemoryBus(directLink(broker));
      buses.push(bus);
      return bus;
    },
    async close() {
      await Promise.all(buses.map((b) => b.close()));
      broker.close();
    },
  };
}

export interface TestStack {
  services: Record<string, RunningService>;
  broker: TestBroker;
  serviceToken: string;
  env: Record<string, string | undefined>;
  close(): Promise<void>;
}

/**
 * Starts services in order on free ports, each on its own test database, all on one broker; later services
 * learn the URLs of earlier ones (`QUIRE_<NAME>_URL`), so list auth first.
 */
export async function startTestStack(definitions: ServiceDefinition[]): Promise<TestStack> {
  const broker = createTestBroker();
  const serviceToken = randomUUID();
  const env: Record<string, string | undefined> = {
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
    QUIRE_SERVICE_TOKEN: serviceToken,
  };
  const services: Record<string, RunningService> = {};
  try {
    for (const def of definitions) {
      const database = await createTestDatabase(def.migrations);
      const bus = await broker.connect();
      const service = await startService(def, { env, database, bus, port: 0 });
      const close = service.close;
      let closed: Promise<void> | null = null;
      services[def.name] = {
        ...service,
        close() {
          closed ??= close().then(() => database.close());
          return closed;
        },
      };
      env[`QUIRE_${def.name.toUpperCase()}_URL`] = service.url;
    }
  } catch (error) {
    for (const s of Object.values(services).reverse()) await s.close().catch(() => {});
    await broker.close();
    throw error;
  }
  return {
    services,
    broker,
    serviceToken,
    env,
    async close() {
      for (const s of Object.values(services).reverse()) await s.close();
      await broker.close();
    },
  };
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ""}`);
}

/** Creates an account through auth (which must be in the stack) and signs it in. */
export async function createTestUser(
  stack: TestStack,
  role: "USER" | "ADMIN" = "USER",
  name = `${role.toLowerCase()}-${randomUUID().slice(0, 6)}`,
): Promise<{ id: string; name: string; token: string; headers: Record<string, string> }> {
  const auth = stack.services.auth?.url;
  if (!auth) throw new Error("createTestUser needs the auth service in the stack");
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${randomUUID().slice(0, 6)}@example.com`;
  const password = "Test-Password1";
  const created = await fetch(`${auth}/internal/users`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-service-token": stack.serviceToken },
    body: JSON.stringify({ email, password, name, role }),
  });
  if (created.status !== 201) throw new Error(`could not create ${email}: ${created.status}`);
  const login = await fetch(`${auth}/v1/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const { accessToken, user } = (await login.json()) as { accessToken: string; user: { id: string } };
  return {
    id: user.id,
    name,
    token: accessToken,
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read a response's JSON and then assert its shape
export type Json = any;

/** A response's JSON, typed loosely for assertions. */
export function json(res: Response): Promise<Json> {
  return res.json() as Promise<Json>;
}

/** A deterministic shuffle (the same seed, the same order), so a failing reordered delivery replays. */
export function shuffle<T>(items: T[], seed = 42): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** An envelope of some service's event, as a test delivers it (a fresh id each time). */
export function testEnvelope(
  type: string,
  aggregateId: string,
  aggregateVersion: number,
  payload: unknown,
  occurredAt = new Date().toISOString(),
): EventEnvelope {
  return {
    id: randomUUID(),
    type,
    version: 1,
    aggregateId,
    aggregateVersion,
    occurredAt,
    traceparent: null,
    payload,
  };
}
