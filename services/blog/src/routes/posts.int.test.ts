import { createTestUser, eventually, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { blogService } from "../service";

describe("blog posts API", () => {
  let stack: TestStack;
  let blog: string;
  let admin: Awaited<ReturnType<typeof createTestUser>>;
  let user: Awaited<ReturnType<typeof createTestUser>>;
  let categoryId: string;

  beforeAll(async () => {
    stack = await startTestStack([authService(), blogService()]);
    blog = stack.services.blog!.url;
    admin = await createTestUser(stack, "ADMIN", "Blog Owner");
    user = await createTestUser(stack, "USER");
    const res = await fetch(`${blog}/v1/categories`, {
      method: "POST",
      headers: admin.headers,
      body: JSON.stringify({ name: "Architecture" }),
    });
    categoryId = (await json(res)).id;
  });
  afterAll(async () => stack?.close());

  const createPost = (body: Record<string, unknown>, headers = admin.headers) =>
    fetch(`${blog}/v1/posts`, {
      method: "POST",
      headers,
      body: JSON.stringify({ categoryId, contentHtml: "<p>Body</p>", ...body }),
    });

  it("lets only admins create posts", async () => {
    expect((await createPost({ title: "Anon" }, { "content-type": "application/json" })).status).toBe(401);
    expect((await createPost({ title: "User" }, user.headers)).status).toBe(403);
    expect((await createPost({ title: "Admin" })).status).toBe(201);
  });

  it("gives a Korean title a readable unique slug", async () => {
    const a = await json(await createPost({ title: "서비스 분리" }));
    const b = await json(await createPost({ title: "서비스 분리" }));
    expect(a.slug).toBe("서비스-분리");
    expect(b.slug).toBe("서비스-분리-2");
    const found = await fetch(`${blog}/v1/posts/${encodeURIComponent(a.slug)}`);
    expect((await json(found)).title).toBe("서비스 분리");
  });

  it("sanitises HTML, derives excerpt and reading time, and reads the author from the replica", async () => {
    const post = await json(
      await createPost({
        title: "Safe",
        contentHtml: '<p onclick="x()">Hello <script>alert(1)</script>world</p>',
        tags: ["Events", "events "],
      }),
    );
    expect(post.contentHtml).toBe("<p>Hello world</p>");
    expect(post.excerpt).toBe("Hello world");
    expect(post.readingMinutes).toBe(1);
    expect(post.tags.map((t: { slug: string }) => t.slug)).toEqual(["events"]);
    const detail = await eventually(async () => {
      const d = await json(await fetch(`${blog}/v1/posts/${post.slug}`));
      return d.author ? d : undefined;
    });
    expect(detail.author).toEqual({ id: admin.id, name: "Blog Owner", avatarUrl: null });
  });

  it("refuses an unknown category and bad input, writing nothing", async () => {
    const before = (await json(await fetch(`${blog}/v1/posts?first=100`))).items.length;
    expect((await createPost({ title: "X", categoryId: "nope" })).status).toBe(400);
    expect((await createPost({ title: "" })).status).toBe(400);
    expect((await createPost({ title: "X", status: "LIVE" })).status).toBe(400);
    expect((await createPost({ title: "X", extra: 1 })).status).toBe(400);
    expect((await createPost({ title: "X", coverUrl: "javascript:alert(1)" })).status).toBe(400);
    const after = (await json(await fetch(`${blog}/v1/posts?first=100`))).items.length;
    expect(after).toBe(before);
  });

  it("hides non-PUBLIC posts from everyone but admins", async () => {
    const draft = await json(await createPost({ title: "Secret plan", status: "PRIVATE" }));
    expect((await fetch(`${blog}/v1/posts/${draft.slug}`)).status).toBe(404);
    expect((await fetch(`${blog}/v1/posts/${draft.slug}`, { headers: user.headers })).status).toBe(404);
    expect((await fetch(`${blog}/v1/posts/${draft.slug}`, { headers: admin.headers })).status).toBe(200);
    const list = await json(await fetch(`${blog}/v1/posts?first=100`));
    expect(list.items.map((p: { slug: string }) => p.slug)).not.toContain(draft.slug);
  });

  it("pages newest first by cursor without gaps or repeats", async () => {
    for (let i = 0; i < 5; i++) {
      await createPost({
        title: `Paged ${i}`,
        publishedAt: new Date(Date.UTC(2020, 0, 1, 0, 0, i)).toISOString(),
      });
    }
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const q: string = after ? `&after=${after}` : "";
      const page = await json(await fetch(`${blog}/v1/posts?first=2${q}`));
      seen.push(...page.items.map((p: { slug: string }) => p.slug));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    const paged = seen.filter((s) => s.startsWith("paged-"));
    expect(paged).toEqual(["paged-4", "paged-3", "paged-2", "paged-1", "paged-0"]);
    expect((await fetch(`${blog}/v1/posts?after=garbage`)).status).toBe(400);
    expect((await fetch(`${blog}/v1/posts?first=1000`)).status).toBe(400);
  });
});
