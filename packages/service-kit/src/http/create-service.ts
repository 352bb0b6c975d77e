import { timingSafeEqual } from "node:crypto";
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySwagger from "@fastify/swagger";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { JWTVerifyGetKey } from "jose";
import type { Logger } from "pino";
import { z } from "zod";
import { RevocationList } from "../auth/revocations";
import { createTokenVerifier, type Identity, remoteKeySet, type TokenVerifier } from "../auth/token-verifier";
import { withBusFaults } from "../bus/fault-injecting-bus";
import { MemoryBus, portLink } from "../bus/memory-bus";
import { RabbitBus } from "../bus/rabbit-bus";
import type { Bus } from "../bus/types";
import { type Env, loadConfig, type ServiceConfig } from "../config";
import { type Database, type Db, openPglite, openPostgres } from "../db/database";
import { migrate } from "../db/migrate";
import { createStampedReads, type StampedReads } from "../db/read-stamps";
import { badRequest, forbidden, HttpError, unauthenticated } from "../errors";
import { type ConsumerDefinition, startConsumer } from "../inbox/consumer";
import { createServiceMetrics, type HttpMetrics, type ServiceMetrics } from "../metrics";
import { OutboxRelay } from "../outbox/relay";
import type { ReplicaDefinition } from "../replicas/rebuild";
import { registerReplicaRoutes } from "../replicas/routes";
import { registerBackupRoutes } from "./backup-routes";
import { registerEventPipelineRoutes } from "./event-pipeline-routes";

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module "fastify" {
  interface FastifyRequest {
    /** Set only from a verified bearer token. */
    identity: Identity | null;
    /** A bearer token was sent but did not verify. */
    tokenRejected: boolean;
  }
}

export interface ServiceContext {
  name: string;
  config: ServiceConfig;
  database: Database;
  db: Db;
  bus: Bus;
  log: Logger;
  metrics: ServiceMetrics;
  relay: OutboxRelay;
  /** Answers kept in memory while their read stamp holds (db/read-stamps.ts). */
  reads: StampedReads;
  verifyToken: TokenVerifier;
}

export interface ServiceDefinition {
  name: string;
  /** Folder of the service's versioned SQL migrations. */
  migrations: URL;
  consumers?: ConsumerDefinition[];
  /** Keys that sign access tokens; by default auth's JWKS. Auth itself passes its own keys. */
  keySet?: (ctx: Omit<ServiceContext, "verifyToken">) => Promise<JWTVerifyGetKey>;
  routes: (app: App, ctx: ServiceContext) => void | Promise<void>;
  /** Tables left out of `/internal/backup` and untouched by `/internal/restore`. */
  backupExcludedTables?: string[];
  /** Read models kept from another service's events that `/internal/replicas/:name/rebuild` can rebuild. */
  replicas?: ReplicaDefinition[];
  /** Work after the service listens (background jobs); stopped by the returned function on close. */
  background?: (ctx: ServiceContext) => (() => Promise<void>) | undefined;
}

export interface StartOptions {
  env?: Env;
  /** Inject a database (tests clone a migrated template). */
  database?: Database;
  /** Inject a bus (tests share one in-process broker). */
  bus?: Bus;
  port?: number;
  listen?: boolean;
}

export interface RunningService {
  app: App;
  ctx: ServiceContext;
  url: string;
  /** Starts or stops the outbox relay (the embedded launcher's "publish" and "quiesce"). */
  publishing(on: boolean): Promise<void>;
  close(): Promise<void>;
}

export const BODY_LIMIT_BYTES = 1024 * 1024;

export async function openServiceDatabase(config: ServiceConfig): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openPglite({ dataDir: join(config.dataDir, config.name) });
}

/** RabbitMQ when `AMQP_URL` is set; otherwise the launcher's in-process broker, reached over a MessagePort. */
export async function connectBus(config: ServiceConfig): Promise<Bus> {
  // Fault suites (`npm run test:chaos`) set QUIRE_BUS_FAULTS to duplicate and reorder deliveries.
  return withBusFaults(await connectBrokerBus(config), config.env.QUIRE_BUS_FAULTS);
}

