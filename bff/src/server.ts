import { readdirSync, readFileSync } from "node:fs";
import cors from "@fastify/cors";
import { createInMemoryCache, useResponseCache } from "@graphql-yoga/plugin-response-cache";
import {
  type Bus,
  createHttpApp,
  createHttpMetrics,
  createTokenVerifier,
  type Env,
  loadConfig,
  remoteKeySet,
  stackPorts,
} from "@quire/service-kit";
import type { FastifyReply, FastifyRequest } from "fastify";
import { createSchema, createYoga, type Plugin } from "graphql-yoga";
import { Counter } from "prom-client";
import { type CacheEntity, subscribeCacheInvalidation } from "./cache-invalidation";
import { ServiceClient } from "./clients/service-client";
import { type BffContext, type Clients, createApi, createLoaders } from "./context";
import { createLiveEvents } from "./live-events";
import { resolvers } from "./resolvers";
import { createResponseMemo, isAnonymous, type ResponseMemo } from "./response-memo";
import { armorPlugins, productionPlugins } from "./security";
import { sessionCookie } from "./session-cookie";
import { acceptMultipart, uploadGuard } from "./uploads";

const schemaDir = new URL("./schema/", import.meta.url);
/** The schema is the source of truth, one file per area (reading, admin, subscriptions), in a fixed order. */
const typeDefs = readdirSync(schemaDir)
  .filter((file) => file.endsWith(".graphql"))
  .sort()
  .map((file) => readFileSync(new URL(file, schemaDir), "utf8"));

export interface BffServer {
  url: string;
  close(): Promise<void>;
  metrics: ReturnType<typeof createHttpMetrics>;
}

/** How long an anonymous response is served from memory when no event made it stale first. */
export const RESPONSE_CACHE_TTL_MS = 60_000;

export interface BffOptions {
  env?: Env;
  port?: number;
  /**
   * The broker whose domain events invalidate the response cache. Without one there is no cache: nothing
   * would drop a stale answer before its TTL. `BFF_RESPONSE_CACHE=off` turns it off too (benchmarks of the
   * uncached path).
   */
  bus?: Bus;
}

export async function startBff(options: BffOptions = {}): Promise<BffServer> {
  const env = options.env ?? process.env;
  const config = loadConfig("bff", env);
  const production = env.NODE_ENV === "production";
  const authorSource = env.BFF_AUTHOR_SOURCE === "auth" ? "auth" : "replica";
  const metrics = createHttpMetrics("bff");
  const upstreamRequests = new Counter({
    name: "bff_upstream_requests_total",
    help: "Calls from the BFF to a domain service",
    labelNames: ["service", "operation"] as const,
    registers: [metrics.registry],
  });
  const client = (name: keyof Clients) => new ServiceClient(name, config.serviceUrl(name), upstreamRequests);
  const clients: Clients = {
    auth: client("auth"),
    blog: client("blog"),
    content: client("content"),
    page: client("page"),
    analytics: client("analytics"),
    storage: client("storage"),
  };
  const verifyToken = createTokenVerifier(remoteKeySet(config.serviceUrl("auth")));
  const app = await createHttpApp({
    name: "bff",
    config,
    metrics,
    verifyToken,
    invalidToken: "anonymous",
    readiness: async () => ({ schema: true, ...(options.bus ? { broker: options.bus.isConnected() } : {}) }),
  });
  // Browsers may call the API only from the site itself (the shell proxies /graphql on the same origin).
  await app.register(cors, {
    origin: (env.QUIRE_PUBLIC_URL ?? `http://localhost:${stackPorts(env).shell}`)
      .split(",")
      .map((o) => new URL(o.trim()).origin),
    credentials: true,
  });

  const onClose: Array<() => void> = [];
  const live = createLiveEvents();
  if (options.bus) await live.subscribe(options.bus);

  const plugins: Plugin[] = [...armorPlugins(production), uploadGuard()];
  if (production) plugins.push(...productionPlugins(env));
  let memo: ResponseMemo | null = null;
  if (options.bus && env.BFF_RESPONSE_CACHE !== "off") {
    const cache = createInMemoryCache();
    memo = createResponseMemo(cache, metrics.registry);
    plugins.push(
      useResponseCache({
        cache,
        ttl: RESPONSE_CACHE_TTL_MS,
        // Anonymous answers only: a signed-in viewer sees their own likes, bookmarks and secret comments.
        session: () => null,
        enabled: (request) => isAnonymous(request.headers.get("authorization")),
        ttlPerSchemaCoordinate: {
          // No event announces a visit or a bug report's answer: these age out instead.
          VisitorCounts: 10_000,
          BugReport: 0,
          BugReportDetail: 0,
          BugReportConnection: 0,
          OidcConfig: 0,
        },
      }) as Plugin,
    );
    const invalidation = await subscribeCacheInvalidation(options.bus, (entities: CacheEntity[]) =>
      cache.invalidate(entities),
    );
    onClose.push(() => invalidation.close());
  }

  const yoga = createYoga<{ req: FastifyRequest; reply: FastifyReply }, BffContext>({
    schema: createSchema<{ req: FastifyRequest; reply: FastifyReply } & BffContext>({ typeDefs, resolvers }),
    graphqlEndpoint: "/graphql",
    logging: false,
    plugins,
    // CORS is @fastify/cors's job, for the site's origins only; GraphiQL would invite ad-hoc queries.
    cors: false,
    graphiql: !production,
    context: ({ req, reply }) => {
      const api = createApi(clients, req.identity, req.ip);
      return {
        identity: req.identity,
        tokenRejected: req.tokenRejected,
        session: sessionCookie(req, reply),
        clients,
        api,
        loaders: createLoaders(api, req.identity),
        authorSource,
        live,
      };
    },
  });

  // Image uploads arrive as GraphQL multipart requests (see uploads.ts for their CSRF and size guards).
  acceptMultipart(app);
  app.route({
    url: "/graphql",
    method: ["GET", "POST"],
    schema: { hide: true },
    handler: async (req, reply) => {
      const memoKey = memo?.keyOf(req) ?? null;
      if (memo && memoKey && (await memo.answer(memoKey, reply))) return reply;
      const response = await yoga.handleNodeRequestAndResponse(req, reply, { req, reply });
      // Keep the cookie a resolver set on the reply; take every other header from yoga's response.
      for (const [key, value] of response.headers) if (key !== "set-cookie") reply.header(key, value);
      reply.status(response.status);
      if (isStreamed(response)) return reply.send(response.body);
      const body = Buffer.from(await response.arrayBuffer());
      // A cached whole answer: its bytes are kept for the next identical request.
      if (memo && memoKey && memo.keepable(response)) await memo.keep(memoKey, response, body);
      return reply.send(body);
    },
  });

  const url = await app.listen({ port: options.port ?? config.port, host: config.host });
  return {
    url,
    metrics,
    close: async () => {
      for (const close of onClose) close();
      live.close();
      await app.close();
      await Promise.all(Object.values(clients).map((c) => c.close()));
    },
  };
}

/**
 * Subscriptions (server-sent events) and incremental delivery are streams; every other answer is one JSON
 * document, sent as one buffer: piping it through a web stream's adapters cost the BFF's one thread on every
 * request.
 */
function isStreamed(response: Response): boolean {
  const type = response.headers.get("content-type") ?? "";
  return type.startsWith("text/event-stream") || type.startsWith("multipart/");
}
