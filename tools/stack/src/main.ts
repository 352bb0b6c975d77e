import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { once } from "node:events";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { MemoryBroker, stackPorts } from "@quire/service-kit";
import { bundleBackend } from "./backend-bundle";
import { backendComponents, type ComponentName, frontendApps, shellProxies } from "./components";
import { startFrontendServers } from "./frontend-servers";
import { fromRoot, REPO_ROOT } from "./paths";
import { limitWorkerHeapGrowth, type Started, startProcess, startWorker } from "./processes";
import { blogHasPosts, seedDemoData } from "./seed/seed-demo-data";

/**
 * Starts Quire. Embedded (default): one process, a worker thread per service, PGlite under the data dir and
 * the in-process broker. `--distributed`: a process per service on PostgreSQL (`DATABASE_URL_<SERVICE>`) and
 * RabbitMQ (`AMQP_URL`). `QUIRE_WITHOUT=auth,blog` leaves services out, for fault tests.
 */
const distributed = process.argv.includes("--distributed");
const dataDir = resolve(REPO_ROOT, process.env.QUIRE_DATA_DIR ?? ".data");
const without = new Set(
  (process.env.QUIRE_WITHOUT ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);
const preparingOnly = process.env.QUIRE_PREPARE_ONLY === "1";
const ADMIN_EMAIL = "admin@quire.local";
const ports = stackPorts();
const siteUrl = `http://localhost:${ports.shell}`;

if (distributed && !process.env.AMQP_URL) {
  console.error(
    "The distributed mode needs AMQP_URL (RabbitMQ) and DATABASE_URL_<SERVICE> for each service.",
  );
  process.exit(1);
}
if (process.env.QUIRE_FRESH === "1") rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

const adminPassword = loadAdminPassword();
const serviceToken = loadServiceToken();
const env = {
  ...process.env,
  BFF_TRUSTED_DOCUMENTS: process.env.BFF_TRUSTED_DOCUMENTS ?? builtTrustedDocuments(),
  QUIRE_DATA_DIR: dataDir,
  QUIRE_SERVICE_TOKEN: serviceToken,
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
};

const broker = distributed ? null : new MemoryBroker();
if (broker) limitWorkerHeapGrowth();
const started: Started[] = [];
let frontends: { close(): Promise<void> } | null = null;

/**
 * The embedded broker lives in this process's memory, and a queue exists only once its consumer has
 * subscribed. So relays publish only while every consumer is subscribed: they start once all workers are up,
 * and stop first when the stack stops, which then waits for the broker to empty and notes it here. After any
 * other end (a crash, a kill, a broker that did not empty in time) every service publishes the events its
 * outbox retains again at the next start, and the consumers' inboxes drop those they applied.
 */
const brokerEmptyMarker = join(dataDir, "broker-empty.json");
const BROKER_EMPTY_WAIT_MS = 15_000;

async function startBackend(bundles: Record<ComponentName, string>, requeueOutbox: boolean): Promise<void> {
  const starting = backendComponents()
    .filter((c) => !without.has(c.name))
    .map(async (component) => {
      const relayEnv =
        broker && component.database
          ? { QUIRE_RELAY_WAITS: "1", ...(requeueOutbox ? { QUIRE_REQUEUE_OUTBOX: "1" } : {}) }
          : {};
      const componentEnv = { ...env, PORT: String(component.port), ...relayEnv };
      const s = broker
        ? await startWorker(component, bundles[component.name], componentEnv, broker)
        : await startProcess(component.name, bundles[component.name], componentEnv);
      started.push(s);
    });
  const results = await Promise.allSettled(starting);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  await Promise.all(started.map((s) => s.publishing?.(true)));
}

/** Stops the relays, then waits for every queue to empty; true when the broker holds nothing at all. */
async function quiesceBroker(memoryBroker: MemoryBroker): Promise<boolean> {
  try {
    await Promise.all(started.map((s) => s.publishing?.(false)));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return false;
  }
  const deadline = Date.now() + BROKER_EMPTY_WAIT_MS;
  for (;;) {
    const queues = memoryBroker.stats();
    if (queues.every((q) => q.ready === 0 && q.unacked === 0))
      return queues.every((q) => q.deadLetters === 0);
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Creating an embedded database runs initdb, which grows PGlite's WebAssembly memory to about 500 MB that
 * the process keeps: after a first start the stack held 2.9 GB, after a restart 0.8 (starting the workers
 * again still left 1.3). So a first start creates, migrates and seeds the databases in a process of its own,
 * which then exits, and the stack starts on what it made.
 */
function creatingEmbeddedDatabases(): boolean {
  return (
    broker !== null &&
    backendComponents().some(
      (c) => c.database && !without.has(c.name) && !existsSync(join(dataDir, c.name, "PG_VERSION")),
    )
  );
}

async function prepareDataDir(): Promise<void> {
  console.log("Creating the databases and the demo data (first start)...");
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    env: { ...process.env, QUIRE_PREPARE_ONLY: "1", QUIRE_FRESH: "0" },
    stdio: "inherit",
  });
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`Preparing the data dir failed (exit code ${code}).`);
}