async function connectBrokerBus(config: ServiceConfig): Promise<Bus> {
  if (config.amqpUrl) return RabbitBus.connect(config.amqpUrl, { namespace: config.amqpNamespace });
  const port = (workerData as { brokerPort?: import("node:worker_threads").MessagePort } | null)?.brokerPort;
  if (port) return new MemoryBus(portLink(port));
  throw new Error("no broker: set AMQP_URL, or start the service through the stack launcher");
}

export async function startService(
  def: ServiceDefinition,
  options: StartOptions = {},
): Promise<RunningService> {
  const config = loadConfig(def.name, options.env ?? process.env);
  let relay: OutboxRelay | undefined;
  let ctxRef: ServiceContext | undefined;
  const metrics = createServiceMetrics(def.name, async () => (relay ? relay.backlog() : 0));
  const app = await createHttpApp({
    name: def.name,
    config,
    metrics,
    verifyToken: (token) => ctxRef!.verifyToken(token),
    readiness: async () => ({
      database: await ctxRef!.database.ping().then(
        () => true,
        () => false,
      ),
      broker: ctxRef!.bus.isConnected(),
    }),
  });
  const log = app.log as unknown as Logger;

  const database = options.database ?? (await openServiceDatabase(config));
  let bus: Bus | undefined;
  let revocations: RevocationList | undefined;
  let stopBackground: (() => Promise<void>) | undefined;
  try {
    await migrate(database, def.migrations);
    bus = options.bus ?? (await connectBus(config));
    relay = new OutboxRelay(database, bus, log, {
      onPublished: (n) => metrics.eventsPublished.inc(n),
      onFailed: (n) => metrics.publishFailures.inc(n),
    });
    const reads = createStampedReads(database);
    const partial = { name: def.name, config, database, db: database.db, bus, log, metrics, relay, reads };
    const keys = def.keySet ? await def.keySet(partial) : remoteKeySet(config.serviceUrl("auth"));
    revocations = new RevocationList(database);
    await revocations.start();
    const ctx: ServiceContext = {
      ...partial,
      verifyToken: createTokenVerifier(keys, (userId, issuedAtMs) =>
        revocations!.isRevoked(userId, issuedAtMs),
      ),
    };
    ctxRef = ctx;

    registerBackupRoutes(app, def.name, database, { excludedTables: def.backupExcludedTables ?? [] });
    registerEventPipelineRoutes(app, def.name, { database, bus, relay });
    registerReplicaRoutes(app, ctx, def.replicas ?? []);
    await def.routes(app, ctx);

    for (const consumer of [revocations.consumer(), ...(def.consumers ?? [])]) {
      await startConsumer(database, bus, def.name, consumer, {
        onOutcome: (type, outcome) => metrics.eventsConsumed.inc({ type, outcome }),
        onDeadLetter: () => metrics.deadLetters.inc(),
      });
    }
    if (config.requeueOutbox) {
      const requeued = await relay.requeueRetained();
      if (requeued > 0) {
        log.warn(
          { requeued },
          "the broker may have lost events at its last stop: publishing the outbox again",
        );
      }
    }
    if (!config.relayWaitsForLauncher) await relay.start();
    let url = "";
    if (options.listen !== false) {
      url = await app.listen({ port: options.port ?? config.port, host: config.host });
    } else {
      await app.ready();
    }
    stopBackground = def.background?.(ctx);
    log.info({ url }, `${def.name} service ready`);

    let closing: Promise<void> | null = null;
    return {
      app,
      ctx,
      url,
      publishing: (on) => (on ? relay!.start() : relay!.stop()),
      close() {
        closing ??= (async () => {
          await app.close();
          await stopBackground?.();
          revocations?.stop();
          await relay?.stop();
          if (!options.bus) await bus?.close();
          if (!options.database) await database.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await app.close().catch(() => {});
    revocations?.stop();
    await relay?.stop().catch(() => {});
    if (!options.bus) await bus?.close().catch(() => {});
    if (!options.database) await database.close().catch(() => {});
    throw error;
  }
}

/** Starts a service as a process or worker entry point, with graceful shutdown on signals. */
export async function runService(def: ServiceDefinition): Promise<RunningService> {
  const service = await startService(def);
  closeOnShutdown(service.url, () => service.close(), service.publishing);
  return service;
}

/**
 * Graceful shutdown for a process (SIGTERM/SIGINT) or a worker thread of the embedded launcher (a
 * "shutdown" message); tells the launcher when ready and when closed.
 */
export function closeOnShutdown(
  url: string,
  close: () => Promise<void>,
  publishing?: (on: boolean) => Promise<void>,
): void {
  const shutdown = async () => {
    await close();
    if (parentPort) parentPort.postMessage({ type: "closed" });
    else process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown());
  process.once("SIGINT", () => void shutdown());
  parentPort?.on("message", (msg: { type?: string }) => {
    if (msg?.type === "shutdown") void shutdown();
    // The embedded launcher starts relays once every consumer has subscribed, and stops them before it waits
    // for its broker to empty.
    if ((msg?.type === "publish" || msg?.type === "quiesce") && publishing) {
      void publishing(msg.type === "publish").then(
        () => parentPort?.postMessage({ type: msg.type === "publish" ? "publishing" : "quiesced" }),
        (error: unknown) => parentPort?.postMessage({ type: "failed", error: String(error) }),
      );
    }
  });
  // The launcher waits for this: over the worker port in the embedded mode, over IPC for a child process.
  if (parentPort) parentPort.postMessage({ type: "ready", url });
  else process.send?.({ type: "ready", url });
}

export interface HttpAppOptions {
  name: string;
  config: ServiceConfig;
  metrics: HttpMetrics;
  verifyToken: TokenVerifier;
  /** Named checks for `/readyz`; all must be true. */
  readiness: () => Promise<Record<string, boolean>>;
  /**
   * "reject" answers a bad bearer token with 401 (REST services); "anonymous" leaves `identity` null and sets
   * `tokenRejected`, for the BFF, whose GraphQL errors carry the code instead.
   */
  invalidToken?: "reject" | "anonymous";
}

/**
 * The HTTP foundation of every service and of the BFF: structured logs with request ids, zod validation,
 * identity from a verified bearer token only, service credentials on `/internal/*`, one error format,
 * `/healthz`, `/readyz`, `/metrics` and `/openapi.json`.
 */
export async function createHttpApp(options: HttpAppOptions): Promise<App> {
  const { name, config } = options;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      base: { service: name },
      // Also wherever a plugin logs the headers itself (multipart logs them at trace level).
      redact: [
        "req.headers.authorization",
        "req.headers.cookie",
        'req.headers["x-service-token"]',
        "*.headers.authorization",
        "*.headers.cookie",
        '*.headers["x-service-token"]',
        "*.password",
        "*.accessToken",
        "*.refreshToken",
      ],
    },
    requestIdHeader: "x-request-id",
    bodyLimit: BODY_LIMIT_BYTES,
    // req.ip is the client's address as the trusted proxies in front (shell, BFF) report it.
    trustProxy: config.trustedProxies,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Off by default; a route opts in with `config: { rateLimit: rateLimit(config, max, window) }`.
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: { info: { title: `Quire ${name} service`, version: "1" } },
    transform: jsonSchemaTransform,
  });
  installRequestHooks(app, options);
  installErrorHandler(app);
  installOperationalRoutes(app, options);
  return app;
}

/**
 * A per-client limit for a route (anonymous writes, logins). `QUIRE_RATE_LIMIT_FACTOR` scales every limit,
 * so a load test can raise them without touching the routes.
 */
export function rateLimit(config: ServiceConfig, max: number, timeWindow: string | number) {
  return { max: Math.max(1, Math.round(max * config.rateLimitFactor)), timeWindow };
}

export function requireUser(req: FastifyRequest): Identity {
  if (!req.identity) throw unauthenticated();
  return req.identity;
}

export function requireAdmin(req: FastifyRequest): Identity {
  const identity = requireUser(req);
  if (identity.role !== "ADMIN") throw forbidden("Admins only");
  return identity;
}

/**
 * PostgreSQL refuses to store a NUL character in text (22021) or to convert one (22P05): the input was bad,
 * and the failed statement wrote nothing. Drivers and the ORM may wrap the database's error.
 */
function isUnstorableText(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (e.code === "22021" || e.code === "22P05") return true;
    e = e.cause as typeof e;
  }
  return false;
}

