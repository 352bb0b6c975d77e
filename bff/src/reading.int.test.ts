import { createTestUser, eventually, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyticsService } from "../../services/analytics/src/service";
import { authService } from "../../services/auth/src/service";
import { blogService } from "../../services/blog/src/service";
import { contentService } from "../../services/content/src/service";
import { pageService } from "../../services/page/src/service";
import { type BffServer, startBff } from "./server";
import { postGraphQL } from "./test-support";

describe("BFF reader screens over every service", () => {
  let stack: TestStack;
  let bff: BffServer;
  let reader: Awaited<ReturnType<typeof createTestUser>>;
  let postId: string;
  const slug = "마이크로서비스로-블로그-나누기";

  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const res = await postGraphQL(bff.url, query, variables, token);
    expect(res.status).toBe(200);
    return json(res);
  };

  beforeAll(async () => {
    stack = await startTestStack([
      authService(),
      blogService(),
      contentService(),
      pageService(),
      analyticsService(),
    ]);
    bff = await startBff({ env: stack.env, port: 0 });
    const admin = await createTestUser(stack, "ADMIN", "Owner");
    reader = await createTestUser(stack, "USER", "Reader");
    const { blog, page } = stack.services;
    const category = await json(
      await fetch(`${blog!.url}/v1/categories`, {
        method: "POST",
        headers: admin.headers,
        body: JSON.stringify({ name: "Architecture" }),
      }),
    );
    for (const title of ["Event sourcing notes", "마이크로서비스로 블로그 나누기"]) {
      const post = await json(
        await fetch(`${blog!.url}/v1/posts`, {
          method: "POST",
          headers: admin.headers,
          body: JSON.stringify({
            title,
            contentHtml: "<p>서비스를 분리합니다</p>",
            categoryId: category.id,
            tags: ["events"],
          }),
        }),
      );
      postId = post.id;
    }
    await fetch(`${page!.url}/v1/notices`, {
      method: "POST",
      headers: admin.headers,
      body: JSON.stringify({
        title: "Welcome",
        contentHtml: "<p>Hi</p>",
        badge: "New",
        color: "#1e90ff",
        pinned: true,
        status: "PUBLISHED",
      }),
    });
    // The other services learn about the posts from blog's events.
    await eventually(async () => {
      const r = await gql(`{ post(slug: "${slug}") { comments { totalCount } } }`);
      return r.errors === undefined && r.data.post.comments.totalCount === 0;
    });
  });
  afterAll(async () => {
    await bff?.close();
    await stack?.close();
  });

  it("answers the home page and the sidebar in one query each", async () => {
    const home = await gql(
      "{ homePage { featured { slug } latest { slug author { name } } topCategories { slug postCount } popupNotices { title badge } } }",
    );
    expect(home.errors).toBeUndefined();
    expect(home.data.homePage.latest.map((p: { slug: string }) => p.slug)).toContain(slug);
    expect(home.data.homePage.latest[0].author.name).toBe("Owner");
    expect(home.data.homePage.topCategories).toEqual([{ slug: "architecture", postCount: 2 }]);
    expect(home.data.homePage.popupNotices).toEqual([{ title: "Welcome", badge: "New" }]);
    const side = await gql(
      "{ sidebar { popularPosts { slug } popularTags { slug } recentComments { id } visitors { today total } } }",
    );
    expect(side.errors).toBeUndefined();
    expect(side.data.sidebar.popularTags).toEqual([{ slug: "events" }]);
  });

  it("runs the guest comment flow, likes, bookmarks and views through one API", async () => {
    const added = await gql(
      'mutation($p: ID!) { addComment(postId: $p, input: { content: "Great read", guestName: "Guest", guestPassword: "pass1" }) { id author { name guest } } }',
      { p: postId },
    );
    expect(added.data.addComment.author).toEqual({ name: "Guest", guest: true });
    const id = added.data.addComment.id;
    const wrong = await gql(
      'mutation($id: ID!) { editComment(id: $id, content: "x", guestPassword: "nope1") { id } }',
      { id },
    );
    expect(wrong.errors[0].extensions.code).toBe("FORBIDDEN");
    const edited = await gql(
      'mutation($id: ID!) { editComment(id: $id, content: "Great read!", guestPassword: "pass1") { content edited } }',
      { id },
    );
    expect(edited.data.editComment).toEqual({ content: "Great read!", edited: true });
    const liked = await gql(
      "mutation($p: ID!) { toggleLike(postId: $p) { liked likeCount } }",
      { p: postId },
      reader.token,
    );
    expect(liked.data.toggleLike).toEqual({ liked: true, likeCount: 1 });
    const anonBookmark = await gql("mutation($p: ID!) { toggleBookmark(postId: $p) { bookmarked } }", {
      p: postId,
    });
    expect(anonBookmark.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const bookmarked = await gql(
      "mutation($p: ID!) { toggleBookmark(postId: $p) { bookmarked } }",
      { p: postId },
      reader.token,
    );
    expect(bookmarked.data.toggleBookmark.bookmarked).toBe(true);
    const view = await gql(
      "mutation($p: ID!) { recordView(postId: $p) { counted viewCount } }",
      { p: postId },
      reader.token,
    );
    expect(view.data.recordView).toEqual({ counted: true, viewCount: 1 });

    const page = await eventually(async () => {
      const r = await gql(
        `{ post(slug: "${slug}") { title likeCount viewCount commentCount viewerHasLiked viewerHasBookmarked previous { slug } next { slug } related { slug } comments { totalCount edges { node { content author { name } } } } } }`,
        {},
        reader.token,
      );
      const p = r.data.post;
      return p.likeCount === 1 && p.viewCount === 1 && p.commentCount === 1 ? p : undefined;
    });
    expect(page).toMatchObject({
      viewerHasLiked: true,
      viewerHasBookmarked: true,
      previous: { slug: "event-sourcing-notes" },
      next: null,
    });
    expect(page.related.map((r: { slug: string }) => r.slug)).toEqual(["event-sourcing-notes"]);
    expect(page.comments.edges[0].node).toEqual({ content: "Great read!", author: { name: "Guest" } });
    const deleted = await gql('mutation($id: ID!) { deleteComment(id: $id, guestPassword: "pass1") }', {
      id,
    });
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data.deleteComment).toBe(true);
  });

  it("searches Korean words, lists notices and serves static pages", async () => {
    const found = await gql('{ search(query: "분리") { edges { node { slug } titleHighlighted snippet } } }');
    expect(found.data.search.edges.map((e: { node: { slug: string } }) => e.node.slug)).toContain(slug);
    expect(found.data.search.edges[0].snippet).toContain("<mark>분리</mark>");
    const notices = await gql("{ notices { edges { node { slug title } } } }");
    expect(notices.data.notices.edges[0].node.title).toBe("Welcome");
    const intro = await gql('{ page(slug: "introduce") { title sections { heading } } }');
    expect(intro.data.page.title).toBeTruthy();
    expect((await gql('{ page(slug: "nope") { title } }')).data.page).toBeNull();
    expect((await gql('{ notice(slug: "nope") { title } }')).data.notice).toBeNull();
  });

  it("still renders a post with content stopped: no comments, an UNAVAILABLE error, HTTP 200", async () => {
    await stack.services.content!.close();
    const r = await gql(
      `{ post(slug: "${slug}") { title author { name } comments { totalCount } viewerHasLiked } }`,
    );
    expect(r.data.post.title).toBe("마이크로서비스로 블로그 나누기");
    expect(r.data.post.author.name).toBe("Owner");
    expect(r.data.post.comments).toBeNull();
    expect(r.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toContain("UNAVAILABLE");
    const home = await gql(
      "{ homePage { latest { slug } } sidebar { recentComments { id } visitors { total } } }",
    );
    expect(home.data.homePage.latest.length).toBe(2);
    expect(home.data.sidebar.recentComments).toBeNull();
    expect(home.data.sidebar.visitors).not.toBeNull();
  });
});
