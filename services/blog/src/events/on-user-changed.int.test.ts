import type { EventEnvelope } from "@quire/contracts";
import { processEvent } from "@quire/service-kit";
import {
  createTestDatabase,
  createTestUser,
  eventually,
  shuffle,
  startTestStack,
  type TestStack,
} from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { blogService } from "../service";
import { authorReplicaHandlers } from "./on-user-changed";

type Row = { id: string; name: string; avatar_url: string | null; version: number };

describe("author replica from auth's events", () => {
  let stack: TestStack;
  let authEvents: EventEnvelope[];
  let truth: Row[];

  beforeAll(async () => {
    stack = await startTestStack([authService(), blogService()]);
    const users = await Promise.all([0, 1, 2].map((i) => createTestUser(stack, "USER", `writer${i}`)));
    for (const [i, u] of users.entries()) {
      for (let n = 1; n <= 3; n++) {
        const res = await fetch(`${stack.services.auth!.url}/v1/me`, {
          method: "PATCH",
          headers: u.headers,
          body: JSON.stringify({ name: `Writer ${i} take ${n}` }),
        });
        expect(res.status).toBe(200);
      }
    }
    const auth = stack.services.auth!.ctx.database;
    truth = await auth.query<Row>("select id, name, avatar_url, version from users order by id");
    authEvents = (
      await auth.query<{ envelope: EventEnvelope }>(
        `select json_build_object('id', id, 'type', type, 'version', version, 'aggregateId', aggregate_id,
          'aggregateVersion', aggregate_version, 'occurredAt', occurred_at, 'traceparent', traceparent,
          'payload', payload) as envelope from outbox order by seq`,
      )
    ).map((r) => r.envelope);
    expect(authEvents.length).toBe(3 + 9);
  });
  afterAll(async () => stack?.close());

  const replica = (db: { query<T>(s: string): Promise<T[]> }) =>
    db.query<Row>("select id, name, avatar_url, version from authors order by id");

  it("follows auth through the bus", async () => {
    const blog = stack.services.blog!.ctx.database;
    await eventually(async () => JSON.stringify(await replica(blog)) === JSON.stringify(truth));
  });

  it("ends equal to auth's data when every event arrives twice and out of order", async () => {
    const fresh = await createTestDatabase(blogService().migrations);
    try {
      for (const e of shuffle([...authEvents, ...authEvents])) {
        await processEvent(fresh, "blog.author-replica", e, authorReplicaHandlers);
      }
      expect(await replica(fresh)).toEqual(truth);
    } finally {
      await fresh.close();
    }
  });

  it("stays equal when the broker redelivers every event twice, shuffled", async () => {
    const blog = stack.services.blog!.ctx.database;
    const bus = await stack.broker.connect();
    await bus.publish(shuffle([...authEvents, ...authEvents], 7));
    // Let the redeliveries drain, then compare.
    await eventually(async () => {
      const [row] = await blog.query<{ n: number }>(
        "select count(*)::int as n from inbox where consumer = 'blog.author-replica'",
      );
      return row?.n === authEvents.length;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await replica(blog)).toEqual(truth);
  });
});