function installRequestHooks(app: App, ctx: HttpAppOptions): void {
  app.decorateRequest("identity", null);
  app.decorateRequest("tokenRejected", false);
  app.addHook("onRequest", async (req, reply) => {
    reply.header("x-request-id", req.id);
    // The route the router matched, not only the raw URL: `/%69nternal/backup` is routed to /internal/backup.
    const internal = req.url.startsWith("/internal/") || req.routeOptions.url?.startsWith("/internal/");
    if (internal && !hasServiceCredential(req, ctx.config.serviceToken)) {
      throw new HttpError(403, "FORBIDDEN", "A service credential is required");
    }
    const header = req.headers.authorization;
    if (!header) return;
    const [scheme, token] = header.split(" ");
    try {
      if (scheme !== "Bearer" || !token) throw new Error("malformed");
      req.identity = await ctx.verifyToken(token);
    } catch {
      if (ctx.invalidToken === "anonymous") req.tokenRejected = true;
      else throw unauthenticated("Invalid or expired token");
    }
  });
  app.addHook("onResponse", async (req, reply) => {
    ctx.metrics.httpDuration.observe(
      { method: req.method, route: req.routeOptions.url ?? "unmatched", status_code: reply.statusCode },
      reply.elapsedTime / 1000,
    );
  });
}

