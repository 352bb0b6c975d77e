import { json, type TestStack } from "@quire/service-kit/testing";

export type Headers = Record<string, string>;

/** A small HTTP client for one service; sends JSON only when there is a body (fastify refuses an empty one). */
export function client(baseUrl: string) {
  return (method: string, path: string, body?: unknown, headers: Headers = {}) => {
    const { "content-type": _ct, ...rest } = headers;
    return fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? rest : { ...rest, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };
}

/** Every table a write could touch, for "bad input writes nothing" assertions. */
export async function blogTables(stack: TestStack) {
  const db = stack.services.blog!.ctx.database;
  return {
    posts: await db.query("select * from posts order by id"),
    postTags: await db.query("select * from post_tags order by post_id, tag_id"),
    categories: await db.query("select * from categories order by id"),
    tags: await db.query("select * from tags order by id"),
    deleted: await db.query("select * from deleted_posts order by id"),
    outbox: await db.query("select id from outbox order by id"),
  };
}

/** The events blog recorded for an aggregate, oldest first. */
export async function eventsOf(stack: TestStack, aggregateId: string) {
  return stack.services.blog!.ctx.database.query<{
    type: string;
    aggregate_version: number;
    payload: unknown;
  }>("select type, aggregate_version, payload from outbox where aggregate_id = $1 order by seq", [
    aggregateId,
  ]);
}

export { json };
