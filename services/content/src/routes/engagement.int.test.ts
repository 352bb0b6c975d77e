import { randomUUID } from "node:crypto";
import { createTestUser, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { contentService } from "../service";
import { publishPost, tableCounts, waitForAuthor } from "../test-support";

type User = Awaited<ReturnType<typeof createTestUser>>;

describe("likes, bookmarks and engagement counters", () => {
  let stack: TestStack;
  let content: string;
  let admin: User;
  let alice: User;
  let bob: User;

  beforeAll(async () => {
    stack = await startTestStack([authService(), contentService()]);
    content = stack.services.content!.url;
    admin = await createTestUser(stack, "ADMIN", "Site Admin");
    alice = await createTestUser(stack, "USER", "Alice");
    bob = await createTestUser(stack, "USER", "Bob");
    for (const u of [admin, alice, bob]) await waitForAuthor(stack, u.id);
  });
  afterAll(async () => stack?.close());

  const visitor = (ip: string) => ({ "x-forwarded-for": ip });
  const like = (postId: string, headers: Record<string, string> = {}) =>
    fetch(`${content}/v1/posts/${postId}/like`, { method: "POST", headers: noBody(headers) });
  const bookmark = (postId: string, headers: Record<string, string> = {}) =>
    fetch(`${content}/v1/posts/${postId}/bookmark`, { method: "POST", headers: noBody(headers) });
  const noBody = (headers: Record<string, string>) =>
    Object.fromEntries(Object.entries(headers).filter(([k]) => k !== "content-type"));
  const viewerState = async (postId: string, headers: Record<string, string> = {}) =>
    json(await fetch(`${content}/v1/posts/${postId}/viewer-state`, { headers }));
  const db = () => stack.services.content!.ctx.database;
  const likeRows = async (postId: string) =>
    (await db().query<{ n: number }>("select count(*)::int as n from likes where post_id = $1", [postId]))[0]!
      .n;

  it("toggles a like: users by id, anonymous visitors by a salted hash of their address", async () => {
    const postId = await publishPost(stack);
    expect(await json(await like(postId, alice.headers))).toEqual({ liked: true, likeCount: 1 });
    expect(await json(await like(postId, visitor("10.2.0.1")))).toEqual({ liked: true, likeCount: 2 });
    expect(await json(await like(postId, visitor("10.2.0.2")))).toEqual({ liked: true, likeCount: 3 });
    expect(await viewerState(postId, visitor("10.2.0.1"))).toEqual({ liked: true, bookmarked: false });
    expect(await viewerState(postId, visitor("10.2.0.3"))).toEqual({ liked: false, bookmarked: false });
    expect(await viewerState(postId, alice.headers)).toEqual({ liked: true, bookmarked: false });
    expect(await viewerState(postId, bob.headers)).toEqual({ liked: false, bookmarked: false });
    expect(await json(await like(postId, visitor("10.2.0.1")))).toEqual({ liked: false, likeCount: 2 });
    expect(await json(await like(postId, alice.headers))).toEqual({ liked: false, likeCount: 1 });

    const keys = await db().query<{ liker_key: string }>("select liker_key from likes where post_id = $1", [
      postId,
    ]);
    expect(keys.length).toBe(1);
    expect(keys[0]!.liker_key).toMatch(/^ip:/);
    expect(keys[0]!.liker_key).not.toContain("10.2.0.2");
  });

  it("never lets the count drift from the rows under concurrent double clicks", async () => {
    const postId = await publishPost(stack);
    const clicks = await Promise.all([
      ...Array.from({ length: 5 }, () => like(postId, alice.headers)),
      ...Array.from({ length: 4 }, () => like(postId, bob.headers)),
      ...Array.from({ length: 3 }, () => like(postId, visitor("10.3.0.1"))),
    ]);
    expect(clicks.every((r) => r.status === 200)).toBe(true);
    const rows = await likeRows(postId);
    // Odd number of clicks leaves a like, even none: alice 5 (liked), bob 4 (not), visitor 3 (liked).
    expect(rows).toBe(2);
    const [counter] = await db().query<{ like_count: number }>(
      "select like_count from engagement where post_id = $1",
      [postId],
    );
    expect(counter!.like_count).toBe(rows);
    const engagement = await json(await fetch(`${content}/v1/posts/engagement?ids=${postId}`));
    expect(engagement.items[0].likeCount).toBe(2);
  });

  it("refuses likes and bookmarks on unknown, non-public or deleted posts, writing nothing", async () => {
    const privatePost = await publishPost(stack, { status: "PRIVATE" });
    const deleted = await publishPost(stack);
    await publishPost(stack, { id: deleted }, 2, "post.deleted");
    const before = await tableCounts(stack);
    for (const postId of [privatePost, deleted, randomUUID()]) {
      expect((await like(postId, alice.headers)).status).toBe(404);
      expect((await like(postId, admin.headers)).status).toBe(404);
      expect((await bookmark(postId, alice.headers)).status).toBe(404);
    }
    // fastify refuses an over-long path parameter before the route (414).
    expect([400, 414]).toContain((await like("x".repeat(101), alice.headers)).status);
    expect(await tableCounts(stack)).toEqual(before);
  });

  it("rate limits anonymous likes per address, not signed-in users", async () => {
    const postId = await publishPost(stack);
    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push((await like(postId, visitor("10.4.0.1"))).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    for (let i = 0; i < 31; i++)
      expect((await like(postId, { ...alice.headers, ...visitor("10.4.0.1") })).status).toBe(200);
  });

  it("bookmarks for signed-in users only; lists them newest first and removes many", async () => {
    const posts = [];
    for (let i = 0; i < 3; i++)
      posts.push(await publishPost(stack, { title: `Saved ${i}`, slug: `saved-${i}` }));
    const forged = { "x-user-id": alice.id, "x-user-role": "ADMIN" };
    const before = await tableCounts(stack);
    expect((await bookmark(posts[0]!)).status).toBe(401);
    expect((await bookmark(posts[0]!, forged)).status).toBe(401);
    expect((await fetch(`${content}/v1/me/bookmarks`, { headers: forged })).status).toBe(401);
    const remove = (body: unknown, headers: Record<string, string>) =>
      fetch(`${content}/v1/me/bookmarks/remove`, { method: "POST", headers, body: JSON.stringify(body) });
    expect(
      (await remove({ postIds: [posts[0]] }, { "content-type": "application/json", ...forged })).status,
    ).toBe(401);
    expect((await remove({ postIds: [] }, alice.headers)).status).toBe(400);
    expect((await remove({ postIds: [posts[0]], x: 1 }, alice.headers)).status).toBe(400);
    expect((await remove({ postIds: "a" }, alice.headers)).status).toBe(400);
    expect(await tableCounts(stack)).toEqual(before);

    for (const p of posts) expect(await json(await bookmark(p, alice.headers))).toEqual({ bookmarked: true });
    expect(await json(await bookmark(posts[0]!, bob.headers))).toEqual({ bookmarked: true });
    expect(await viewerState(posts[0]!, alice.headers)).toEqual({ liked: false, bookmarked: true });

    const page1 = await json(await fetch(`${content}/v1/me/bookmarks?first=2`, { headers: alice.headers }));
    expect(page1.items.map((b: { post: { slug: string } }) => b.post.slug)).toEqual(["saved-2", "saved-1"]);
    expect(page1.items[0].post.title).toBe("Saved 2");
    const page2 = await json(
      await fetch(`${content}/v1/me/bookmarks?first=2&after=${page1.pageInfo.endCursor}`, {
        headers: alice.headers,
      }),
    );
    expect(page2.items.map((b: { post: { slug: string } }) => b.post.slug)).toEqual(["saved-0"]);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    // Bob removing Alice's posts touches only his own bookmarks.
    expect(await json(await remove({ postIds: [posts[1], posts[2]] }, bob.headers))).toEqual({ removed: 0 });
    expect(await json(await remove({ postIds: [posts[0], posts[1], randomUUID()] }, alice.headers))).toEqual({
      removed: 2,
    });
    const left = await json(await fetch(`${content}/v1/me/bookmarks`, { headers: alice.headers }));
    expect(left.items.map((b: { post: { id: string } }) => b.post.id)).toEqual([posts[2]]);
    expect(await viewerState(posts[0]!, bob.headers)).toEqual({ liked: false, bookmarked: true });
    expect(await json(await bookmark(posts[2]!, alice.headers))).toEqual({ bookmarked: false });
  });

  it("answers counters for many posts in one call, with the caller's state when signed in", async () => {
    const a = await publishPost(stack);
    const b = await publishPost(stack);
    await like(a, alice.headers);
    await like(a, bob.headers);
    await bookmark(b, alice.headers);
    await fetch(`${content}/v1/posts/${b}/comments`, {
      method: "POST",
      headers: alice.headers,
      body: JSON.stringify({ content: "counted" }),
    });
    const unknown = randomUUID();
    const anon = await json(await fetch(`${content}/v1/posts/engagement?ids=${a},${b},${unknown}`));
    expect(anon.items).toEqual([
      { postId: a, likeCount: 2, commentCount: 0 },
      { postId: b, likeCount: 0, commentCount: 1 },
      { postId: unknown, likeCount: 0, commentCount: 0 },
    ]);
    const mine = await json(
      await fetch(`${content}/v1/posts/engagement?ids=${a},${b}`, { headers: alice.headers }),
    );
    expect(mine.items).toEqual([
      { postId: a, likeCount: 2, commentCount: 0, liked: true, bookmarked: false },
      { postId: b, likeCount: 0, commentCount: 1, liked: false, bookmarked: true },
    ]);
    expect((await fetch(`${content}/v1/posts/engagement?ids=`)).status).toBe(400);
    expect((await fetch(`${content}/v1/posts/engagement`)).status).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => `p${i}`).join(",");
    expect((await fetch(`${content}/v1/posts/engagement?ids=${many}`)).status).toBe(400);
  });

  it("answers a post page's engagement and comments in one call, as the separate routes do", async () => {
    const a = await publishPost(stack);
    const hidden = await publishPost(stack, { status: "PRIVATE" });
    await like(a, alice.headers);
    for (const text of ["first", "second", "third"]) {
      await fetch(`${content}/v1/posts/${a}/comments`, {
        method: "POST",
        headers: bob.headers,
        body: JSON.stringify({ content: text }),
      });
    }
    const both = await json(
      await fetch(`${content}/v1/conversation?ids=${a},${hidden}&commentsOf=${a}&first=2`, {
        headers: alice.headers,
      }),
    );
    const engagementAlone = await json(
      await fetch(`${content}/v1/posts/engagement?ids=${a},${hidden}`, { headers: alice.headers }),
    );
    const commentsAlone = await json(
      await fetch(`${content}/v1/posts/${a}/comments?first=2`, { headers: alice.headers }),
    );
    expect(both.engagement).toEqual(engagementAlone.items);
    expect(both.comments).toEqual(commentsAlone);
    expect(both.comments.items).toHaveLength(2);
    expect(both.comments.totalCount).toBe(3);

    // A post the viewer may not see has no comments here, where its own route answers 404.
    const denied = await json(await fetch(`${content}/v1/conversation?commentsOf=${hidden}`));
    expect(denied).toEqual({ engagement: [], comments: null });
    expect((await fetch(`${content}/v1/posts/${hidden}/comments`)).status).toBe(404);
    expect((await fetch(`${content}/v1/conversation?first=0`)).status).toBe(400);
  });

  it("keeps an anonymous reader's conversation only until something it shows is written", async () => {
    const postId = await publishPost(stack);
    const anonymous = async () =>
      json(await fetch(`${content}/v1/conversation?ids=${postId}&commentsOf=${postId}&first=5`));
    const seen = (c: { engagement: Array<{ likeCount: number }>; comments: { items: unknown[] } }) => [
      c.engagement[0]?.likeCount,
      c.comments.items.length,
    ];
    expect(seen(await anonymous())).toEqual([0, 0]);
    expect(seen(await anonymous())).toEqual([0, 0]);
    await like(postId, visitor("10.6.0.1"));
    expect(seen(await anonymous())).toEqual([1, 0]);
    await fetch(`${content}/v1/posts/${postId}/comments`, {
      method: "POST",
      headers: bob.headers,
      body: JSON.stringify({ content: "a reply to keep" }),
    });
    const after = await anonymous();
    expect(seen(after)).toEqual([1, 1]);
    expect(after.engagement[0].commentCount).toBe(1);
    // A signed-in reader's own state is theirs alone, never an answer kept for someone else.
    await like(postId, alice.headers);
    const mine = await json(
      await fetch(`${content}/v1/conversation?ids=${postId}&commentsOf=${postId}&first=5`, {
        headers: alice.headers,
      }),
    );
    expect(mine.engagement[0]).toMatchObject({ likeCount: 2, liked: true });
    expect((await anonymous()).engagement[0]).toEqual({ postId, likeCount: 2, commentCount: 1 });
  });

  it("publishes like and bookmark events with absolute counters and the engagement version", async () => {
    const postId = await publishPost(stack);
    await like(postId, alice.headers);
    await bookmark(postId, bob.headers);
    await like(postId, visitor("10.5.0.1"));
    await like(postId, alice.headers);
    const events = await db().query<{
      type: string;
      aggregate_version: number;
      payload: Record<string, unknown>;
    }>("select type, aggregate_version, payload from outbox where aggregate_id = $1 order by seq", [postId]);
    expect(events.map((e) => [e.type, e.aggregate_version, e.payload])).toEqual([
      ["like.toggled", 1, { postId, likeCount: 1, commentCount: 0, liked: true }],
      ["bookmark.toggled", 2, { postId, likeCount: 1, commentCount: 0, userId: bob.id, bookmarked: true }],
      ["like.toggled", 3, { postId, likeCount: 2, commentCount: 0, liked: true }],
      ["like.toggled", 4, { postId, likeCount: 1, commentCount: 0, liked: false }],
    ]);
  });

  it("serves a snapshot of every post's counters with versions, to services only", async () => {
    const postId = await publishPost(stack);
    await like(postId, alice.headers);
    expect((await fetch(`${content}/internal/engagement/snapshot`)).status).toBe(403);
    expect((await fetch(`${content}/internal/engagement/snapshot`, { headers: admin.headers })).status).toBe(
      403,
    );
    const headers = { "x-service-token": stack.serviceToken };
    const all = [];
    let after = "";
    for (let i = 0; i < 100; i++) {
      const page = await json(
        await fetch(`${content}/internal/engagement/snapshot?first=2${after}`, { headers }),
      );
      all.push(...page.items);
      if (!page.pageInfo.hasNextPage) break;
      after = `&after=${page.pageInfo.endCursor}`;
    }
    const rows = await db().query<{ n: number }>("select count(*)::int as n from engagement");
    expect(all.length).toBe(rows[0]!.n);
    expect(all.find((x) => x.postId === postId)).toEqual({
      postId,
      likeCount: 1,
      commentCount: 0,
      version: 1,
    });
  });
});