async function main(): Promise<void> {
  if (!preparingOnly && creatingEmbeddedDatabases()) await prepareDataDir();
  const requeueOutbox = broker !== null && !existsSync(brokerEmptyMarker);
  rmSync(brokerEmptyMarker, { force: true });
  const bundles = await bundleBackend(join(dataDir, "backend"));
  await startBackend(bundles, requeueOutbox);
  await seedIfNeeded();
  if (preparingOnly) return stop(0);
  frontends = await startFrontendServers({
    proxies: shellProxies(),
    testControls: process.env.QUIRE_TEST_CONTROLS === "1",
    apps: frontendApps().map((app) => ({ ...app, distDir: fromRoot(`frontends/${app.name}/dist`) })),
  });
  const skipped = without.size ? `\n  Left out (QUIRE_WITHOUT): ${[...without].join(", ")}` : "";
  console.log(`
Quire is running at ${siteUrl}  (${distributed ? "distributed" : "embedded"} mode)
  GraphQL:  ${siteUrl}/graphql
  Sign in as the admin: ${ADMIN_EMAIL} / ${adminPassword}
  (the password is kept in ${join(dataDir, "admin-password.txt")} unless QUIRE_ADMIN_PASSWORD is set)${skipped}
Press Ctrl+C to stop.`);
}

/** The operations each built frontend sends; a production BFF accepts only these. */
function builtTrustedDocuments(): string {
  return frontendApps()
    .map((app) => fromRoot(`frontends/${app.name}/dist/trusted-documents.json`))
    .filter((file) => existsSync(file))
    .join(",");
}

function loadAdminPassword(): string {
  if (process.env.QUIRE_ADMIN_PASSWORD) return process.env.QUIRE_ADMIN_PASSWORD;
  const file = join(dataDir, "admin-password.txt");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  // Meets the password policy: upper case, digit, and length.
  const generated = `Q${randomBytes(12).toString("base64url")}7`;
  writeFileSync(file, `${generated}\n`, { mode: 0o600 });
  return generated;
}

/**
 * The credential services use on each other's `/internal/*` routes. Kept in the data dir, so a restart keeps
 * it and `npm run replicas:rebuild` can read it.
 */
function loadServiceToken(): string {
  if (process.env.QUIRE_SERVICE_TOKEN) return process.env.QUIRE_SERVICE_TOKEN;
  const file = join(dataDir, "service-token");
  if (existsSync(file)) {
    const kept = readFileSync(file, "utf8").trim();
    if (kept) return kept;
  }
  const generated = randomUUID();
  writeFileSync(file, `${generated}\n`, { mode: 0o600 });
  // The mode above applies only to a new file; an empty one left behind keeps its own.
  chmodSync(file, 0o600);
  return generated;
}

async function seedIfNeeded(): Promise<void> {
  // One marker per mode: both can use one data dir, and their databases are not the same.
  const marker = join(dataDir, distributed ? "seeded-distributed.json" : "seeded.json");
  if (existsSync(marker)) return;
  const needed: ComponentName[] = ["auth", "blog"];
  const missing = needed.filter((n) => without.has(n));
  if (missing.length) {
    console.warn(`Demo data not seeded: ${missing.join(", ")} left out.`);
    return;
  }
  // A marker lost (or written before markers were per mode) must not seed a second set of demo posts.
  if (await blogHasPosts(`http://127.0.0.1:${ports.blog}`)) {
    writeFileSync(
      marker,
      JSON.stringify({ notSeeded: "the blog had posts already", at: new Date().toISOString() }),
    );
    return;
  }
  const { posts } = await seedDemoData({
    authUrl: `http://127.0.0.1:${ports.auth}`,
    blogUrl: `http://127.0.0.1:${ports.blog}`,
    serviceToken,
    adminPassword,
  });
  writeFileSync(marker, JSON.stringify({ seededAt: new Date().toISOString(), posts }));
  console.log(`Seeded demo data: ${posts} posts.`);
}

let stopping = false;
async function stop(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  await frontends?.close().catch(() => {});
  const brokerEmpty = broker ? await quiesceBroker(broker) : false;
  for (const s of started.reverse()) await s.stop().catch(() => {});
  broker?.close();
  // Left-out services never subscribed: the events they missed are not in the broker, only in the outboxes.
  if (brokerEmpty && without.size === 0) {
    writeFileSync(brokerEmptyMarker, JSON.stringify({ at: new Date().toISOString() }));
  }
  process.exit(code);
}

process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stop(1);
});
