import { readFileSync } from "node:fs";
import {
  createHttpApp,
  createHttpMetrics,
  createTokenVerifier,
  type Env,
  loadConfig,
  remoteKeySet,
} from "@quire/service-kit";
import type { FastifyReply, FastifyRequest } from "fastify";
import { createSchema, createYoga } from "graphql-yoga";
import { Counter } from "prom-client";
import { ServiceClient } from "./clients/service-client";
import { type BffContext, type Clients, createApi, createLoaders } from "./context";
import { resolvers } from "./resolvers";
import { sessionCookie } from "./session-cookie";

const typeDefs = readFileSync(new URL("./schema/schema.graphql", import.meta.url), "utf8");

export interface BffServer {
  url: string;
  close(): Promise<void>;
  metrics: ReturnType<typeof createHttpMetrics>;
}

export async function startBff(options: { env?: Env; port?: number } = {}): Promise<BffServer> {
  const config = loadConfig("bff", options.env ?? process.env);
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
  };
  const verifyToken = createTokenVerifier(remoteKeySet(config.serviceUrl("auth")));
  const app = await createHttpApp({
    name: "bff",
    config,
    metrics,
    verifyToken,
    invalidToken: "anonymous",
    readiness: async () => ({ schema: true }),
  });

  const yoga = createYoga<{ req: FastifyRequest; reply: FastifyReply }, BffContext>({
    schema: createSchema<{ req: FastifyRequest; reply: FastifyReply } & BffContext>({ typeDefs, resolvers }),
    graphqlEndpoint: "/graphql",
    logging: false,
    context: ({ req, reply }) => {
      const api = createApi(clients, req.identity, req.ip);
      return {
        identity: req.identity,
        tokenRejected: req.tokenRejected,
        session: sessionCookie(req, reply),
        clients,
        api,
        loaders: createLoaders(api, req.identity),
      };
    },
  });

  app.route({
    url: "/graphql",
    method: ["GET", "POST", "OPTIONS"],
    schema: { hide: true },
    handler: async (req, reply) => {
      const response = await yoga.handleNodeRequestAndResponse(req, reply, { req, reply });
      // Keep the cookie a resolver set on the reply; take every other header from yoga's response.
      for (const [key, value] of response.headers) if (key !== "set-cookie") reply.header(key, value);
      reply.status(response.status);
      reply.send(response.body);
      return reply;
    },
  });

  const url = await app.listen({ port: options.port ?? config.port, host: config.host });
  return { url, metrics, close: () => app.close() };
}
