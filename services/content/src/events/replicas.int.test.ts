import type { EventEnvelope } from "@quire/contracts";
import { type Database, processEvent } from "@quire/service-kit";
import {
  createTestDatabase,
  createTestUser,
  eventually,
  json,
  shuffle,
  startTestStack,
  type TestStack,
} from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { contentService } from "../service";
import { postEnvelope, publishPost, waitForAuthor } from "../test-support";
import { postReplicaHandlers } from "./on-post-changed";
import { authorReplicaHandlers } from "./on-user-changed";

type Queryable = { query<T>(s: string, p?: unknown[]): Promise<T[]> };
const postReplica = (db: Queryable) =>
  db.query<Record<string, unknown>>(
    "select id, slug, title, status, deleted, version from posts order by id",
  );

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const C = "00000000-0000-4000-8000-00000000000c";

/** Blog's history of three posts: A edited and made private, B deleted, C only created. */
const postHistory: EventEnvelope[] = [
  postEnvelope("post.created", { id: A, slug: "a", title: "A1", status: "DRAFT" }, 1),
  postEnvelope("post.updated", { id: A, slug: "a", title: "A2", status: "DRAFT" }, 2),
  postEnvelope("post.published", { id: A, slug: "a-final", title: "A3", status: "PUBLIC" }, 3),
  postEnvelope("post.updated", { id: A, slug: "a-final", title: "A4", status: "PRIVATE" }, 4),
  postEnvelope("post.created", { id: B, slug: "b", title: "B1" }, 1),
  postEnvelope("post.updated", { id: B, slug: "b", title: "B2" }, 2),
  postEnvelope("post.deleted", { id: B, slug: "b" }, 3),
  postEnvelope("post.created", { id: C, slug: "c", title: "C1" }, 1),
];
const postTruth = [
  { id: A, slug: "a-final", title: "A4", status: "PRIVATE", deleted: false, version: 4 },
  { id: B, slug: "b", title: "B2", status: "PUBLIC", deleted: true, version: 3 },
  { id: C, slug: "c", title: "C1", status: "PUBLIC", deleted: false, version: 1 },
];

async function withFreshDatabase(run: (db: Database) => Promise<void>) {
  const db = await createTestDatabase(contentService().migrations);
  try {
    await run(db);
  } finally {
    await db.close();
  }
}

describe("post replica from blog's events", () => {
  it("ends equal to blog's last state when every event arrives twice and out of order", async () => {
    for (const seed of [1, 7, 42]) {
      await withFreshDatabase(async (db) => {
        for (const e of shuffle([...postHistory, ...postHistory], seed)) {
          await processEvent(db, "content.post-replica", e, postReplicaHandlers);
        }
        const rows = await postReplica(db);
        // A tombstone made before B's creation arrived keeps the slug only; otherwise the last title stays.
        expect(rows.map((r) => (r.id === B ? { ...r, title: "B2", status: "PUBLIC" } : r))).toEqual(
          postTruth,
        );
        expect(rows.find((r) => r.id === B)).toMatchObject({ deleted: true, version: 3 });
      });
    }
  });

  it("cascades a delete to comments, likes, bookmarks and counters, whatever the order of delivery", async () => {
    for (const seed of [3, 9]) {
      await withFreshDatabase(async (db) => {
        await processEvent(db, "content.post-replica", postHistory[4]!, postReplicaHandlers);
        await db.exec(`
          insert into comments (id, post_id, parent_id, author_name, guest_password_hash, content, status, created_at, updated_at)
            values ('c1', '${B}', null, 'g', 'h', 'top', 'APPROVED', now(), now()),
                   ('c2', '${B}', 'c1', 'g', 'h', 'reply', 'APPROVED', now(), now()),
                   ('c3', '${C}', null, 'g', 'h', 'other post', 'APPROVED', now(), now());
          insert into likes (post_id, liker_key) values ('${B}', 'u:1'), ('${C}', 'u:1');
          insert into bookmarks (user_id, post_id, created_at) values ('1', '${B}', now()), ('1', '${C}', now());
          insert into engagement (post_id, like_count, comment_count, version) values ('${B}', 1, 2, 3), ('${C}', 1, 1, 2);
        `);
        const bEvents = postHistory.filter((e) => e.aggregateId === B);
        for (const e of shuffle([...bEvents, ...bEvents], seed)) {
          await processEvent(db, "content.post-replica", e, postReplicaHandlers);
        }
        const count = async (table: string) =>
          (await db.query<{ post_id: string }>(`select post_id from ${table} order by post_id`)).map(
            (r) => r.post_id,
          );
        for (const table of ["comments", "likes", "bookmarks", "engagement"])
          expect(await count(table)).toEqual([C]);
        expect((await postReplica(db)).find((r) => r.id === B)).toMatchObject({ deleted: true, version: 3 });
      });
    }
  });
});

