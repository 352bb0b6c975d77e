import { randomUUID } from "node:crypto";
import { createTestUser, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { contentService } from "../service";
import { publishPost, tableCounts, waitForAuthor } from "../test-support";

type User = Awaited<ReturnType<typeof createTestUser>>;

/** A DELETE without a body must not claim a JSON one. */
const withoutContentType = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => k !== "content-type"));

describe("comments API", () => {
  let stack: TestStack;
  let content: string;
  let admin: User;
  let alice: User;
  let bob: User;
  let postId: string;
  let guestIp = 0;

  beforeAll(async () => {
    stack = await startTestStack([authService(), contentService()]);
    content = stack.services.content!.url;
    admin = await createTestUser(stack, "ADMIN", "Site Admin");
    alice = await createTestUser(stack, "USER", "Alice");
    bob = await createTestUser(stack, "USER", "Bob");
    for (const u of [admin, alice, bob]) await waitForAuthor(stack, u.id);
    postId = await publishPost(stack, { title: "Event sourcing", slug: "event-sourcing" });
  });
  afterAll(async () => stack?.close());

  /** Each guest call comes from its own address unless told, so the guest rate limit stays out of the way. */
  const guest = (ip = `10.1.0.${++guestIp % 250}`) => ({
    "content-type": "application/json",
    "x-forwarded-for": ip,
  });
  const post = (path: string, body: unknown, headers: Record<string, string> = guest()) =>
    fetch(`${content}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  const patch = (path: string, body: unknown, headers: Record<string, string> = guest()) =>
    fetch(`${content}${path}`, { method: "PATCH", headers, body: JSON.stringify(body) });
  const del = (path: string, body?: unknown, headers: Record<string, string> = guest()) =>
    fetch(`${content}${path}`, {
      method: "DELETE",
      headers: body === undefined ? withoutContentType(headers) : headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const comment = async (pid: string, body: Record<string, unknown>, headers?: Record<string, string>) => {
    const res = await post(`/v1/posts/${pid}/comments`, body, headers);
    expect(res.status).toBe(201);
    return json(res);
  };
  const guestComment = (pid: string, text: string, extra: Record<string, unknown> = {}) =>
    comment(pid, { content: text, guestName: "Visitor", guestPassword: "pass1234", ...extra });
  const thread = async (pid: string, headers: Record<string, string> = {}, query = "") => {
    const res = await fetch(`${content}/v1/posts/${pid}/comments${query}`, { headers });
    expect(res.status).toBe(200);
    return json(res);
  };
  const newPost = () => publishPost(stack, { title: `Post ${randomUUID().slice(0, 4)}` });
  const anon = { "content-type": "application/json" };

  it("lets signed-in users comment under their replica name and guests under a name with a hashed password", async () => {
    const mine = await comment(postId, { content: "First!" }, alice.headers);
    expect(mine).toMatchObject({
      content: "First!",
      author: { id: alice.id, name: "Alice", guest: false },
      status: "APPROVED",
      mine: true,
      secret: false,
      deleted: false,
    });
    const g = await guestComment(postId, "Hello from a guest");
    expect(g.author).toEqual({ id: null, name: "Visitor", avatarUrl: null, guest: true });
    const [row] = await stack.services.content!.ctx.database.query<{ guest_password_hash: string }>(
      "select guest_password_hash from comments where id = $1",
      [g.id],
    );
    expect(row!.guest_password_hash).toMatch(/^\$argon2id\$/);
    expect(row!.guest_password_hash).not.toContain("pass1234");
  });

  it("shows a renamed user's new name on their old comments", async () => {
    const pid = await newPost();
    const carol = await createTestUser(stack, "USER", "Carol");
    await waitForAuthor(stack, carol.id);
    const c = await comment(pid, { content: "Before rename" }, carol.headers);
    const res = await fetch(`${stack.services.auth!.url}/v1/me`, {
      method: "PATCH",
      headers: carol.headers,
      body: JSON.stringify({ name: "Caroline" }),
    });
    expect(res.status).toBe(200);
    const db = stack.services.content!.ctx.database;
    const { eventually } = await import("@quire/service-kit/testing");
    await eventually(
      async () => (await db.query("select 1 from authors where name = 'Caroline'")).length === 1,
    );
    const t = await thread(pid);
    expect(t.items.find((x: { id: string }) => x.id === c.id).author.name).toBe("Caroline");
  });

  it("refuses guests without name or password, secret guests, and users posing as guests", async () => {
    const before = await tableCounts(stack);
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ content: "x" }, guest()],
      [{ content: "x", guestName: "G" }, guest()],
      [{ content: "x", guestName: "G", guestPassword: "abc" }, guest()],
      [{ content: "x", guestName: "", guestPassword: "abcd" }, guest()],
      [{ content: "x", guestName: "G".repeat(51), guestPassword: "abcd" }, guest()],
      [{ content: "x", guestName: "G", guestPassword: "abcd", secret: true }, guest()],
      [{ content: "x", guestName: "G", guestPassword: "abcd" }, alice.headers],
      [{ content: "" }, alice.headers],
      [{ content: "   " }, alice.headers],
      [{ content: "x".repeat(2001) }, alice.headers],
      [{ content: 5 }, alice.headers],
      [{ content: "x", secret: "yes" }, alice.headers],
      [{ content: "x", extra: 1 }, alice.headers],
      [{ content: "x", parentId: "no-such-comment" }, alice.headers],
    ];
    for (const [body, headers] of cases) {
      const res = await post(`/v1/posts/${postId}/comments`, body, headers);
      expect([400, 404], JSON.stringify(body)).toContain(res.status);
      expect((await json(res)).error.message).toBeTruthy();
    }
    expect(await tableCounts(stack)).toEqual(before);
    expect(
      (await post(`/v1/posts/${postId}/comments`, { content: "x".repeat(2000) }, alice.headers)).status,
    ).toBe(201);
  });

  it("refuses comments on a post that is not PUBLIC or unknown, writing nothing", async () => {
    const privatePost = await publishPost(stack, { status: "PRIVATE" });
    const draft = await publishPost(stack, { status: "DRAFT" });
    const before = await tableCounts(stack);
    for (const pid of [privatePost, draft, randomUUID()]) {
      const res = await post(`/v1/posts/${pid}/comments`, { content: "hi" }, alice.headers);
      expect(res.status).toBe(404);
      expect((await json(res)).error.message).toBe("No such post");
      expect(
        (await post(`/v1/posts/${pid}/comments`, { content: "hi" }, admin.headers)).status,
      ).toBeGreaterThanOrEqual(400);
    }
    expect((await fetch(`${content}/v1/posts/${privatePost}/comments`)).status).toBe(404);
    expect(
      (await fetch(`${content}/v1/posts/${privatePost}/comments`, { headers: admin.headers })).status,
    ).toBe(200);
    expect(await tableCounts(stack)).toEqual(before);
  });

  it("threads replies one level deep, oldest first, with cursor paging and a correct total", async () => {
    const pid = await newPost();
    const tops = [];
    for (let i = 0; i < 5; i++) tops.push(await comment(pid, { content: `top ${i}` }, alice.headers));
    const r1 = await comment(pid, { content: "reply", parentId: tops[0].id }, bob.headers);
    const r2 = await guestComment(pid, "reply to reply", { parentId: r1.id });
    expect(r1.parentId).toBe(tops[0].id);
    expect(r2.parentId).toBe(tops[0].id);

    const page1 = await thread(pid, {}, "?first=2");
    expect(page1.totalCount).toBe(7);
    expect(page1.items.map((c: { content: string }) => c.content)).toEqual(["top 0", "top 1"]);
    expect(page1.items[0].replies.map((c: { content: string }) => c.content)).toEqual([
      "reply",
      "reply to reply",
    ]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await thread(pid, {}, `?first=2&after=${page1.pageInfo.endCursor}`);
    expect(page2.items.map((c: { content: string }) => c.content)).toEqual(["top 2", "top 3"]);
    const page3 = await thread(pid, {}, `?first=2&after=${page2.pageInfo.endCursor}`);
    expect(page3.items.map((c: { content: string }) => c.content)).toEqual(["top 4"]);
    expect(page3.pageInfo.hasNextPage).toBe(false);
    expect(page3.totalCount).toBe(7);
    expect((await fetch(`${content}/v1/posts/${pid}/comments?after=garbage`)).status).toBe(400);
    expect((await fetch(`${content}/v1/posts/${pid}/comments?first=0`)).status).toBe(400);
    expect((await fetch(`${content}/v1/posts/${pid}/comments?first=101`)).status).toBe(400);
  });

  it("masks secret comments for everyone but the author and admins, in every endpoint", async () => {
    const pid = await newPost();
    const secret = await comment(pid, { content: "only for the admin" }, { ...alice.headers });
    const real = await comment(pid, { content: "my secret", secret: true }, alice.headers);
    expect(real).toMatchObject({ secret: true, content: "my secret" });
    await comment(pid, { content: "reply to secret", parentId: real.id }, bob.headers);
    const find = (t: { items: { id: string; content: string | null; secret: boolean }[] }) =>
      t.items.find((c) => c.id === real.id)!;
    for (const headers of [{}, bob.headers]) {
      const c = find(await thread(pid, headers));
      expect(c).toMatchObject({ secret: true, content: null });
      expect(c.secret).toBe(true);
    }
    expect(find(await thread(pid, alice.headers)).content).toBe("my secret");
    expect(find(await thread(pid, admin.headers)).content).toBe("my secret");

    const recent = await json(await fetch(`${content}/v1/comments/recent?limit=10`));
    expect(recent.items.map((c: { id: string }) => c.id)).not.toContain(real.id);
    expect(JSON.stringify(recent)).not.toContain("my secret");

    const mine = await json(await fetch(`${content}/v1/me/comments`, { headers: alice.headers }));
    expect(mine.items.find((c: { id: string }) => c.id === real.id).content).toBe("my secret");
    const adminList = await json(
      await fetch(`${content}/v1/admin/comments?first=100`, { headers: admin.headers }),
    );
    expect(adminList.items.find((c: { id: string }) => c.id === real.id).content).toBe("my secret");

    // An edit by the author returns it; the event carries no excerpt of it.
    const edited = await json(
      await patch(`/v1/comments/${real.id}`, { content: "still secret" }, alice.headers),
    );
    expect(edited.content).toBe("still secret");
    const events = await stack.services.content!.ctx.database.query<{
      payload: { comment: { excerpt: unknown } };
    }>("select payload from outbox where payload->'comment'->>'id' = $1", [real.id]);
    expect(events.length).toBe(2);
    for (const e of events) expect(e.payload.comment.excerpt).toBeNull();
    expect(secret.secret).toBe(false);
  });

  it("holds a guest's links for moderation; readers see approved only, authors their own pending", async () => {
    const pid = await newPost();
    const spam = await guestComment(pid, "buy now http://spam.example");
    expect(spam.status).toBe("PENDING");
    const plain = await guestComment(pid, "no links here");
    expect(plain.status).toBe("APPROVED");
    const userLink = await comment(pid, { content: "see https://example.com" }, alice.headers);
    expect(userLink.status).toBe("APPROVED");

    const ids = (t: { items: { id: string }[] }) => t.items.map((c) => c.id);
    const publicView = await thread(pid);
    expect(ids(publicView)).toEqual([plain.id, userLink.id]);
    expect(publicView.totalCount).toBe(2);
    expect(ids(await thread(pid, admin.headers))).toContain(spam.id);

    // A signed-in author sees their own pending comment, nobody else does.
    const set = (id: string, status: string, headers = admin.headers) =>
      patch(`/v1/admin/comments/${id}/status`, { status }, headers);
    expect((await set(userLink.id, "PENDING")).status).toBe(200);
    expect(ids(await thread(pid, alice.headers))).toContain(userLink.id);
    expect((await thread(pid, alice.headers)).totalCount).toBe(2);
    expect(ids(await thread(pid, bob.headers))).not.toContain(userLink.id);
    expect((await thread(pid)).totalCount).toBe(1);

    expect((await set(spam.id, "APPROVED")).status).toBe(200);
    expect((await set(userLink.id, "SPAM")).status).toBe(200);
    expect(ids(await thread(pid))).toEqual([spam.id, plain.id]);
    expect((await set(spam.id, "VALID")).status).toBe(400);
    expect((await set(randomUUID(), "SPAM")).status).toBe(404);

    // A guest who edits a link in goes back to moderation.
    const edited = await json(
      await patch(`/v1/comments/${plain.id}`, { content: "now http://x.example", guestPassword: "pass1234" }),
    );
    expect(edited.status).toBe("PENDING");

    const pending = await json(
      await fetch(`${content}/v1/admin/comments?status=PENDING&first=100`, { headers: admin.headers }),
    );
    expect(pending.items.every((c: { status: string }) => c.status === "PENDING")).toBe(true);
    expect(pending.items.find((c: { id: string }) => c.id === plain.id).post).toMatchObject({ id: pid });
  });

  it("lets the author, an admin or a guest with the password edit and delete; refuses everyone else", async () => {
    const pid = await newPost();
    const byAlice = await comment(pid, { content: "alice's" }, alice.headers);
    const byGuest = await guestComment(pid, "guest's");
    const forged = { ...anon, "x-user-id": alice.id, "x-user-role": "ADMIN" };
    const before = await tableCounts(stack);

    // Alice's comment: anonymous 401, forged headers 401, another user 403, guest password irrelevant.
    expect((await patch(`/v1/comments/${byAlice.id}`, { content: "hack" }, anon)).status).toBe(401);
    expect((await patch(`/v1/comments/${byAlice.id}`, { content: "hack" }, forged)).status).toBe(401);
    expect((await patch(`/v1/comments/${byAlice.id}`, { content: "hack" }, bob.headers)).status).toBe(403);
    expect((await del(`/v1/comments/${byAlice.id}`, undefined, anon)).status).toBe(401);
    expect((await del(`/v1/comments/${byAlice.id}`, undefined, forged)).status).toBe(401);
    expect((await del(`/v1/comments/${byAlice.id}`, undefined, bob.headers)).status).toBe(403);
    expect((await del(`/v1/comments/${byAlice.id}`, { guestPassword: "pass1234" }, anon)).status).toBe(401);
    // The guest's comment: no password or a wrong one is 403, also for a signed-in non-admin.
    expect((await patch(`/v1/comments/${byGuest.id}`, { content: "hack" })).status).toBe(403);
    expect(
      (await patch(`/v1/comments/${byGuest.id}`, { content: "hack", guestPassword: "wrong" })).status,
    ).toBe(403);
    expect((await patch(`/v1/comments/${byGuest.id}`, { content: "hack" }, bob.headers)).status).toBe(403);
    expect((await del(`/v1/comments/${byGuest.id}`, { guestPassword: "wrong" })).status).toBe(403);
    expect((await del(`/v1/comments/${byGuest.id}`, undefined, forged)).status).toBe(403);
    // Bad input.
    expect((await patch(`/v1/comments/${byAlice.id}`, { content: "" }, alice.headers)).status).toBe(400);
    expect(
      (await patch(`/v1/comments/${byAlice.id}`, { content: "x".repeat(2001) }, alice.headers)).status,
    ).toBe(400);
    expect((await patch(`/v1/comments/${byAlice.id}`, { content: "ok", x: 1 }, alice.headers)).status).toBe(
      400,
    );
    expect((await patch(`/v1/comments/${randomUUID()}`, { content: "ok" }, admin.headers)).status).toBe(404);
    expect((await del(`/v1/comments/${randomUUID()}`, undefined, admin.headers)).status).toBe(404);
    expect(await tableCounts(stack)).toEqual(before);

    const a1 = await json(
      await patch(`/v1/comments/${byAlice.id}`, { content: "alice edited" }, alice.headers),
    );
    expect(a1).toMatchObject({ content: "alice edited", edited: true });
    const a2 = await json(
      await patch(`/v1/comments/${byAlice.id}`, { content: "admin edited" }, admin.headers),
    );
    expect(a2.content).toBe("admin edited");
    const g1 = await json(
      await patch(`/v1/comments/${byGuest.id}`, { content: "guest edited", guestPassword: "pass1234" }),
    );
    expect(g1.content).toBe("guest edited");

    expect((await del(`/v1/comments/${byGuest.id}`, { guestPassword: "pass1234" })).status).toBe(204);
    expect((await del(`/v1/comments/${byGuest.id}`, { guestPassword: "pass1234" })).status).toBe(404);
    expect((await del(`/v1/comments/${byAlice.id}`, undefined, alice.headers)).status).toBe(204);
    const other = await comment(pid, { content: "bob's" }, bob.headers);
    expect((await del(`/v1/comments/${other.id}`, undefined, admin.headers)).status).toBe(204);
    expect((await patch(`/v1/comments/${other.id}`, { content: "revive" }, admin.headers)).status).toBe(404);
    expect((await thread(pid)).items).toEqual([]);
  });

  it("keeps a deleted comment with replies as a placeholder, and drops one without", async () => {
    const pid = await newPost();
    const top = await comment(pid, { content: "parent text" }, alice.headers);
    const reply = await comment(pid, { content: "child", parentId: top.id }, bob.headers);
    const lonely = await comment(pid, { content: "alone" }, alice.headers);
    expect((await del(`/v1/comments/${top.id}`, undefined, alice.headers)).status).toBe(204);
    expect((await del(`/v1/comments/${lonely.id}`, undefined, alice.headers)).status).toBe(204);

    for (const headers of [{}, admin.headers]) {
      const t = await thread(pid, headers);
      expect(t.items.length).toBe(1);
      expect(t.items[0]).toMatchObject({ id: top.id, deleted: true, content: null, author: null });
      expect(t.items[0].replies.map((r: { id: string }) => r.id)).toEqual([reply.id]);
      expect(t.totalCount).toBe(1);
    }
    expect(JSON.stringify(await thread(pid))).not.toContain("parent text");
    // Replying under a placeholder's reply is refused for the placeholder itself.
    expect(
      (await post(`/v1/posts/${pid}/comments`, { content: "x", parentId: top.id }, bob.headers)).status,
    ).toBe(404);

    // Once the last reply goes, the placeholder goes too.
    expect((await del(`/v1/comments/${reply.id}`, undefined, bob.headers)).status).toBe(204);
    expect(await thread(pid)).toMatchObject({ items: [], totalCount: 0 });

    // The admin console still lists them all when asked.
    const all = await json(
      await fetch(`${content}/v1/admin/comments?includeDeleted=true&first=100`, { headers: admin.headers }),
    );
    const deleted = all.items.filter((c: { postId: string }) => c.postId === pid);
    expect(deleted.map((c: { deleted: boolean }) => c.deleted)).toEqual([true, true, true]);
    expect(deleted.find((c: { id: string }) => c.id === top.id).content).toBe("parent text");
    const live = await json(
      await fetch(`${content}/v1/admin/comments?first=100`, { headers: admin.headers }),
    );
    expect(live.items.some((c: { postId: string }) => c.postId === pid)).toBe(false);
  });

  it("publishes comment events with the post's counters and a growing engagement version", async () => {
    const pid = await newPost();
    const top = await comment(pid, { content: "one" }, alice.headers);
    await guestComment(pid, "held http://x.example");
    await comment(pid, { content: "two", parentId: top.id }, bob.headers);
    await del(`/v1/comments/${top.id}`, undefined, alice.headers);
    const events = await stack.services.content!.ctx.database.query<{
      type: string;
      aggregate_id: string;
      aggregate_version: number;
      payload: Record<string, unknown> & { comment: Record<string, unknown> };
    }>(
      "select type, aggregate_id, aggregate_version, payload from outbox where aggregate_id = $1 order by seq",
      [pid],
    );
    expect(events.map((e) => [e.type, e.aggregate_version, e.payload.commentCount])).toEqual([
      ["comment.created", 1, 1],
      ["comment.created", 2, 1],
      ["comment.created", 3, 2],
      // The placeholder's reply still counts; the placeholder does not.
      ["comment.deleted", 4, 1],
    ]);
    expect(events[0]!.payload).toMatchObject({
      postId: pid,
      likeCount: 0,
      comment: {
        id: top.id,
        parentId: null,
        authorName: "Alice",
        excerpt: "one",
        secret: false,
        status: "APPROVED",
      },
    });
    expect(events[1]!.payload.comment).toMatchObject({ authorName: "Visitor", status: "PENDING" });
    expect(events[2]!.payload.comment.parentId).toBe(top.id);
  });

  it("lists a user's own comments newest first with the post, and the sidebar's recent ones", async () => {
    const pid = await publishPost(stack, { title: "Mine", slug: "mine" });
    const dave = await createTestUser(stack, "USER", "Dave");
    await waitForAuthor(stack, dave.id);
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await comment(pid, { content: `d${i}` }, dave.headers));
    await del(`/v1/comments/${made[1].id}`, undefined, dave.headers);
    const page1 = await json(await fetch(`${content}/v1/me/comments?first=1`, { headers: dave.headers }));
    expect(page1.items[0]).toMatchObject({ id: made[2].id, post: { id: pid, slug: "mine", title: "Mine" } });
    const page2 = await json(
      await fetch(`${content}/v1/me/comments?first=5&after=${page1.pageInfo.endCursor}`, {
        headers: dave.headers,
      }),
    );
    expect(page2.items.map((c: { id: string }) => c.id)).toEqual([made[0].id]);
    expect((await fetch(`${content}/v1/me/comments`)).status).toBe(401);

    await guestComment(pid, "pending http://x.example");
    const recent = await json(await fetch(`${content}/v1/comments/recent`));
    expect(recent.items.length).toBe(3);
    expect(recent.items[0]).toMatchObject({ id: made[2].id, post: { slug: "mine", title: "Mine" } });
    expect(
      recent.items.every((c: { status: string; secret: boolean }) => c.status === "APPROVED" && !c.secret),
    ).toBe(true);
    expect((await fetch(`${content}/v1/comments/recent?limit=11`)).status).toBe(400);
  });

  it("lets only admins moderate, list all and bulk delete", async () => {
    const pid = await newPost();
    const a = await comment(pid, { content: "a" }, alice.headers);
    const b = await guestComment(pid, "b");
    const forged = { ...anon, "x-user-id": admin.id, "x-user-role": "ADMIN" };
    const before = await tableCounts(stack);
    for (const headers of [anon, forged]) {
      expect((await fetch(`${content}/v1/admin/comments`, { headers })).status).toBe(401);
      expect((await patch(`/v1/admin/comments/${a.id}/status`, { status: "SPAM" }, headers)).status).toBe(
        401,
      );
      expect((await post("/v1/admin/comments/bulk-delete", { ids: [a.id] }, headers)).status).toBe(401);
    }
    for (const headers of [alice.headers, bob.headers]) {
      expect((await fetch(`${content}/v1/admin/comments`, { headers })).status).toBe(403);
      expect((await patch(`/v1/admin/comments/${a.id}/status`, { status: "SPAM" }, headers)).status).toBe(
        403,
      );
      expect((await post("/v1/admin/comments/bulk-delete", { ids: [a.id] }, headers)).status).toBe(403);
    }
    expect((await post("/v1/admin/comments/bulk-delete", { ids: [] }, admin.headers)).status).toBe(400);
    expect((await post("/v1/admin/comments/bulk-delete", { ids: "x" }, admin.headers)).status).toBe(400);
    expect((await post("/v1/admin/comments/bulk-delete", { ids: [a.id], x: 1 }, admin.headers)).status).toBe(
      400,
    );
    expect(
      (await patch(`/v1/admin/comments/${a.id}/status`, { status: "SPAM", x: 1 }, admin.headers)).status,
    ).toBe(400);
    expect(await tableCounts(stack)).toEqual(before);

    const res = await post(
      "/v1/admin/comments/bulk-delete",
      { ids: [a.id, b.id, randomUUID()] },
      admin.headers,
    );
    expect(await json(res)).toEqual({ deleted: 2 });
    expect((await thread(pid)).totalCount).toBe(0);
  });

  it("rate limits guest comments per client address, not signed-in users", async () => {
    const pid = await newPost();
    const ip = guest("10.9.9.9");
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const res = await post(
        `/v1/posts/${pid}/comments`,
        { content: `g${i}`, guestName: "G", guestPassword: "abcd" },
        ip,
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const signedIn = { ...alice.headers, "x-forwarded-for": "10.9.9.9" };
    for (let i = 0; i < 6; i++) {
      expect((await post(`/v1/posts/${pid}/comments`, { content: `u${i}` }, signedIn)).status).toBe(201);
    }
  });
});
