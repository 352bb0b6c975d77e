import { createTestUser, eventually, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../services/auth/src/service";
import { blogService } from "../../services/blog/src/service";
import { type BffServer, startBff } from "./server";
import { postGraphQL } from "./test-support";

describe("BFF over auth and blog", () => {
  let stack: TestStack;
  let bff: BffServer;
  let admin: Awaited<ReturnType<typeof createTestUser>>;
  let slug: string;

  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) =>
    json(await postGraphQL(bff.url, query, variables, token));

  beforeAll(async () => {
    stack = await startTestStack([authService(), blogService()]);
    bff = await startBff({ env: stack.env, port: 0 });
    admin = await createTestUser(stack, "ADMIN", "Original Name");
    const blog = stack.services.blog!.url;
    const category = await json(
      await fetch(`${blog}/v1/categories`, {
        method: "POST",
        headers: admin.headers,
        body: JSON.stringify({ name: "News" }),
      }),
    );
    for (let i = 0; i < 6; i++) {
      const post = await json(
        await fetch(`${blog}/v1/posts`, {
          method: "POST",
          headers: admin.headers,
          body: JSON.stringify({
            title: `Post ${i}`,
            contentHtml: `<p>Body ${i}</p>`,
            categoryId: category.id,
          }),
        }),
      );
      slug = post.slug;
    }
  });
  afterAll(async () => {
    await bff?.close();
    await stack?.close();
  });

  it("lists posts with their authors' names, paged by cursor", async () => {
    const first = await gql(
      "{ posts(first: 5) { edges { cursor node { id slug title author { id name avatarUrl } } } pageInfo { hasNextPage endCursor } } }",
    );
    expect(first.errors).toBeUndefined();
    expect(first.data.posts.edges).toHaveLength(5);
    await eventually(async () => {
      const r = await gql("{ posts(first: 5) { edges { node { author { name } } } } }");
      return r.data.posts.edges.every(
        (e: { node: { author: { name: string } | null } }) => e.node.author?.name === "Original Name",
      );
    });
    const next = await gql(
      "query($after: String) { posts(first: 5, after: $after) { edges { node { slug } } pageInfo { hasNextPage } } }",
      {
        after: first.data.posts.pageInfo.endCursor,
      },
    );
    expect(next.data.posts.edges).toHaveLength(1);
    expect(next.data.posts.pageInfo.hasNextPage).toBe(false);
  });

  it("signs in, answers me, and shows a renamed author on posts within 2 s", async () => {
    const me = await gql("{ me { id name role } }", {}, admin.token);
    expect(me.data.me).toMatchObject({ id: admin.id, role: "ADMIN" });
    const renamed = await gql('mutation { updateProfile(input: { name: "X" }) { name } }', {}, admin.token);
    expect(renamed.data.updateProfile.name).toBe("X");
    const started = Date.now();
    await eventually(
      async () => (await gql(`{ post(slug: "${slug}") { author { name } } }`)).data.post.author.name === "X",
      2_000,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("answers with coded errors: bad input, wrong password, missing sign-in, unknown post", async () => {
    const weak = await gql('mutation { register(email: "a@example.com", password: "weak") { accessToken } }');
    expect(weak.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    const wrong = await gql(
      'mutation { login(email: "nobody@example.com", password: "Nope-Nope1") { accessToken } }',
    );
    expect(wrong.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const anon = await gql('mutation { updateProfile(input: { name: "Y" }) { name } }');
    expect(anon.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const forged = await fetch(`${bff.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-user-id": admin.id, "x-user-role": "ADMIN" },
      body: JSON.stringify({ query: "{ me { id } }" }),
    });
    expect((await json(forged)).data.me).toBeNull();
    expect((await gql('{ post(slug: "no-such-post") { id } }')).data.post).toBeNull();
  });

  it("keeps the refresh token in an httpOnly cookie, rotates it on refresh, and clears it on logout", async () => {
    const call = (query: string, cookie?: string) =>
      fetch(`${bff.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ query }),
      });
    const signup = await call(
      'mutation { register(email: "cookie@example.com", password: "Secret-Pass1") { accessToken } }',
    );
    const setCookie = signup.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^quire_refresh=[^;]+; Path=\/graphql; HttpOnly; SameSite=Strict/);
    expect(JSON.stringify(await json(signup))).not.toContain(setCookie.split(";")[0]!.split("=")[1]);
    const cookie = setCookie.split(";")[0]!;
    const refreshed = await call("mutation { refreshSession { accessToken user { email } } }", cookie);
    const body = await json(refreshed);
    expect(body.data.refreshSession.user.email).toBe("cookie@example.com");
    const rotated = (refreshed.headers.get("set-cookie") ?? "").split(";")[0]!;
    expect(rotated).not.toBe(cookie);
    const logout = await call("mutation { logout }", rotated);
    expect(logout.headers.get("set-cookie")).toContain("Max-Age=0");
    const after = await json(await call("mutation { refreshSession { accessToken } }", rotated));
    expect(after.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const none = await json(await call("mutation { refreshSession { accessToken } }"));
    expect(none.errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("still shows every author's name with auth stopped, from the blog's replica", async () => {
    await stack.services.auth!.close();
    const r = await gql("{ posts(first: 10) { edges { node { author { name } } } } }");
    expect(r.errors).toBeUndefined();
    expect(r.data.posts.edges.length).toBe(6);
    for (const e of r.data.posts.edges) expect(e.node.author.name).toBe("X");
    const login = await gql(
      'mutation { login(email: "a@example.com", password: "Whatever-1") { accessToken } }',
    );
    expect(login.errors[0].extensions.code).toBe("UNAVAILABLE");
  });
});
