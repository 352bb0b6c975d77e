import type { EventEnvelope } from "@quire/contracts";
import { processEvent } from "@quire/service-kit";
import {
  createTestDatabase,
  createTestUser,
  eventually,
  json,
  startTestStack,
  type TestStack,
} from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { engagementHandlers } from "../events/on-engagement-changed";
import { postReplicaHandlers } from "../events/on-post-changed";
import { userHandlers } from "../events/on-user-registered";
import {
  engagementEvent as eng,
  envelope,
  postEvent as post,
  postDeleted,
  shuffle,
  userRegistered,
} from "../events/test-events";
import { analyticsService } from "../service";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;

const postEvents: EventEnvelope[] = [
  post("post.created", "a", 1, "DRAFT"),
  post("post.published", "a", 2, "PUBLIC"),
  post("post.updated", "a", 3, "PUBLIC"),
  post("post.created", "b", 1, "DRAFT"),
  post("post.updated", "b", 2, "PRIVATE"),
  post("post.created", "c", 1, "DRAFT"),
  post("post.created", "d", 1, "PUBLIC"),
  postDeleted("d", 2),
  post("post.created", "e", 1, "PUBLIC"),
  post("post.updated", "e", 2, "PRIVATE"),
  post("post.published", "e", 3, "PUBLIC"),
];
const engagementEvents: EventEnvelope[] = [
  eng("like.toggled", "a", 1, 1, 0),
  eng("comment.created", "a", 2, 1, 1),
  eng("comment.created", "a", 3, 1, 2),
  eng("like.toggled", "a", 4, 2, 2),
  eng("comment.deleted", "a", 5, 2, 1),
  eng("comment.created", "e", 1, 0, 1),
  eng("like.toggled", "e", 2, 1, 1),
  // A deleted post's counters leave the totals.
  eng("like.toggled", "d", 1, 5, 5),
];
const userEvents: EventEnvelope[] = [
  // 23:30 on 9 March in Seoul (and in UTC).
  userRegistered("u1", "First", "2024-03-09T14:30:00.000Z"),
  // 00:30 on 10 March in Seoul, still 9 March in UTC.
  userRegistered("u2", "Second", "2024-03-09T15:30:00.000Z"),
  userRegistered("u3", "Gone", "2024-03-10T01:00:00.000Z"),
  envelope("user.deleted", "u3", 2, { id: "u3" }),
  userRegistered("u4", "Early", "2024-02-01T00:00:00.000Z"),
];

const expectedPosts = [
  { id: "a", status: "PUBLIC", deleted: false, version: 3 },
  { id: "b", status: "PRIVATE", deleted: false, version: 2 },
  { id: "c", status: "DRAFT", deleted: false, version: 1 },
  { id: "d", status: expect.any(String), deleted: true, version: 2 },
  { id: "e", status: "PUBLIC", deleted: false, version: 3 },
];
const expectedEngagement = [
  { post_id: "a", like_count: 2, comment_count: 1, version: 5 },
  { post_id: "d", like_count: 5, comment_count: 5, version: 1 },
  { post_id: "e", like_count: 1, comment_count: 1, version: 2 },
];
const expectedUsers = [
  { id: "u1", name: "First", registered_at: "2024-03-09T14:30:00.000Z", deleted: false },
  { id: "u2", name: "Second", registered_at: "2024-03-09T15:30:00.000Z", deleted: false },
  { id: "u3", name: "Gone", registered_at: "2024-03-10T01:00:00.000Z", deleted: true },
  { id: "u4", name: "Early", registered_at: "2024-02-01T00:00:00.000Z", deleted: false },
];

type Queryable = { query<T>(s: string): Promise<T[]> };
const readModel = async (db: Queryable) => ({
  posts: await db.query(
    "select id, status, deleted, version from posts where id in ('a','b','c','d','e') order by id",
  ),
  engagement: await db.query(
    "select post_id, like_count, comment_count, version from post_engagement order by post_id",
  ),
  users: (
    await db.query<{ id: string; name: string; registered_at: string | null; deleted: boolean }>(
      "select id, name, registered_at, deleted from users where id like 'u_' order by id",
    )
  ).map((u) => ({ ...u, registered_at: u.registered_at && new Date(u.registered_at).toISOString() })),
  deletedPostViews: await db.query("select post_id from post_views where post_id = 'd'"),
});

