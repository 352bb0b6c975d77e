import { createTestUser, eventually, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { postDeleted, postEvent } from "../events/test-events";
import { analyticsService } from "../service";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;

describe("post views and site visits", () => {
  let stack: TestStack;
  let analytics: string;
  let alice: TestUser;
  let bob: TestUser;
  // 23:00 in Seoul on 1 March 2024; tests move it across midnight.
  let clock = new Date("2024-03-01T14:00:00.000Z");

  beforeAll(async () => {
    stack = await startTestStack([authService(), analyticsService({ now: () => clock })]);
    analytics = stack.services.analytics!.url;
    alice = await createTestUser(stack, "USER", "Alice");
    bob = await createTestUser(stack, "USER", "Bob");
    const bus = await stack.broker.connect();
    await bus.publish([
      postEvent("post.created", "p-public", 1, "PUBLIC"),
      postEvent("post.created", "p-race", 1, "PUBLIC"),
      postEvent("post.created", "p-day", 1, "PUBLIC"),
      postEvent("post.created", "p-gone", 1, "PUBLIC"),
      postEvent("post.created", "p-private", 1, "PRIVATE"),
      postEvent("post.created", "p-draft", 1, "DRAFT"),
      postEvent("post.created", "p-hidden", 1, "PUBLIC"),
      postEvent("post.updated", "p-hidden", 2, "PRIVATE"),
    ]);
    await eventually(async () => {
      const [row] = await db().query<{ n: number }>(
        "select count(*)::int as n from inbox where consumer = 'analytics.post-replica'",
      );
      return row?.n === 8;
    });
  });
  afterAll(async () => stack?.close());

  const db = () => stack.services.analytics!.ctx.database;
  const anonymous = { "content-type": "application/json" };
  const view = (postId: unknown, headers: Record<string, string> = anonymous, extra: object = {}) =>
    fetch(`${analytics}/v1/views`, { method: "POST", headers, body: JSON.stringify({ postId, ...extra }) });
  const visit = (headers: Record<string, string> = anonymous) =>
    fetch(`${analytics}/v1/visits`, { method: "POST", headers, body: "{}" });
  const snapshot = async () =>
    JSON.stringify(await db().query("select post_id, day, visitor from post_views order by 1, 2, 3")) +
    JSON.stringify(await db().query("select * from post_view_totals order by post_id")) +
    JSON.stringify(await db().query("select id from outbox order by seq"));

  it("counts one view per visitor per post per site day", async () => {
    expect(await json(await view("p-public"))).toEqual({ counted: true, viewCount: 1 });
    expect(await json(await view("p-public"))).toEqual({ counted: false, viewCount: 1 });
    // Forged identity headers are not identity: still the same anonymous visitor.
    const forged = { ...anonymous, "x-user-id": alice.id, "x-user-role": "ADMIN" };
    expect(await json(await view("p-public", forged))).toEqual({ counted: false, viewCount: 1 });
    expect(await json(await view("p-public", alice.headers))).toEqual({ counted: true, viewCount: 2 });
    expect(await json(await view("p-public", alice.headers))).toEqual({ counted: false, viewCount: 2 });
    expect(await json(await view("p-public", bob.headers))).toEqual({ counted: true, viewCount: 3 });
    const visitors = await db().query<{ visitor: string }>(
      "select visitor from post_views where post_id = 'p-public'",
    );
    expect(visitors.map((v) => v.visitor).sort()).toEqual(
      [`user:${alice.id}`, `user:${bob.id}`, expect.stringMatching(/^ip:[0-9a-f]{64}$/)].sort(),
    );
    expect(JSON.stringify(visitors)).not.toContain("127.0.0.1");
  });

  it("emits post.viewed with the post's total as its version for every counted view", async () => {
    const events = await db().query<{ aggregate_id: string; aggregate_version: number; payload: unknown }>(
      "select aggregate_id, aggregate_version, payload from outbox where type = 'post.viewed' and aggregate_id = 'p-public' order by seq",
    );
    expect(events).toEqual(
      [1, 2, 3].map((n) => ({
        aggregate_id: "p-public",
        aggregate_version: n,
        payload: { postId: "p-public", viewCount: n },
      })),
    );
  });

  it("counts concurrent first visits once and never errors", async () => {
    const responses = await Promise.all(Array.from({ length: 10 }, () => view("p-race")));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const bodies = await Promise.all(responses.map(json));
    expect(bodies.filter((b) => b.counted)).toHaveLength(1);
    expect(bodies.every((b) => b.viewCount === 1)).toBe(true);
    const users = await Promise.all(Array.from({ length: 10 }, () => view("p-race", alice.headers)));
    expect(users.map((r) => r.status)).toEqual(Array(10).fill(200));
    const [total] = await db().query<{ views: number }>(
      "select views from post_view_totals where post_id = 'p-race'",
    );
    expect(total?.views).toBe(2);
    const [events] = await db().query<{ n: number }>(
      "select count(*)::int as n from outbox where type = 'post.viewed' and aggregate_id = 'p-race'",
    );
    expect(events?.n).toBe(2);
  });

  it("counts views only for PUBLIC posts the replica knows; bad input writes nothing", async () => {
    const before = await snapshot();
    for (const id of ["p-private", "p-draft", "p-hidden", "no-such-post"])
      expect((await view(id)).status).toBe(404);
    expect((await view(5)).status).toBe(400);
    expect((await view("")).status).toBe(400);
    expect((await view("x".repeat(101))).status).toBe(400);
    expect((await view("p-public", anonymous, { extra: 1 })).status).toBe(400);
    expect(
      (await fetch(`${analytics}/v1/views`, { method: "POST", headers: anonymous, body: "{" })).status,
    ).toBe(400);
    expect(await snapshot()).toBe(before);
  });

  it("starts a new site day at midnight in Seoul, for views and visitors", async () => {
    clock = new Date("2024-03-01T14:59:59.000Z");
    expect(await json(await view("p-day"))).toEqual({ counted: true, viewCount: 1 });
    expect(await json(await visit())).toEqual({ counted: true });
    expect(await json(await visit())).toEqual({ counted: false });
    expect(await json(await visit(alice.headers))).toEqual({ counted: true });
    expect(await json(await fetch(`${analytics}/v1/visitors`))).toEqual({ today: 2, yesterday: 0, total: 2 });

    clock = new Date("2024-03-01T15:00:00.000Z");
    expect(await json(await view("p-day"))).toEqual({ counted: true, viewCount: 2 });
    expect(await json(await view("p-day"))).toEqual({ counted: false, viewCount: 2 });
    expect(await json(await visit())).toEqual({ counted: true });
    expect(await json(await fetch(`${analytics}/v1/visitors`))).toEqual({ today: 1, yesterday: 2, total: 3 });
    const days = await db().query<{ day: string }>(
      "select day::text as day from post_views where post_id = 'p-day' order by day",
    );
    expect(days.map((d) => d.day)).toEqual(["2024-03-01", "2024-03-02"]);

    const concurrent = await Promise.all(Array.from({ length: 10 }, () => visit(bob.headers)));
    expect(concurrent.map((r) => r.status)).toEqual(Array(10).fill(200));
    const counted = (await Promise.all(concurrent.map(json))).filter((b) => b.counted);
    expect(counted).toHaveLength(1);
    expect(await json(await fetch(`${analytics}/v1/visitors`))).toEqual({ today: 2, yesterday: 2, total: 4 });
  });

  it("drops a deleted post's views and refuses new ones", async () => {
    expect((await json(await view("p-gone"))).counted).toBe(true);
    const bus = await stack.broker.connect();
    await bus.publish([postDeleted("p-gone", 2)]);
    await eventually(async () => {
      const rows = await db().query("select 1 from post_views where post_id = 'p-gone'");
      return rows.length === 0;
    });
    expect(await db().query("select 1 from post_view_totals where post_id = 'p-gone'")).toEqual([]);
    expect((await view("p-gone", alice.headers)).status).toBe(404);
  });
});
