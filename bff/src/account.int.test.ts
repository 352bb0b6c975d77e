import { createTestUser, eventually, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyticsService } from "../../services/analytics/src/service";
import { authService } from "../../services/auth/src/service";
import { blogService } from "../../services/blog/src/service";
import { contentService } from "../../services/content/src/service";
import { type BffServer, startBff } from "./server";

describe("BFF fields of the user screens", () => {
  let stack: TestStack;
  let bff: BffServer;
  let reader: Awaited<ReturnType<typeof createTestUser>>;
  let other: Awaited<ReturnType<typeof createTestUser>>;
  const postIds: string[] = [];

  const call = (query: string, variables: Record<string, unknown> = {}, token?: string, cookie?: string) =>
    fetch(`${bff.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) =>
    json(await call(query, variables, token));
  const code = (body: { errors?: Array<{ extensions: { code: string } }> }) =>
    body.errors?.[0]?.extensions.code;

  beforeAll(async () => {
    stack = await startTestStack([authService(), blogService(), contentService(), analyticsService()]);
    bff = await startBff({ env: stack.env, port: 0 });
    const admin = await createTestUser(stack, "ADMIN", "Owner");
    reader = await createTestUser(stack, "USER", "Reader");
    other = await createTestUser(stack, "USER", "Other");
    const category = await json(
      await fetch(`${stack.services.blog!.url}/v1/categories`, {
        method: "POST",
        headers: admin.headers,
        body: JSON.stringify({ name: "Notes" }),
      }),
    );
    for (const title of ["First post", "Second post"]) {
      const post = await json(
        await fetch(`${stack.services.blog!.url}/v1/posts`, {
          method: "POST",
          headers: admin.headers,
          body: JSON.stringify({ title, contentHtml: "<p>Body</p>", categoryId: category.id }),
        }),
      );
      postIds.push(post.id);
    }
    // Content learns about the posts from blog's events.
    await eventually(async () => {
      const r = await gql(
        "mutation($p: ID!) { toggleLike(postId: $p) { liked } }",
        { p: postIds[1] },
        other.token,
      );
      return r.errors === undefined;
    }, 30_000);
  });
  afterAll(async () => {
    await bff?.close();
    await stack?.close();
  });

  it("lists and removes the viewer's bookmarks; anonymous callers must sign in", async () => {
    for (const p of postIds) {
      const r = await gql(
        "mutation($p: ID!) { toggleBookmark(postId: $p) { bookmarked } }",
        { p },
        reader.token,
      );
      expect(r.data.toggleBookmark.bookmarked).toBe(true);
    }
    const list = `query($after: String) { myBookmarks(first: 1, after: $after) {
      edges { cursor node { bookmarkedAt post { id slug title } } } pageInfo { hasNextPage endCursor } } }`;
    const first = await gql(list, {}, reader.token);
    expect(first.data.myBookmarks.edges).toHaveLength(1);
    expect(first.data.myBookmarks.edges[0].node.post).toEqual({
      id: postIds[1],
      slug: "second-post",
      title: "Second post",
    });
    expect(first.data.myBookmarks.pageInfo.hasNextPage).toBe(true);
    const second = await gql(list, { after: first.data.myBookmarks.pageInfo.endCursor }, reader.token);
    expect(
      second.data.myBookmarks.edges.map((e: { node: { post: { id: string } } }) => e.node.post.id),
    ).toEqual([postIds[0]]);
    expect(second.data.myBookmarks.pageInfo.hasNextPage).toBe(false);
    expect(
      (await gql("{ myBookmarks { edges { cursor } } }", {}, other.token)).data.myBookmarks.edges,
    ).toEqual([]);

    const remove = "mutation($ids: [ID!]!) { removeBookmarks(postIds: $ids) }";
    expect(code(await gql(remove, { ids: postIds }))).toBe("UNAUTHENTICATED");
    expect((await gql(remove, { ids: postIds }, other.token)).data.removeBookmarks).toBe(0);
    expect((await gql(remove, { ids: [postIds[0]] }, reader.token)).data.removeBookmarks).toBe(1);
    const left = await gql("{ myBookmarks { edges { node { post { id } } } } }", {}, reader.token);
    expect(left.data.myBookmarks.edges).toEqual([{ node: { post: { id: postIds[1] } } }]);
    expect(code(await gql(remove, { ids: [] }, reader.token))).toBe("BAD_USER_INPUT");
    expect(code(await gql("{ myBookmarks { edges { cursor } } }"))).toBe("UNAUTHENTICATED");
  });

  it("lists the viewer's own comments with their posts", async () => {
    const add = "mutation($p: ID!, $c: String!) { addComment(postId: $p, input: { content: $c }) { id } }";
    const mine = await gql(add, { p: postIds[0], c: "Mine" }, reader.token);
    await gql(add, { p: postIds[0], c: "Not mine" }, other.token);
    const r = await gql(
      "{ myComments { edges { cursor node { id content createdAt post { slug title } } } pageInfo { hasNextPage } } }",
      {},
      reader.token,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.myComments.edges).toHaveLength(1);
    expect(r.data.myComments.edges[0].node).toMatchObject({
      id: mine.data.addComment.id,
      content: "Mine",
      post: { slug: "first-post", title: "First post" },
    });
    expect(code(await gql("{ myComments { edges { cursor } } }"))).toBe("UNAUTHENTICATED");
  });

  it("updates the avatar and social links of the profile", async () => {
    const update = `mutation($input: ProfileInput!) { updateProfile(input: $input) {
      avatarUrl socialLinks { website github twitter linkedin } } }`;
    const r = await gql(
      update,
      {
        input: {
          avatarUrl: "https://example.com/a.png",
          socialLinks: { github: "https://github.com/r", twitter: null },
        },
      },
      reader.token,
    );
    expect(r.data.updateProfile).toEqual({
      avatarUrl: "https://example.com/a.png",
      socialLinks: { website: null, github: "https://github.com/r", twitter: null, linkedin: null },
    });
    const me = await gql("{ me { socialLinks { github } } }", {}, reader.token);
    expect(me.data.me.socialLinks.github).toBe("https://github.com/r");
    expect(code(await gql(update, { input: { avatarUrl: "javascript:alert(1)" } }, reader.token))).toBe(
      "BAD_USER_INPUT",
    );
    expect(code(await gql(update, { input: { avatarUrl: null } }))).toBe("UNAUTHENTICATED");
  });

  it("changes the password and sets the new refresh cookie", async () => {
    const signup = await call(
      'mutation { register(email: "pw@example.com", password: "Secret-Pass1") { accessToken } }',
    );
    const { accessToken } = (await json(signup)).data.register;
    const oldCookie = (signup.headers.get("set-cookie") ?? "").split(";")[0]!;
    const change =
      "mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { accessToken user { email } } }";
    expect(code(await gql(change, { c: "Secret-Pass1", n: "Other-Pass2" }))).toBe("UNAUTHENTICATED");
    expect(code(await gql(change, { c: "Wrong-Pass1", n: "Other-Pass2" }, accessToken))).toBe("FORBIDDEN");
    expect(code(await gql(change, { c: "Secret-Pass1", n: "weak" }, accessToken))).toBe("BAD_USER_INPUT");
    const changed = await call(change, { c: "Secret-Pass1", n: "Other-Pass2" }, accessToken);
    const setCookie = changed.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^quire_refresh=[^;]+; Path=\/graphql; HttpOnly; SameSite=Strict/);
    expect((await json(changed)).data.changePassword.user.email).toBe("pw@example.com");
    const newCookie = setCookie.split(";")[0]!;
    expect(newCookie).not.toBe(oldCookie);
    const refresh = "mutation { refreshSession { user { email } } }";
    expect(code(await json(await call(refresh, {}, undefined, oldCookie)))).toBe("UNAUTHENTICATED");
    expect((await json(await call(refresh, {}, undefined, newCookie))).data.refreshSession.user.email).toBe(
      "pw@example.com",
    );
    const login = await gql(
      'mutation { login(email: "pw@example.com", password: "Other-Pass2") { accessToken } }',
    );
    expect(login.errors).toBeUndefined();
  });

  it("tells whether OpenID Connect sign-in is offered, and refuses a code when it is not", async () => {
    expect((await gql("{ oidcConfig { enabled name } }")).data.oidcConfig).toEqual({
      enabled: false,
      name: null,
    });
    const r = await call('mutation { completeOidcSignIn(code: "abc") { accessToken } }');
    const body = await json(r);
    expect(code(body)).toBe("NOT_FOUND");
    expect(r.headers.get("set-cookie")).toBeNull();
  });

  it("lists bug reports and shows the details to the reporter only", async () => {
    const create = `mutation($t: String!) { createBugReport(input: {
      title: $t, category: "UI", description: "Broken", email: "me@example.com" }) { id } }`;
    const a = await gql(create, { t: "Button broken" }, reader.token);
    await gql(create, { t: "Other thing" });
    const list = await gql(
      "{ bugReports(first: 1, status: OPEN) { edges { cursor node { id title status } } pageInfo { hasNextPage endCursor } } }",
    );
    expect(list.data.bugReports.edges[0].node).toMatchObject({ title: "Other thing", status: "OPEN" });
    expect(list.data.bugReports.pageInfo.hasNextPage).toBe(true);
    const next = await gql("query($a: String) { bugReports(after: $a) { edges { node { id } } } }", {
      a: list.data.bugReports.pageInfo.endCursor,
    });
    expect(next.data.bugReports.edges).toEqual([{ node: { id: a.data.createBugReport.id } }]);
    expect((await gql("{ bugReports(status: CLOSED) { edges { cursor } } }")).data.bugReports.edges).toEqual(
      [],
    );
    const detail = "query($id: ID!) { bugReport(id: $id) { title description email } }";
    const own = await gql(detail, { id: a.data.createBugReport.id }, reader.token);
    expect(own.data.bugReport).toEqual({
      title: "Button broken",
      description: "Broken",
      email: "me@example.com",
    });
    const anon = await gql(detail, { id: a.data.createBugReport.id });
    expect(anon.data.bugReport).toEqual({ title: "Button broken", description: null, email: null });
    expect((await gql(detail, { id: "no-such-report" })).data.bugReport).toBeNull();
  });
});
