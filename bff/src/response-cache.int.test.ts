import { createTestUser, eventually, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyticsService } from "../../services/analytics/src/service";
import { authService } from "../../services/auth/src/service";
import { blogService } from "../../services/blog/src/service";
import { contentService } from "../../services/content/src/service";
import { pageService } from "../../services/page/src/service";
import { type BffServer, startBff } from "./server";
import { postGraphQL } from "./test-support";
import { counterByLabel, upstreamCallsDuring } from "./upstream-metrics";

describe("BFF response cache, invalidated by domain events", () => {
  let stack: TestStack;
  let bff: BffServer;
  let admin: Awaited<ReturnType<typeof createTestUser>>;
  let postId: string;
  const slug = "cached-post";

  const gql = async (query: string, token?: string) => {
    const res = await postGraphQL(bff.url, query, {}, token);
    expect(res.status).toBe(200);
    return json(res);
  };
  const callsOf = (run: () => Promise<unknown>) => upstreamCallsDuring(bff.url, run);
  // The setup's own events may still be on their way (RabbitMQ delivers when it does) and make a cached answer
  // stale between two requests: the tests of "the second is served from memory" retry, each time with a
  // document not asked before (so its first answer is never a cached one).
  let tries = 0;
  const freshDocument = (query: string) => query.replace(/ }$/, ` try${++tries}: __typename }`);

  const postQuery = `{ post(slug: "${slug}") { title author { name } comments { totalCount edges { node { content } } } } }`;

  beforeAll(async () => {
    stack = await startTestStack([
      authService(),
      blogService(),
      contentService(),
      pageService(),
      analyticsService(),
    ]);
    bff = await startBff({ env: stack.env, port: 0, bus: await stack.broker.connect() });
    admin = await createTestUser(stack, "ADMIN", "Writer");
    const blog = stack.services.blog!.url;
    const category = await json(
      await fetch(`${blog}/v1/categories`, {
        method: "POST",
        headers: admin.headers,
        body: JSON.stringify({ name: "Cache" }),
      }),
    );
    const post = await json(
      await fetch(`${blog}/v1/posts`, {
        method: "POST",
        headers: admin.headers,
        body: JSON.stringify({ title: "Cached post", contentHtml: "<p>Body</p>", categoryId: category.id }),
      }),
    );
    postId = post.id;
    // Signed in, so nothing lands in the cache before the tests: content has the post, the blog the author.
    await eventually(async () => {
      const r = await gql(postQuery, admin.token);
      return r.errors === undefined && r.data.post.author?.name === "Writer";
    });
  });
  afterAll(async () => {
    await bff?.close();
    await stack?.close();
  });

  it("serves a repeated anonymous query from memory, and never a signed-in one", async () => {
    let query = postQuery;
    await eventually(async () => {
      query = freshDocument(postQuery);
      const first = await gql(query);
      if (first.data.post.title !== "Cached post") return false;
      return Object.keys(await callsOf(() => gql(query))).length === 0;
    });
    expect(await callsOf(() => gql(query, admin.token))).toEqual({ blog: 1, content: 1 });
  });

  it("answers a repeated anonymous query from its kept bytes, until an event makes the result stale", async () => {
    const memo = async () => {
      const answers = await counterByLabel(bff.url, "bff_response_memo_answers_total", "outcome");
      return { hit: answers.hit ?? 0, stale: answers.stale ?? 0 };
    };
    let query = "";
    await eventually(async () => {
      query = freshDocument(`{ post(slug: "${slug}") { id title } }`);
      const before = await memo();
      const first = await postGraphQL(bff.url, query, {});
      const firstBody = await first.text();
      const again = await postGraphQL(bff.url, query, {});
      return (
        (await again.text()) === firstBody &&
        again.headers.get("etag") === first.headers.get("etag") &&
        (await memo()).hit === before.hit + 1
      );
    });
    const before = await memo();
    // Signed in: never from the memo.
    await postGraphQL(bff.url, query, {}, admin.token);
    expect((await memo()).hit).toBe(before.hit);

    const edited = await fetch(`${stack.services.blog!.url}/v1/posts/${postId}`, {
      method: "PATCH",
      headers: admin.headers,
      body: JSON.stringify({ title: "Title seen once" }),
    });
    expect(edited.status).toBe(200);
    await eventually(
      async () => (await json(await postGraphQL(bff.url, query, {}))).data.post.title === "Title seen once",
    );
    expect((await memo()).stale).toBeGreaterThan(before.stale);
  });

  it("shows a renamed author, a new comment and an edited post within 2 s", async () => {
    await gql(postQuery);
    type Shown = {
      title: string;
      author: { name: string };
      comments: { totalCount: number; edges: Array<{ node: { content: string } }> };
    };
    const shows = async (check: (post: Shown) => boolean) => {
      const started = Date.now();
      await eventually(async () => check((await gql(postQuery)).data.post), 2_000);
      expect(Date.now() - started).toBeLessThan(2_000);
    };

    await fetch(`${stack.services.auth!.url}/v1/me`, {
      method: "PATCH",
      headers: admin.headers,
      body: JSON.stringify({ name: "Renamed" }),
    });
    await shows((p) => p.author.name === "Renamed");

    const comment = await fetch(`${stack.services.content!.url}/v1/posts/${postId}/comments`, {
      method: "POST",
      headers: admin.headers,
      body: JSON.stringify({ content: "Fresh comment" }),
    });
    expect(comment.status).toBe(201);
    await shows((p) => p.comments.totalCount === 1 && p.comments.edges[0]?.node.content === "Fresh comment");

    const edited = await fetch(`${stack.services.blog!.url}/v1/posts/${postId}`, {
      method: "PATCH",
      headers: admin.headers,
      body: JSON.stringify({ title: "Edited title" }),
    });
    expect(edited.status).toBe(200);
    await shows((p) => p.title === "Edited title");
  });

  it("shows a new pinned notice in the home page's pop-up, and drops a deleted one, within 2 s", async () => {
    const popup = "{ homePage { popupNotices { id title } } }";
    const titles = async () =>
      ((await gql(popup)).data.homePage.popupNotices as Array<{ title: string }>).map((n) => n.title);
    expect(await titles()).toEqual([]);
    const created = await fetch(`${stack.services.page!.url}/v1/notices`, {
      method: "POST",
      headers: admin.headers,
      body: JSON.stringify({
        title: "Maintenance tonight",
        contentHtml: "<p>Brief</p>",
        pinned: true,
        status: "PUBLISHED",
      }),
    });
    expect(created.status).toBe(201);
    const notice = await json(created);
    const started = Date.now();
    await eventually(async () => (await titles()).includes("Maintenance tonight"), 2_000);
    const removed = await fetch(`${stack.services.page!.url}/v1/notices/${notice.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(removed.ok).toBe(true);
    await eventually(async () => !(await titles()).includes("Maintenance tonight"), 2_000);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("costs at most one upstream call per service for the home page with the sidebar, and a post page", async () => {
    // Signed in, so every call is made (no cache) and the viewer's flags are asked for too.
    const home = await callsOf(async () => {
      const r = await gql(
        `{ homePage { featured { slug likeCount } latest { slug title author { name } viewerHasLiked }
            topCategories { slug postCount } popupNotices { title } }
           sidebar { popularPosts { slug viewerHasBookmarked } popularTags { slug } visitors { today } } }`,
        admin.token,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data.homePage.latest.length).toBeGreaterThan(0);
    });
    expect(home).toEqual({ blog: 1, page: 1, content: 1, analytics: 1 });
    const page = await callsOf(async () => {
      const r = await gql(
        `{ post(slug: "${slug}") { title contentHtml author { name } previous { slug } next { slug }
          related { slug viewerHasLiked } comments { totalCount } viewerHasLiked viewerHasBookmarked } }`,
        admin.token,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data.post.comments.totalCount).toBeGreaterThanOrEqual(0);
    });
    expect(page).toEqual({ blog: 1, content: 1 });
  });

  it("fetches authors from auth in the composition mode, one batch per request", async () => {
    const composing = await startBff({ env: { ...stack.env, BFF_AUTHOR_SOURCE: "auth" }, port: 0 });
    try {
      const res = await fetch(`${composing.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `{ posts(first: 5) { edges { node { author { id name } } } } }` }),
      });
      const body = await json(res);
      expect(body.errors).toBeUndefined();
      const authors = body.data.posts.edges.map((e: { node: { author: { name: string } } }) => e.node.author);
      expect(authors.length).toBeGreaterThan(0);
      const metrics = await (await fetch(`${composing.url}/metrics`)).text();
      expect(metrics).toMatch(/bff_upstream_requests_total\{service="auth",operation="authors"\} 1\b/);
    } finally {
      await composing.close();
    }
  });
});