describe("dashboard read model from events", () => {
  let stack: TestStack;
  let analytics: string;
  let admin: TestUser;
  let user: TestUser;
  // Noon on 10 March 2024 in Seoul.
  let clock = new Date("2024-03-10T03:00:00.000Z");

  beforeAll(async () => {
    stack = await startTestStack([authService(), analyticsService({ now: () => clock })]);
    analytics = stack.services.analytics!.url;
    admin = await createTestUser(stack, "ADMIN", "Owner");
    user = await createTestUser(stack, "USER", "Reader");
  });
  afterAll(async () => stack?.close());

  const db = () => stack.services.analytics!.ctx.database;

  it("ends equal to the truth when every event arrives twice and out of order (each handler)", async () => {
    const consumers = [
      ["analytics.post-replica", postEvents, postReplicaHandlers],
      ["analytics.engagement", engagementEvents, engagementHandlers],
      ["analytics.users", userEvents, userHandlers],
    ] as const;
    for (const seed of [7, 42]) {
      const fresh = await createTestDatabase(analyticsService().migrations);
      try {
        // Views recorded before the post was deleted.
        await fresh.query("insert into posts (id, status, version) values ('d', 'PUBLIC', 1)");
        await fresh.query(
          "insert into post_views (post_id, day, visitor) values ('d', '2024-03-01', 'ip:x')",
        );
        await fresh.query("insert into post_view_totals (post_id, views) values ('d', 1)");
        for (const [consumer, events, handlers] of consumers) {
          for (const e of shuffle([...events, ...events], seed))
            await processEvent(fresh, consumer, e, handlers);
        }
        expect(await readModel(fresh)).toEqual({
          posts: expectedPosts,
          engagement: expectedEngagement,
          users: expectedUsers,
          deletedPostViews: [],
        });
        expect(await fresh.query("select * from post_view_totals")).toEqual([]);
      } finally {
        await fresh.close();
      }
    }
  });

  it("builds the dashboard from duplicated, reordered deliveries and its own tables", async () => {
    const bus = await stack.broker.connect();
    const all = [...postEvents, ...engagementEvents, ...userEvents];
    await bus.publish(shuffle([...all, ...all], 3));
    await eventually(async () => {
      const [row] = await db().query<{ n: number }>(
        "select count(*)::int as n from inbox where event_id = any($1)",
        // biome-ignore lint/suspicious/noExplicitAny: the parameter list of a raw query
        [all.map((e) => e.id)] as any,
      );
      return row?.n === all.length;
    });
    await new Promise((r) => setTimeout(r, 300));
    const model = await readModel(db());
    expect(model.posts).toEqual(expectedPosts);
    expect(model.engagement).toEqual(expectedEngagement);
    expect(model.users).toEqual(expectedUsers);

    const view = (headers: Record<string, string>) =>
      fetch(`${analytics}/v1/views`, { method: "POST", headers, body: JSON.stringify({ postId: "a" }) });
    const visit = (headers: Record<string, string>) =>
      fetch(`${analytics}/v1/visits`, { method: "POST", headers, body: "{}" });
    const anonymous = { "content-type": "application/json" };
    clock = new Date("2024-03-04T03:00:00.000Z");
    expect((await json(await view(anonymous))).counted).toBe(true);
    expect((await json(await view(user.headers))).counted).toBe(true);
    expect((await json(await visit(anonymous))).counted).toBe(true);
    clock = new Date("2024-03-10T03:00:00.000Z");
    expect((await json(await view(anonymous))).counted).toBe(true);
    expect((await json(await visit(anonymous))).counted).toBe(true);
    expect((await json(await visit(user.headers))).counted).toBe(true);
    const report = (title: string) =>
      fetch(`${analytics}/v1/bug-reports`, {
        method: "POST",
        headers: anonymous,
        body: JSON.stringify({ title, category: "ETC", priority: "LOW", description: "d" }),
      }).then(json);
    const closed = await report("Closed one");
    await report("Open one");
    await fetch(`${analytics}/v1/bug-reports/${closed.id}/response`, {
      method: "POST",
      headers: admin.headers,
      body: JSON.stringify({ reply: "Done", status: "CLOSED" }),
    });

    const dash = await json(await fetch(`${analytics}/v1/admin/dashboard`, { headers: admin.headers }));
    expect(dash.totals).toEqual({
      posts: { public: 2, private: 1, draft: 1 },
      views: 3,
      likes: 3,
      comments: 2,
      // u1, u2, u4 and the two accounts auth made for this test.
      users: 5,
      visitors: 3,
      openBugReports: 1,
    });
    expect(dash.series.days7.map((d: { day: string }) => d.day)).toEqual([
      "2024-03-04",
      "2024-03-05",
      "2024-03-06",
      "2024-03-07",
      "2024-03-08",
      "2024-03-09",
      "2024-03-10",
    ]);
    expect(dash.series.days7[0]).toEqual({ day: "2024-03-04", views: 2, visitors: 1, signups: 0 });
    expect(dash.series.days7[5]).toEqual({ day: "2024-03-09", views: 0, visitors: 0, signups: 1 });
    expect(dash.series.days7[6]).toEqual({ day: "2024-03-10", views: 1, visitors: 2, signups: 2 });
    expect(dash.series.days30).toHaveLength(30);
    expect(dash.series.days30[0].day).toBe("2024-02-10");
    expect(dash.series.days30.slice(-7)).toEqual(dash.series.days7);
    const recent = dash.recentSignups.map((s: { id: string }) => s.id);
    expect(recent).not.toContain("u3");
    expect(recent.slice(-3)).toEqual(["u2", "u1", "u4"]);
  });

  it("is for admins only; forged headers change nothing", async () => {
    const url = `${analytics}/v1/admin/dashboard`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { "x-user-id": admin.id, "x-user-role": "ADMIN" } })).status).toBe(
      401,
    );
    expect((await fetch(url, { headers: user.headers })).status).toBe(403);
    expect((await fetch(url, { headers: { ...user.headers, "x-user-role": "ADMIN" } })).status).toBe(403);
    expect((await fetch(url, { headers: admin.headers })).status).toBe(200);
  });
});
