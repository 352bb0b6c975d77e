import { createTestUser, eventually, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { blogService } from "../service";
import { blogTables, client, eventsOf, type Headers, json } from "../test-support/client";

type User = Awaited<ReturnType<typeof createTestUser>>;

describe("editing, deleting and drafting posts", () => {
  let stack: TestStack;
  let call: ReturnType<typeof client>;
  let admin: User;
  let user: User;
  let categoryId: string;
  let otherCategoryId: string;
  const asAdmin = (method: string, path: string, body?: unknown) => call(method, path, body, admin.headers);
  const create = async (body: Record<string, unknown>) => {
    const res = await asAdmin("POST", "/v1/posts", { categoryId, contentHtml: "<p>Body</p>", ...body });
    expect(res.status).toBe(201);
    return json(res);
  };

  beforeAll(async () => {
    stack = await startTestStack([authService(), blogService()]);
    call = client(stack.services.blog!.url);
    admin = await createTestUser(stack, "ADMIN", "Editor");
    user = await createTestUser(stack, "USER", "Reader");
    categoryId = (await json(await asAdmin("POST", "/v1/categories", { name: "Backend" }))).id;
    otherCategoryId = (await json(await asAdmin("POST", "/v1/categories", { name: "Frontend" }))).id;
  });
  afterAll(async () => stack?.close());

  describe("authorisation", () => {
    it("refuses every write and admin read to anonymous callers, users and forged identity headers", async () => {
      const post = await create({ title: "Guarded" });
      const draftId = "guarded-draft-0001";
      expect((await asAdmin("PUT", `/v1/drafts/${draftId}`, { title: "Guarded draft" })).status).toBe(201);
      const tag = await json(await asAdmin("POST", "/v1/tags", { name: "guarded" }));
      const routes: Array<[string, string, unknown?]> = [
        ["POST", "/v1/posts", { title: "X", categoryId, contentHtml: "x" }],
        ["PATCH", `/v1/posts/${post.id}`, { title: "Hijacked" }],
        ["DELETE", `/v1/posts/${post.id}`],
        ["POST", "/v1/posts/bulk-delete", { ids: [post.id] }],
        ["PUT", `/v1/drafts/${draftId}`, { title: "Hijacked" }],
        ["PUT", "/v1/drafts/another-draft-01", { title: "New" }],
        ["POST", `/v1/drafts/${draftId}/publish`, { status: "PUBLIC", categoryId }],
        ["DELETE", `/v1/drafts/${draftId}`],
        ["POST", "/v1/categories", { name: "Hijack" }],
        ["PATCH", `/v1/categories/${categoryId}`, { name: "Hijacked" }],
        ["DELETE", `/v1/categories/${otherCategoryId}`],
        ["POST", "/v1/tags", { name: "hijack" }],
        ["PATCH", `/v1/tags/${tag.id}`, { name: "Hijacked" }],
        ["DELETE", `/v1/tags/${tag.id}`],
        ["GET", "/v1/drafts"],
        ["GET", `/v1/drafts/${draftId}`],
        ["GET", "/v1/admin/posts"],
      ];
      const forged: Headers = { "x-user-id": admin.id, "x-user-role": "ADMIN" };
      const before = await blogTables(stack);
      for (const [method, path, body] of routes) {
        const tries: Array<[Headers, number]> = [
          [{}, 401],
          [forged, 401],
          [{ authorization: `Bearer ${user.token}` }, 403],
          [{ authorization: `Bearer ${user.token}`, ...forged }, 403],
          [{ authorization: "Bearer not-a-token", ...forged }, 401],
        ];
        for (const [headers, status] of tries) {
          const res = await call(method, path, body, headers);
          expect(`${method} ${path} ${res.status}`).toBe(`${method} ${path} ${status}`);
        }
      }
      expect(await blogTables(stack)).toEqual(before);
    });

    it("keeps /internal routes for callers with the service credential", async () => {
      for (const path of ["/internal/posts/snapshot", "/internal/images/referenced"]) {
        expect((await call("GET", path, undefined, admin.headers)).status).toBe(403);
        expect((await call("GET", path, undefined, { "x-service-token": stack.serviceToken })).status).toBe(
          200,
        );
      }
    });
  });

  describe("PATCH /v1/posts/:id", () => {
    it("re-sanitises, keeps a published slug, bumps the version and emits post.updated", async () => {
      const post = await create({ title: "Original title", tags: ["a", "b"] });
      const res = await asAdmin("PATCH", `/v1/posts/${post.id}`, {
        title: "Better title",
        contentHtml:
          '<p>New <img src="https://img.example/x.webp" onerror="steal()">text</p><script>x()</script>',
        tags: ["b", "c"],
      });
      expect(res.status).toBe(200);
      const updated = await json(res);
      expect(updated.slug).toBe(post.slug);
      expect(updated.title).toBe("Better title");
      expect(updated.contentHtml).toBe('<p>New <img src="https://img.example/x.webp" />text</p>');
      expect(updated.excerpt).toBe("New text");
      expect(updated.tags.map((t: { slug: string }) => t.slug)).toEqual(["b", "c"]);
      const events = await eventsOf(stack, post.id);
      expect(events.map((e) => [e.type, e.aggregate_version])).toEqual([
        ["post.created", 1],
        ["post.updated", 2],
      ]);
      expect(events[1]!.payload).toMatchObject({
        title: "Better title",
        imageUrls: ["https://img.example/x.webp"],
      });
    });

    it("keeps a hand-written excerpt until it is cleared", async () => {
      const post = await create({ title: "Excerpts", excerpt: "Hand written" });
      const a = await json(
        await asAdmin("PATCH", `/v1/posts/${post.id}`, { contentHtml: "<p>Changed body</p>" }),
      );
      expect(a.excerpt).toBe("Hand written");
      const b = await json(await asAdmin("PATCH", `/v1/posts/${post.id}`, { excerpt: "" }));
      expect(b.excerpt).toBe("Changed body");
    });

    it("emits post.published only the first time a post becomes PUBLIC, and fixes its slug from then on", async () => {
      const post = await create({ title: "Quiet launch", status: "PRIVATE" });
      const renamed = await json(await asAdmin("PATCH", `/v1/posts/${post.id}`, { title: "Loud launch" }));
      expect(renamed.slug).toBe("loud-launch");
      await asAdmin("PATCH", `/v1/posts/${post.id}`, { status: "PUBLIC" });
      await asAdmin("PATCH", `/v1/posts/${post.id}`, { status: "PRIVATE" });
      const again = await json(
        await asAdmin("PATCH", `/v1/posts/${post.id}`, { status: "PUBLIC", title: "Final" }),
      );
      expect(again.slug).toBe("loud-launch");
      const events = await eventsOf(stack, post.id);
      expect(events.map((e) => [e.type, e.aggregate_version])).toEqual([
        ["post.created", 1],
        ["post.updated", 2],
        ["post.published", 3],
        ["post.updated", 4],
        ["post.updated", 5],
      ]);
      expect((await call("GET", "/v1/posts/loud-launch")).status).toBe(200);
    });

    it("refuses bad input and unknown ids, writing nothing", async () => {
      const post = await create({ title: "Stable" });
      const before = await blogTables(stack);
      const bad: Array<[unknown, number]> = [
        [{}, 400],
        [{ title: "" }, 400],
        [{ title: "x".repeat(201) }, 400],
        [{ title: 42 }, 400],
        [{ categoryId: "no-such-category" }, 400],
        [{ status: "LIVE" }, 400],
        [{ tags: ["ok", "x".repeat(41)] }, 400],
        [{ coverUrl: "javascript:alert(1)" }, 400],
        [{ publishedAt: "yesterday" }, 400],
        [{ title: "Fine", extra: true }, 400],
      ];
      for (const [body, status] of bad) {
        expect((await asAdmin("PATCH", `/v1/posts/${post.id}`, body)).status).toBe(status);
      }
      expect((await asAdmin("PATCH", "/v1/posts/no-such-post", { title: "X" })).status).toBe(404);
      expect(await blogTables(stack)).toEqual(before);
    });

    it("never gives a post or tag a slug that names a fixed route", async () => {
      const post = await create({ title: "Featured", tags: ["Popular"] });
      expect(post.slug).toBe("featured-2");
      expect(post.tags.map((t: { slug: string }) => t.slug)).toEqual(["popular-tag"]);
      expect((await json(await call("GET", "/v1/posts/featured-2"))).title).toBe("Featured");
    });

    it("moves a post to another category", async () => {
      const post = await create({ title: "Moving" });
      const moved = await json(
        await asAdmin("PATCH", `/v1/posts/${post.id}`, { categoryId: otherCategoryId }),
      );
      expect(moved.category.id).toBe(otherCategoryId);
    });
  });

  describe("deleting posts", () => {
    it("deletes one post with post.deleted one version past its last, and keeps a tombstone", async () => {
      const post = await create({ title: "Short lived" });
      await asAdmin("PATCH", `/v1/posts/${post.id}`, { title: "Shorter lived" });
      expect((await asAdmin("DELETE", `/v1/posts/${post.id}`)).status).toBe(204);
      expect((await call("GET", `/v1/posts/${post.slug}`, undefined, admin.headers)).status).toBe(404);
      expect((await asAdmin("DELETE", `/v1/posts/${post.id}`)).status).toBe(404);
      const events = await eventsOf(stack, post.id);
      expect(events.at(-1)).toMatchObject({
        type: "post.deleted",
        aggregate_version: 3,
        payload: { id: post.id, slug: post.slug },
      });
      const snapshot = await json(
        await call("GET", "/internal/posts/snapshot", undefined, { "x-service-token": stack.serviceToken }),
      );
      expect(snapshot.deleted).toContainEqual({ id: post.id, slug: post.slug, version: 3 });
      expect(snapshot.posts.map((p: { id: string }) => p.id)).not.toContain(post.id);
    });

    it("bulk-deletes the known ids and reports them", async () => {
      const a = await create({ title: "Bulk a", tags: ["bulk"] });
      const b = await create({ title: "Bulk b" });
      const res = await asAdmin("POST", "/v1/posts/bulk-delete", { ids: [a.id, b.id, a.id, "no-such-post"] });
      expect(res.status).toBe(200);
      expect((await json(res)).deleted.sort()).toEqual([a.id, b.id].sort());
      for (const p of [a, b]) {
        expect((await eventsOf(stack, p.id)).map((e) => [e.type, e.aggregate_version])).toEqual([
          ["post.created", 1],
          ["post.deleted", 2],
        ]);
      }
      const rows = await stack.services.blog!.ctx.database.query(
        "select * from post_tags where post_id = $1",
        [a.id],
      );
      expect(rows).toEqual([]);
    });

    it("refuses a malformed bulk delete, writing nothing", async () => {
      const post = await create({ title: "Survivor" });
      const before = await blogTables(stack);
      for (const body of [
        {},
        { ids: [] },
        { ids: "x" },
        { ids: [post.id], all: true },
        { ids: Array(101).fill("x") },
      ]) {
        expect((await asAdmin("POST", "/v1/posts/bulk-delete", body)).status).toBe(400);
      }
      expect(await blogTables(stack)).toEqual(before);
    });
  });

  describe("drafts", () => {
    it("autosaves into a draft that no public list shows, then publishes it with its settings", async () => {
      const id = "draft-0000-autosave";
      const first = await asAdmin("PUT", `/v1/drafts/${id}`, { title: "", contentHtml: "<p>첫 문단</p>" });
      expect(first.status).toBe(201);
      const created = await json(first);
      expect(created).toMatchObject({
        id,
        title: "Untitled",
        status: "DRAFT",
        category: null,
        publishedAt: null,
      });
      const second = await asAdmin("PUT", `/v1/drafts/${id}`, {
        title: "서비스 분리 이야기",
        contentHtml: `<p>${"가".repeat(250)}</p>`,
      });
      expect(second.status).toBe(200);
      expect((await json(second)).slug).toBe("서비스-분리-이야기");

      const drafts = await json(await call("GET", "/v1/drafts", undefined, admin.headers));
      expect(drafts.items.map((d: { id: string }) => d.id)).toContain(id);
      expect((await json(await call("GET", `/v1/drafts/${id}`, undefined, admin.headers))).title).toBe(
        "서비스 분리 이야기",
      );
      const publicList = await json(await call("GET", "/v1/posts?first=100"));
      expect(publicList.items.map((p: { id: string }) => p.id)).not.toContain(id);
      expect((await json(await call("GET", `/v1/search?q=${encodeURIComponent("분리")}`))).items).toEqual([]);
      expect((await call("GET", `/v1/posts/${encodeURIComponent("서비스-분리-이야기")}`)).status).toBe(404);

      const res = await asAdmin("POST", `/v1/drafts/${id}/publish`, {
        status: "PUBLIC",
        categoryId,
        tags: ["msa"],
        excerpt: "",
        publishedAt: "2024-05-01T09:00:00+09:00",
      });
      expect(res.status).toBe(200);
      const published = await json(res);
      expect(published).toMatchObject({ status: "PUBLIC", publishedAt: "2024-05-01T00:00:00.000Z" });
      expect(published.excerpt).toBe(`${"가".repeat(200)}…`);
      expect(published.tags.map((t: { slug: string }) => t.slug)).toEqual(["msa"]);
      expect((await eventsOf(stack, id)).map((e) => e.type)).toEqual([
        "post.created",
        "post.updated",
        "post.published",
      ]);
      expect((await call("GET", `/v1/posts/${encodeURIComponent(published.slug)}`)).status).toBe(200);
      expect((await call("GET", `/v1/drafts/${id}`, undefined, admin.headers)).status).toBe(404);
      // A published post is edited through /v1/posts, not overwritten by a stale autosave.
      expect((await asAdmin("PUT", `/v1/drafts/${id}`, { title: "Stale autosave" })).status).toBe(409);
    });

    it("validates the publish settings, writing nothing", async () => {
      const id = "draft-0000-validate";
      await asAdmin("PUT", `/v1/drafts/${id}`, { title: "Needs settings" });
      const before = await blogTables(stack);
      const bad: Array<[unknown, number]> = [
        [{ status: "PUBLIC" }, 400],
        [{ status: "DRAFT", categoryId }, 400],
        [{ status: "PUBLIC", categoryId: "no-such-category" }, 400],
        [{ status: "PUBLIC", categoryId, excerpt: "x".repeat(301) }, 400],
        [{ status: "PUBLIC", categoryId, coverUrl: "not a url" }, 400],
        [{ status: "PUBLIC", categoryId, publishedAt: "soon" }, 400],
        [{ status: "PUBLIC", categoryId, unknown: 1 }, 400],
      ];
      for (const [body, status] of bad) {
        expect((await asAdmin("POST", `/v1/drafts/${id}/publish`, body)).status).toBe(status);
      }
      expect(
        (await asAdmin("POST", "/v1/drafts/draft-0000-missing/publish", { status: "PUBLIC", categoryId }))
          .status,
      ).toBe(404);
      for (const body of [
        { title: 1 },
        { title: "x".repeat(201) },
        { categoryId: "no-such-category" },
        { status: "PUBLIC" },
      ]) {
        expect((await asAdmin("PUT", `/v1/drafts/${id}`, body)).status).toBe(400);
      }
      expect((await asAdmin("PUT", "/v1/drafts/bad id!", { title: "x" })).status).toBe(400);
      expect(await blogTables(stack)).toEqual(before);

      const priv = await json(
        await asAdmin("POST", `/v1/drafts/${id}/publish`, { status: "PRIVATE", categoryId }),
      );
      expect(priv.status).toBe("PRIVATE");
      expect((await eventsOf(stack, id)).map((e) => e.type)).toEqual(["post.created", "post.updated"]);
    });

    it("settles concurrent autosaves of a new draft: one creates it, the rest update it or are told to retry", async () => {
      const id = "draft-0000-racing";
      const results = await Promise.all(
        [1, 2, 3, 4].map((n) =>
          asAdmin("PUT", `/v1/drafts/${id}`, { title: `Race ${n}` }).then((r) => r.status),
        ),
      );
      expect(results.filter((s) => s === 201)).toHaveLength(1);
      expect(results.every((s) => [200, 201, 409].includes(s))).toBe(true);
      const saved = results.filter((s) => s !== 409).length;
      const [row] = await stack.services.blog!.ctx.database.query<{ version: number }>(
        "select version from posts where id = $1",
        [id],
      );
      expect(row?.version).toBe(saved);
      expect(await eventsOf(stack, id)).toHaveLength(saved);
    });

    it("deletes a draft for good, and only drafts", async () => {
      const id = "draft-0000-discard";
      await asAdmin("PUT", `/v1/drafts/${id}`, { title: "Discard me" });
      const post = await create({ title: "Not a draft" });
      expect((await asAdmin("DELETE", `/v1/drafts/${post.id}`)).status).toBe(404);
      expect((await asAdmin("DELETE", `/v1/drafts/${id}`)).status).toBe(204);
      expect((await call("GET", `/v1/drafts/${id}`, undefined, admin.headers)).status).toBe(404);
      expect((await eventsOf(stack, id)).at(-1)).toMatchObject({
        type: "post.deleted",
        aggregate_version: 2,
      });
      // A late autosave must not bring a deleted draft back.
      expect((await asAdmin("PUT", `/v1/drafts/${id}`, { title: "Zombie" })).status).toBe(409);
    });
  });

  describe("admin post list", () => {
    it("lists every status with filters, search, sorts and cursor paging", async () => {
      const c = await json(await asAdmin("POST", "/v1/categories", { name: "Admin list" }));
      const made = [];
      for (const [i, status] of (["PUBLIC", "PRIVATE", "DRAFT", "PUBLIC"] as const).entries()) {
        made.push(
          await create({
            title: `Admin row ${i}`,
            categoryId: c.id,
            status,
            publishedAt: new Date(Date.UTC(2021, 0, 1 + i)).toISOString(),
          }),
        );
      }
      await stack.services.blog!.ctx.database.query(
        "update posts set view_count = case id when $1 then 30 when $2 then 10 when $3 then 20 else 25 end where category_id = $4",
        [made[0]!.id, made[1]!.id, made[2]!.id, c.id],
      );
      const list = async (q: string) =>
        (
          await json(await call("GET", `/v1/admin/posts?category=${c.slug}&${q}`, undefined, admin.headers))
        ).items.map((p: { title: string }) => p.title);
      // A draft has no publish date yet and sorts by its creation, so it comes first here.
      expect(await list("first=100")).toEqual(["Admin row 2", "Admin row 3", "Admin row 1", "Admin row 0"]);
      expect(await list("status=DRAFT")).toEqual(["Admin row 2"]);
      expect(await list("sort=views")).toEqual(["Admin row 0", "Admin row 3", "Admin row 2", "Admin row 1"]);
      expect(await list("q=ROW%203")).toEqual(["Admin row 3"]);

      const seen: string[] = [];
      let after: string | null = null;
      do {
        const q: string = after ? `&after=${after}` : "";
        const page = await json(
          await call(
            "GET",
            `/v1/admin/posts?category=${c.slug}&sort=likes&first=1${q}`,
            undefined,
            admin.headers,
          ),
        );
        seen.push(...page.items.map((p: { title: string }) => p.title));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(seen.sort()).toEqual(["Admin row 0", "Admin row 1", "Admin row 2", "Admin row 3"]);
      expect((await call("GET", "/v1/admin/posts?sort=oldest", undefined, admin.headers)).status).toBe(400);
      expect((await call("GET", "/v1/admin/posts?after=bad", undefined, admin.headers)).status).toBe(400);
    });
  });

  it("publishes every write through the outbox to the bus", async () => {
    const bus = await stack.broker.connect();
    const seen: Array<{ id: string; event: string }> = [];
    await bus.subscribe({
      queue: "test.blog-editing",
      bindings: ["post.created", "post.updated", "post.deleted"],
      handler: async ({ envelope }) => {
        seen.push({ id: envelope.aggregateId, event: `${envelope.type}:${envelope.aggregateVersion}` });
      },
    });
    const post = await create({ title: "On the wire" });
    await asAdmin("PATCH", `/v1/posts/${post.id}`, { title: "Still on the wire" });
    await asAdmin("DELETE", `/v1/posts/${post.id}`);
    const mine = () => seen.filter((s) => s.id === post.id).map((s) => s.event);
    await eventually(async () => mine().length >= 3);
    expect(mine()).toEqual(["post.created:1", "post.updated:2", "post.deleted:3"]);
  });
});
