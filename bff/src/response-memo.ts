import type { createInMemoryCache } from "@graphql-yoga/plugin-response-cache";
import type { FastifyReply, FastifyRequest } from "fastify";
import { LRUCache } from "lru-cache";
import { Counter, type Registry } from "prom-client";

type Cache = ReturnType<typeof createInMemoryCache>;

/** Whether the response cache serves this request: anonymous answers only (see server.ts). */
export const isAnonymous = (authorization: string | null | undefined) => !authorization;

interface Rendered {
  /** The response cache's key of the result these bytes render (its ETag). */
  cacheKey: string;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * The bytes of cached anonymous answers, by request, in front of GraphQL Yoga: a hit skips turning the request
 * into a fetch Request, hashing the document, the plugins and serialising the result again. It never decides
 * freshness itself: an entry is served only while the response cache still holds the result it rendered, so
 * an event that invalidates that result, or its TTL, retires the bytes too.
 */
export function createResponseMemo(cache: Cache, registry: Registry, maxBytes = 32 * 1024 * 1024) {
  const memo = new LRUCache<string, Rendered>({
    maxSize: maxBytes,
    sizeCalculation: (r) => r.body.length + 512,
  });
  const answers = new Counter({
    name: "bff_response_memo_answers_total",
    help: "Anonymous GraphQL requests the memo looked up: hit (answered from its bytes), stale (the result had left the response cache) or miss",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });

  /** The memo's key of a request, or null when the memo must not answer it. */
  function keyOf(req: FastifyRequest): string | null {
    const h = req.headers;
    if (!isAnonymous(h.authorization) || h["if-none-match"] || h["content-type"]?.startsWith("multipart/"))
      return null;
    const body = req.method === "POST" ? JSON.stringify(req.body ?? null) : "";
    return `${req.method} ${req.url}\n${h.accept ?? ""}\n${h["content-type"] ?? ""}\n${body}`;
  }

  return {
    keyOf,

    /** Answers from the memo when it holds this request and its result is still cached; false otherwise. */
    async answer(key: string, reply: FastifyReply): Promise<boolean> {
      const rendered = memo.get(key);
      if (!rendered) {
        answers.inc({ outcome: "miss" });
        return false;
      }
      if (!(await cache.get(rendered.cacheKey))) {
        memo.delete(key);
        answers.inc({ outcome: "stale" });
        return false;
      }
      answers.inc({ outcome: "hit" });
      reply.headers(rendered.headers).status(200).send(rendered.body);
      return true;
    },

    /**
     * Whether an answer may be kept: a whole JSON answer the response cache took (it marks those with their
     * key as ETag); streamed answers (subscriptions, incremental delivery) never are.
     */
    keepable(response: Response): boolean {
      return (
        response.status === 200 &&
        response.headers.has("etag") &&
        (response.headers.get("content-type") ?? "").includes("json")
      );
    },

    /** Keeps the bytes of a keepable answer while the response cache holds its result. */
    async keep(key: string, response: Response, body: Buffer): Promise<void> {
      const cacheKey = response.headers.get("etag")!;
      if (!(await cache.get(cacheKey))) return;
      const headers: Record<string, string> = {};
      for (const [name, value] of response.headers)
        if (name !== "set-cookie" && name !== "content-length") headers[name] = value;
      memo.set(key, { cacheKey, headers, body });
    },
  };
}

export type ResponseMemo = ReturnType<typeof createResponseMemo>;
