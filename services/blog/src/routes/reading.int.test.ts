import { randomUUID } from "node:crypto";
import type { EventEnvelope } from "@quire/contracts";
import { createTestUser, eventually, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { blogService } from "../service";
import { blogTables, client, json } from "../test-support/client";

type User = Awaited<ReturnType<typeof createTestUser>>;
type Post = { id: string; slug: string; title: string };

describe("reading: neighbours, related, ranking, taxonomy, search and feeds", () => {
  let stack: TestStack;
  let call: ReturnType<typeof client>;
  let admin: User;
  const asAdmin = (method: string, path: string, body?: unknown) => call(method, path, body, admin.headers);
  const category = async (name: string) => json(await asAdmin("POST", "/v1/categories", { name }));
  const create = async (body: Record<string, unknown>): Promise<Post> => {
    const res = await asAdmin("POST", "/v1/posts", { contentHtml: "<p>Body</p>", ...body });
    expect(res.status).toBe(201);
    return json(res);
  };
  const day = (year: number, d: number) => new Date(Date.UTC(year, 0, d)).toISOString();
  const titles = (items: Array<{ title: string }>) => items.map((p) => p.title);

  const envelope = (
    type: string,
    postId: string,
    aggregateVersion: number,
    payload: object,
  ): EventEnvelope => ({
    id: randomUUID(),
    type,
    version: 1,
    aggregateId: postId,
    aggregateVersion,
    occurredAt: new Date().toISOString(),
    traceparent: null,
    payload: { postId, ...payload },
  });
  const likeEvent = (postId: string, version: number, likeCount: number, commentCount = 0) =>
    envelope("like.toggled", postId, version, { likeCount, commentCount, liked: true });
  const viewEvent = (postId: string, viewCount: number) =>
    envelope("post.viewed", postId, viewCount, { viewCount });
  const countersOf = async (postId: string) =>
    (
      await stack.services.blog!.ctx.database.query<{ views: number; likes: number; comments: number }>(
        "select view_count as views, like_count as likes, comment_count as comments from posts where id = $1",
        [postId],
      )
    )[0];

  /** Publishes analytics' and content's counter events as those services would, and waits until applied. */
  let engagementVersion = 0;
  const counters = async (postId: string, c: { views?: number; likes?: number; comments?: number }) => {
    const events: EventEnvelope[] = [];
    if (c.views !== undefined) events.push(viewEvent(postId, c.views));
    if (c.likes !== undefined || c.comments !== undefined) {
      engagementVersion += 1;
      events.push(likeEvent(postId, engagementVersion, c.likes ?? 0, c.comments ?? 0));
    }
    const bus = await stack.broker.connect();
    await bus.publish(events);
    await eventually(async () => {
      const now = await countersOf(postId);
      return (
        (c.views === undefined || now?.views === c.views) &&
        (c.likes === undefined || now?.likes === c.likes) &&
        (c.comments === undefined || now?.comments === c.comments)
      );
    });
  };

  beforeAll(async () => {
    process.env.QUIRE_PUBLIC_URL = "https://blog.example/";
    stack = await startTestStack([authService(), blogService()]);
    delete process.env.QUIRE_PUBLIC_URL;
    call = client(stack.services.blog!.url);
    admin = await createTestUser(stack, "ADMIN", "Owner");
  });
  afterAll(async () => stack?.close());

  describe("previous, next and related", () => {
    let p: Record<string, Post>;
    beforeAll(async () => {
      const a = await category("Neighbours A");
      const b = await category("Neighbours B");
      p = {
        one: await create({
          title: "One",
          categoryId: a.id,
          tags: ["rel-events"],
          publishedAt: day(2000, 1),
        }),
        hidden: await create({
          title: "Hidden",
          categoryId: a.id,
          tags: ["rel-events"],
          status: "PRIVATE",
          publishedAt: day(2000, 2),
        }),
        three: await create({
          title: "Three",
          categoryId: b.id,
          tags: ["rel-events", "rel-queues"],
          publishedAt: day(2000, 3),
        }),
        draft: await create({ title: "Draft", categoryId: a.id, tags: ["rel-events"], status: "DRAFT" }),
        five: await create({
          title: "Five",
          categoryId: a.id,
          tags: ["rel-queues"],
          publishedAt: day(2000, 5),
        }),
        six: await create({
          title: "Six",
          categoryId: a.id,
          tags: ["rel-events"],
          publishedAt: day(2000, 6),
        }),
        seven: await create({ title: "Seven", categoryId: a.id, publishedAt: day(2000, 7) }),
      };
    });
    const page = async (post: Post, headers = {}) =>
      json(await call("GET", `/v1/posts/${encodeURIComponent(post.slug)}`, undefined, headers));

    it("links the previous and next PUBLIC posts by publishedAt, skipping hidden ones", async () => {
      const three = await page(p.three!);
      expect(three.previous).toEqual({ slug: p.one!.slug, title: "One" });
      expect(three.next).toEqual({ slug: p.five!.slug, title: "Five" });
      expect((await page(p.one!)).previous).toBeNull();
      const hidden = await page(p.hidden!, admin.headers);
      expect(hidden.previous?.title).toBe("One");
      expect(hidden.next?.title).toBe("Three");
    });

    it("ranks related posts by same category (+2) and shared tags (+1), newest first among equals", async () => {
      // Six: category + tag = 3; Seven and Five: category = 2 (Seven is newer); Three: tag = 1 (cut at 3).
      expect(titles((await page(p.one!)).related)).toEqual(["Six", "Seven", "Five"]);
      // Never itself, never PRIVATE or DRAFT posts, and nothing without a score.
      expect(titles((await page(p.three!)).related)).toEqual(["Six", "Five", "One"]);
    });
  });

  describe("featured and popular", () => {
    it("features the PUBLIC post with the highest likes*5 + views, and changes when another overtakes it", async () => {
      const c = await category("Ranking");
      const a = await create({ title: "Liked", categoryId: c.id, publishedAt: day(2001, 1) });
      const b = await create({ title: "Viewed", categoryId: c.id, publishedAt: day(2001, 2) });
      const secret = await create({ title: "Secret", categoryId: c.id, status: "PRIVATE" });
      await counters(a.id, { likes: 20 });
      await counters(b.id, { views: 90 });
      await counters(secret.id, { views: 100_000, likes: 100 });
      const featured = async () => (await json(await call("GET", "/v1/posts/featured"))).post?.title;
      expect(await featured()).toBe("Liked");
      await counters(b.id, { views: 101 });
      expect(await featured()).toBe("Viewed");
      // Ties go to the newer post.
      await counters(a.id, { likes: 20, comments: 3 });
      await counters(a.id, { views: 1 });
      expect(await featured()).toBe("Viewed");
      const tie = await create({ title: "Tie", categoryId: c.id, publishedAt: day(2001, 3) });
      await counters(tie.id, { views: 101 });
      expect(await featured()).toBe("Tie");
      await asAdmin("DELETE", `/v1/posts/${tie.id}`);
      expect(await featured()).toBe("Viewed");

      const popular = await json(await call("GET", "/v1/posts/popular?limit=2"));
      expect(titles(popular)).toEqual(["Viewed", "Liked"]);
      expect(popular[1]).toMatchObject({ likeCount: 20, viewCount: 1, commentCount: 3 });
      expect((await call("GET", "/v1/posts/popular?limit=0")).status).toBe(400);
      // The top post of a category tab.
      expect(titles(await json(await call("GET", `/v1/posts/popular?limit=1&category=${c.slug}`)))).toEqual([
        "Viewed",
      ]);

      // The popular list pages by (score, id) without repeats or gaps.
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const q: string = after ? `&after=${after}` : "";
        const res = await json(await call("GET", `/v1/posts?sort=popular&category=${c.slug}&first=1${q}`));
        seen.push(...titles(res.items));
        after = res.pageInfo.hasNextPage ? res.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(["Viewed", "Liked"]);
      expect((await call("GET", "/v1/posts?sort=random")).status).toBe(400);
    });
  });

  it("answers every front-page part in one call, the same as the routes of each part", async () => {
    const front = await json(
      await call("GET", "/v1/front-page?parts=featured,latest,topCategories,popularPosts,popularTags"),
    );
    expect(front.featured).toEqual((await json(await call("GET", "/v1/posts/featured"))).post);
    const latest = (await json(await call("GET", "/v1/posts?first=6"))).items;
    expect(front.latest).toEqual(latest.map(({ cursor: _c, ...post }: { cursor: string }) => post));
    expect(front.topCategories).toEqual(await json(await call("GET", "/v1/categories/top?limit=5")));
    expect(front.popularPosts).toEqual(await json(await call("GET", "/v1/posts/popular?limit=5")));
    expect(front.popularTags).toEqual(await json(await call("GET", "/v1/tags/popular?limit=10")));

    // Only what was asked for; an unknown or empty part is a 400.
    expect(Object.keys(await json(await call("GET", "/v1/front-page?parts=latest,latest")))).toEqual([
      "latest",
    ]);
    expect((await call("GET", "/v1/front-page?parts=latest,secrets")).status).toBe(400);
    expect((await call("GET", "/v1/front-page?parts=")).status).toBe(400);
    expect((await call("GET", "/v1/front-page")).status).toBe(400);
  });

  it("shows each write on the front page at once, though it keeps the page in memory", async () => {
    const front = async () =>
      json(await call("GET", "/v1/front-page?parts=featured,latest,topCategories,popularPosts,popularTags"));
    const c = await category("Front row");
    const post = await create({ title: "Front runner", categoryId: c.id, tags: ["front-tag"] });
    const before = await front();
    expect(titles(before.popularPosts)).toContain("Front runner");
    expect(await front()).toEqual(before);

    // A consumer's write (counters from analytics), an admin's (a category renamed), a replica's (the author).
    await counters(post.id, { views: 1_000_000 });
    expect((await front()).featured).toMatchObject({ title: "Front runner", viewCount: 1_000_000 });
    expect((await asAdmin("PATCH", `/v1/categories/${c.id}`, { name: "Front row renamed" })).status).toBe(
      200,
    );
    expect((await front()).featured.category.name).toBe("Front row renamed");
    expect((await front()).topCategories.map((t: { name: string }) => t.name)).toContain("Front row renamed");
    await fetch(`${stack.services.auth!.url}/v1/me`, {
      method: "PATCH",
      headers: admin.headers,
      body: JSON.stringify({ name: "Owner on the front page" }),
    });
    await eventually(async () => (await front()).featured.author?.name === "Owner on the front page");

    expect((await asAdmin("DELETE", `/v1/posts/${post.id}`)).status).toBe(204);
    const after = await front();
    expect(titles(after.latest)).not.toContain("Front runner");
    expect(after.featured?.title).not.toBe("Front runner");
  });

  it("keeps the newest counters when the broker delivers every counter event twice, shuffled", async () => {
    const c = await category("Redelivered");
    const post = await create({ title: "Redelivered", categoryId: c.id });
    const events = [
      ...[1, 2, 3, 4].map((n) => viewEvent(post.id, n)),
      ...[1, 2, 3, 4].map((n) => likeEvent(post.id, n, n % 3, n)),
    ];
    const order = [...events, ...events].sort((a, b) => (a.id < b.id ? -1 : 1));
    const bus = await stack.broker.connect();
    await bus.publish(order);
    await eventually(async () => {
      const [row] = await stack.services.blog!.ctx.database.query<{ n: number }>(
        "select count(*)::int as n from inbox where event_id = any($1)",
        [events.map((e) => e.id)],
      );
      return row?.n === events.length;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await countersOf(post.id)).toEqual({ views: 4, likes: 1, comments: 4 });
  });

  describe("categories and tags", () => {
    it("reads one by slug, ranks the top ones by PUBLIC posts, and edits them", async () => {
      const big = await category("Taxonomy big");
      const small = await category("Taxonomy small");
      await create({ title: "T1", categoryId: big.id, tags: ["tax-hot", "tax-cold"] });
      await create({ title: "T2", categoryId: big.id, tags: ["tax-hot"] });
      await create({ title: "T3", categoryId: small.id, tags: ["tax-hot"] });
      await create({ title: "T4", categoryId: small.id, status: "PRIVATE", tags: ["tax-cold"] });
      expect(await json(await call("GET", `/v1/categories/${big.slug}`))).toMatchObject({
        name: "Taxonomy big",
        postCount: 2,
      });
      expect((await call("GET", "/v1/categories/nope")).status).toBe(404);
      const top = await json(await call("GET", "/v1/categories/top?limit=50"));
      expect(top.findIndex((c: { id: string }) => c.id === big.id)).toBeLessThan(
        top.findIndex((c: { id: string }) => c.id === small.id),
      );
      expect(top.find((c: { id: string }) => c.id === small.id).postCount).toBe(1);
      expect((await json(await call("GET", "/v1/tags/tax-hot"))).postCount).toBe(3);
      const popular = await json(await call("GET", "/v1/tags/popular?limit=50"));
      expect(popular.map((t: { slug: string }) => t.slug).indexOf("tax-hot")).toBeLessThan(
        popular.map((t: { slug: string }) => t.slug).indexOf("tax-cold"),
      );

      const renamed = await json(
        await asAdmin("PATCH", `/v1/categories/${small.id}`, { name: "Small", slug: "Small One" }),
      );
      expect(renamed).toEqual({ id: small.id, name: "Small", slug: "small-one" });
      expect((await asAdmin("PATCH", `/v1/categories/${small.id}`, { slug: big.slug })).status).toBe(409);
      expect((await asAdmin("PATCH", "/v1/categories/nope", { name: "x" })).status).toBe(404);
      expect((await asAdmin("PATCH", `/v1/categories/${small.id}`, {})).status).toBe(400);
      // Slugs that name fixed routes are never given out.
      expect((await json(await asAdmin("POST", "/v1/categories", { name: "Top" }))).slug).toBe(
        "top-category",
      );
      expect((await json(await asAdmin("POST", "/v1/tags", { name: "Popular" }))).slug).toBe("popular-tag");
    });

    it("refuses bad category and tag input, writing nothing", async () => {
      const c = await category("Bad input");
      const before = await blogTables(stack);
      for (const kind of ["categories", "tags"]) {
        for (const body of [
          {},
          { name: "" },
          { name: "x".repeat(51) },
          { name: 7 },
          { name: "ok", extra: 1 },
        ]) {
          expect((await asAdmin("POST", `/v1/${kind}`, body)).status).toBe(400);
        }
        expect((await asAdmin("PATCH", `/v1/${kind}/${c.id}`, { slug: "" })).status).toBe(400);
        expect((await asAdmin("PATCH", `/v1/${kind}/${c.id}`, { name: "ok", color: "red" })).status).toBe(
          400,
        );
        expect((await asAdmin("DELETE", `/v1/${kind}/no-such-id`)).status).toBe(404);
      }
      expect((await asAdmin("POST", "/v1/categories", { name: "Bad input" })).status).toBe(409);
      expect(await blogTables(stack)).toEqual(before);
    });

    it("refuses to delete a category or tag still in use, drafts included, with a clear message", async () => {
      const used = await category("Still used");
      const draftOnly = await category("Draft only");
      await create({ title: "User of things", categoryId: used.id, tags: ["in-use"] });
      await asAdmin("PUT", "/v1/drafts/draft-taxonomy-01", { title: "D", categoryId: draftOnly.id });
      const tag = await json(await call("GET", "/v1/tags/in-use"));
      const before = await blogTables(stack);
      for (const path of [
        `/v1/categories/${used.id}`,
        `/v1/categories/${draftOnly.id}`,
        `/v1/tags/${tag.id}`,
      ]) {
        const res = await asAdmin("DELETE", path);
        expect(res.status).toBe(409);
        expect((await json(res)).error.message).toMatch(/still used by 1 post/);
      }
      expect(await blogTables(stack)).toEqual(before);
      const unused = await category("Unused");
      const unusedTag = await json(await asAdmin("POST", "/v1/tags", { name: "unused-tag" }));
      expect((await asAdmin("DELETE", `/v1/categories/${unused.id}`)).status).toBe(204);
      expect((await asAdmin("DELETE", `/v1/tags/${unusedTag.id}`)).status).toBe(204);
      expect((await asAdmin("DELETE", `/v1/tags/${unusedTag.id}`)).status).toBe(404);
    });
  });

  describe("search", () => {
    let c: { id: string };
    beforeAll(async () => {
      c = await category("Search");
      await create({
        title: "마이크로서비스로 블로그 나누기",
        categoryId: c.id,
        contentHtml: "<p>모놀리스를 여러 서비스로 분리하는 과정을 기록합니다. 100% 완료.</p>",
        publishedAt: day(2002, 2),
      });
      await create({
        title: "서비스 분리의 기술",
        categoryId: c.id,
        contentHtml: "<p>경계를 먼저 찾습니다.</p>",
        publishedAt: day(2002, 1),
      });
      await create({
        title: "<b>Tom & Jerry</b>",
        categoryId: c.id,
        contentHtml: "<p>A cat &amp; a mouse: tom chases jerry.</p>",
        publishedAt: day(2002, 3),
      });
      await create({ title: "분리 비공개", categoryId: c.id, status: "PRIVATE" });
      await create({ title: "분리 초안", categoryId: c.id, status: "DRAFT" });
    });
    const search = async (q: string, extra = "") =>
      json(await call("GET", `/v1/search?q=${encodeURIComponent(q)}${extra}`));

    it("finds Korean words inside titles and in text followed by particles, title matches first", async () => {
      const res = await search("분리");
      expect(titles(res.items)).toEqual(["서비스 분리의 기술", "마이크로서비스로 블로그 나누기"]);
      expect(res.items[0].titleHighlighted).toBe("서비스 <mark>분리</mark>의 기술");
      expect(res.items[1].titleHighlighted).toBe("마이크로서비스로 블로그 나누기");
      expect(res.items[1].snippet).toContain("서비스로 <mark>분리</mark>하는 과정");
      expect(titles((await search("블로그 나누기")).items)).toEqual(["마이크로서비스로 블로그 나누기"]);
    });

    it("escapes everything but the <mark> tags, and treats LIKE wildcards literally", async () => {
      const res = await search("TOM");
      expect(res.items[0].titleHighlighted).toBe("&lt;b&gt;<mark>Tom</mark> &amp; Jerry&lt;/b&gt;");
      expect(res.items[0].snippet).toBe("A cat &amp; a mouse: <mark>tom</mark> chases jerry.");
      expect((await search("<img src=x onerror=alert(1)>")).items).toEqual([]);
      const amp = await search("&");
      expect(amp.items[0].titleHighlighted).toBe("&lt;b&gt;Tom <mark>&amp;</mark> Jerry&lt;/b&gt;");
      expect(titles((await search("100%")).items)).toEqual(["마이크로서비스로 블로그 나누기"]);
      expect((await search("_")).items).toEqual([]);
    });

    it("pages the results and refuses an empty or over-long query", async () => {
      const first = await search("서비스", "&first=1");
      expect(first.items).toHaveLength(1);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = await search("서비스", `&first=5&after=${first.pageInfo.endCursor}`);
      expect([...titles(first.items), ...titles(second.items)].sort()).toEqual(
        ["마이크로서비스로 블로그 나누기", "서비스 분리의 기술"].sort(),
      );
      expect((await call("GET", "/v1/search?q=")).status).toBe(400);
      expect((await call("GET", `/v1/search?q=${"x".repeat(101)}`)).status).toBe(400);
    });
  });

  describe("feeds and internal reads", () => {
    it("lists every PUBLIC post, category and tag in the sitemap with absolute URLs", async () => {
      const c = await category("Feeds & more");
      const pub = await create({ title: "Sitemap 공개", categoryId: c.id, tags: ["feed-tag"] });
      const priv = await create({ title: "Sitemap private", categoryId: c.id, status: "PRIVATE" });
      const res = await call("GET", "/sitemap.xml");
      expect(res.headers.get("content-type")).toMatch(/^application\/xml/);
      const xml = await res.text();
      expect(xml).toContain("<loc>https://blog.example/</loc>");
      expect(xml).toMatch(
        new RegExp(`<loc>https://blog.example/posts/${encodeURIComponent(pub.slug)}</loc><lastmod>\\d{4}-`),
      );
      expect(xml).not.toContain(encodeURIComponent(priv.slug));
      expect(xml).toContain(`<loc>https://blog.example/categories/${c.slug}</loc>`);
      expect(xml).toContain("<loc>https://blog.example/tags/feed-tag</loc>");
    });

    it("serves RSS 2.0 of the 20 newest PUBLIC posts, escaped", async () => {
      const c = await category("RSS");
      await create({
        title: 'Quotes "&" <angles>',
        categoryId: c.id,
        excerpt: "a < b && c > d",
        publishedAt: day(2030, 1),
      });
      await create({ title: "RSS private", categoryId: c.id, status: "PRIVATE", publishedAt: day(2030, 2) });
      let publicCount = (await json(await call("GET", "/v1/posts?first=100"))).items.length;
      for (; publicCount <= 21; publicCount++)
        await create({ title: "Filler", categoryId: c.id, publishedAt: day(1999, 1) });
      const res = await call("GET", "/rss.xml");
      expect(res.headers.get("content-type")).toMatch(/^application\/rss\+xml/);
      const xml = await res.text();
      expect(xml).toContain('<rss version="2.0"');
      expect(xml).toContain("<title>Quotes &quot;&amp;&quot; &lt;angles&gt;</title>");
      expect(xml).toContain("<description>a &lt; b &amp;&amp; c &gt; d</description>");
      expect(xml).not.toContain("<angles>");
      expect(xml).not.toContain("RSS private");
      const items = xml.match(/<item>/g) ?? [];
      expect(items).toHaveLength(20);
      expect(xml.indexOf("Quotes")).toBeLessThan(xml.indexOf("</item>"));
    });

    it("points robots to the sitemap and keeps them out of /admin", async () => {
      const text = await (await call("GET", "/robots.txt")).text();
      expect(text).toContain("Disallow: /admin");
      expect(text).toContain("Sitemap: https://blog.example/sitemap.xml");
    });

    it("reports every image any post references, drafts included, and a versioned snapshot", async () => {
      const c = await category("Images");
      const post = await create({
        title: "Pictures",
        categoryId: c.id,
        coverUrl: "https://img.example/cover.webp",
        contentHtml: '<p><img src="https://img.example/a.webp?x=1&amp;y=2"></p>',
      });
      await asAdmin("PUT", "/v1/drafts/draft-images-01", {
        contentHtml: '<img src="https://img.example/draft.webp">',
      });
      const internal = { "x-service-token": stack.serviceToken };
      const { urls } = await json(await call("GET", "/internal/images/referenced", undefined, internal));
      expect(urls).toEqual(
        expect.arrayContaining([
          "https://img.example/cover.webp",
          "https://img.example/a.webp?x=1&y=2",
          "https://img.example/draft.webp",
        ]),
      );
      const snapshot = await json(await call("GET", "/internal/posts/snapshot", undefined, internal));
      expect(snapshot.posts.find((p: { id: string }) => p.id === post.id)).toMatchObject({
        slug: post.slug,
        status: "PUBLIC",
        version: 1,
        categoryId: c.id,
      });
      expect(snapshot.posts.find((p: { id: string }) => p.id === "draft-images-01")).toMatchObject({
        status: "DRAFT",
      });
    });
  });
});