function hasServiceCredential(req: FastifyRequest, expected: string | undefined): boolean {
  const given = req.headers["x-service-token"];
  if (!expected || typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function installErrorHandler(app: App): void {
  app.setErrorHandler((error, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.status(400).send({
        error: {
          code: "BAD_REQUEST",
          message: "Invalid request",
          issues: error.validation.map((v) => ({ path: v.instancePath, message: v.message })),
        },
      });
    }
    if (error instanceof HttpError) {
      return reply.status(error.statusCode).send({
        error: {
          code: error.code,
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
        },
      });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      const message = error instanceof Error ? error.message : "Bad request";
      return reply
        .status(status)
        .send({ error: { code: status === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST", message } });
    }
    if (isUnstorableText(error)) {
      return reply.status(400).send({
        error: { code: "BAD_REQUEST", message: "Text must not contain NUL characters" },
      });
    }
    req.log.error({ err: error }, "unhandled error");
    return reply.status(500).send({ error: { code: "INTERNAL", message: "Internal error" } });
  });
  app.setNotFoundHandler((_req, reply) =>
    reply.status(404).send({ error: { code: "NOT_FOUND", message: "Not found" } }),
  );
}

function installOperationalRoutes(app: App, ctx: HttpAppOptions): void {
  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (_req, reply) => {
    const checks = await ctx.readiness();
    const ok = Object.values(checks).every(Boolean);
    return reply.status(ok ? 200 : 503).send({ status: ok ? "ready" : "unavailable", checks });
  });
  // `?name=a&name=b` answers only those metrics, collecting nothing else: a close watch of one counter (the
  // benchmark's, every 50 ms) must not run every gauge's query (the outbox backlog counts its rows) each time.
  const metricNames = z.object({ name: z.union([z.string(), z.array(z.string())]).optional() });
  app.get("/metrics", { schema: { hide: true, querystring: metricNames } }, async (req, reply) => {
    const { registry } = ctx.metrics;
    reply.header("content-type", registry.contentType);
    if (req.query.name === undefined) return registry.metrics();
    const names = [req.query.name].flat();
    const unknown = names.find((n) => !registry.getSingleMetric(n));
    if (unknown) throw badRequest(`No metric named "${unknown}"`);
    return (await Promise.all(names.map((n) => registry.getSingleMetricAsString(n)))).join("\n");
  });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}