describe("replicas and cascade through the bus", () => {
  let stack: TestStack;
  let content: string;
  let authEvents: EventEnvelope[];
  let authorTruth: Record<string, unknown>[];

  beforeAll(async () => {
    stack = await startTestStack([authService(), contentService()]);
    content = stack.services.content!.url;
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
    authorTruth = await auth.query("select id, name, avatar_url, status, version from users order by id");
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

  const authorReplica = (db: Queryable) =>
    db.query("select id, name, avatar_url, status, version from authors order by id");

  it("follows auth's users through the bus", async () => {
    const db = stack.services.content!.ctx.database;
    await eventually(async () => JSON.stringify(await authorReplica(db)) === JSON.stringify(authorTruth));
  });

  it("ends equal to auth's users when every event arrives twice and out of order", async () => {
    await withFreshDatabase(async (db) => {
      for (const e of shuffle([...authEvents, ...authEvents])) {
        await processEvent(db, "content.author-replica", e, authorReplicaHandlers);
      }
      expect(await authorReplica(db)).toEqual(authorTruth);
    });
  });

  it("stays equal when the broker redelivers every author event twice, shuffled", async () => {
    const db = stack.services.content!.ctx.database;
    const bus = await stack.broker.connect();
    await bus.publish(shuffle([...authEvents, ...authEvents], 7));
    await eventually(async () => {
      const [row] = await db.query<{ n: number }>(
        "select count(*)::int as n from inbox where consumer = 'content.author-replica'",
      );
      return row?.n === authEvents.length;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await authorReplica(db)).toEqual(authorTruth);
  });

  it("cascades a post's deletion over the bus, and a late older update does not revive it", async () => {
    const user = await createTestUser(stack, "USER", "Reader");
    await waitForAuthor(stack, user.id);
    const postId = await publishPost(stack, { title: "Doomed" });
    const keep = await publishPost(stack, { title: "Kept" });
    const say = (pid: string, body: Record<string, unknown>) =>
      fetch(`${content}/v1/posts/${pid}/comments`, {
        method: "POST",
        headers: user.headers,
        body: JSON.stringify(body),
      });
    const top = await json(await say(postId, { content: "top" }));
    expect((await say(postId, { content: "reply", parentId: top.id })).status).toBe(201);
    expect((await say(keep, { content: "stays" })).status).toBe(201);
    for (const pid of [postId, keep]) {
      await fetch(`${content}/v1/posts/${pid}/like`, {
        method: "POST",
        headers: { authorization: user.headers.authorization! },
      });
      await fetch(`${content}/v1/posts/${pid}/bookmark`, {
        method: "POST",
        headers: { authorization: user.headers.authorization! },
      });
    }
    const bus = await stack.broker.connect();
    const deleted = postEnvelope("post.deleted", { id: postId }, 3);
    const lateUpdate = postEnvelope("post.updated", { id: postId, title: "Zombie" }, 2);
    await bus.publish([deleted, deleted, lateUpdate, { ...deleted }]);
    const db = stack.services.content!.ctx.database;
    await eventually(async () => {
      const [row] = await db.query<{ n: number }>(
        "select count(*)::int as n from inbox where event_id in ($1, $2)",
        [deleted.id, lateUpdate.id],
      );
      return row?.n === 2;
    });
    for (const table of ["comments", "likes", "bookmarks", "engagement"]) {
      const rows = await db.query<{ post_id: string }>(`select distinct post_id from ${table}`);
      expect(rows.map((r) => r.post_id)).toEqual([keep]);
    }
    expect((await postReplica(db)).find((r) => r.id === postId)).toMatchObject({ deleted: true, version: 3 });
    expect((await fetch(`${content}/v1/posts/${postId}/comments`)).status).toBe(404);
    expect((await say(postId, { content: "after" })).status).toBe(404);
    const bookmarks = await json(await fetch(`${content}/v1/me/bookmarks`, { headers: user.headers }));
    expect(bookmarks.items.map((b: { post: { id: string } }) => b.post.id)).toEqual([keep]);
  });
});
