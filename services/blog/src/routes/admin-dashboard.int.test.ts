import { createTestUser, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { blogService } from "../service";
import { client, json } from "../test-support/client";

type User = Awaited<ReturnType<typeof createTestUser>>;

describe("GET /v1/admin/dashboard: the blog's part of the admin dashboard", () => {
  let stack: TestStack;
  let call: ReturnType<typeof client>;
  let admin: User;
  let user: User;

  beforeAll(async () => {
    stack = await startTestStack([authService(), blogService()]);
    call = client(stack.services.blog!.url);
    admin = await createTestUser(stack, "ADMIN", "Editor");
    user = await createTestUser(stack, "USER", "Reader");
    const categoryId = (await json(await call("POST", "/v1/categories", { name: "Ops" }, admin.headers))).id;
    const create = async (title: string, status: string, publishedAt: string) =>
      expect(
        (
          await call(
            "POST",
            "/v1/posts",
            { title, categoryId, contentHtml: "<p>Body</p>", status, publishedAt },
            admin.headers,
          )
        ).status,
      ).toBe(201);
    await create("Oldest public", "PUBLIC", "2024-01-01T00:00:00Z");
    await create("Private one", "PRIVATE", "2024-02-01T00:00:00Z");
    await create("Newest public", "PUBLIC", "2024-03-01T00:00:00Z");
    for (const id of ["draft-aaaaaaaa", "draft-bbbbbbbb"]) {
      expect((await call("PUT", `/v1/drafts/${id}`, { title: id }, admin.headers)).status).toBe(201);
    }
    // The first draft changes last, so it leads the drafts.
    expect((await call("PUT", "/v1/drafts/draft-aaaaaaaa", { title: "Edited" }, admin.headers)).status).toBe(
      200,
    );
  });
  afterAll(async () => stack?.close());

  it("answers popular PUBLIC posts, recent published posts and recently changed drafts", async () => {
    const res = await call("GET", "/v1/admin/dashboard?limit=5", undefined, admin.headers);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.popularPosts.map((p: { title: string }) => p.title).sort()).toEqual([
      "Newest public",
      "Oldest public",
    ]);
    expect(body.recentPosts.map((p: { title: string }) => p.title)).toEqual([
      "Newest public",
      "Private one",
      "Oldest public",
    ]);
    expect(body.recentDrafts.map((p: { title: string }) => p.title)).toEqual(["Edited", "draft-bbbbbbbb"]);
    expect(body.recentDrafts[0].status).toBe("DRAFT");
    expect(typeof body.recentDrafts[0].updatedAt).toBe("string");
  });

  it("limits each list", async () => {
    const body = await json(await call("GET", "/v1/admin/dashboard?limit=1", undefined, admin.headers));
    expect([body.popularPosts.length, body.recentPosts.length, body.recentDrafts.length]).toEqual([1, 1, 1]);
    expect((await call("GET", "/v1/admin/dashboard?limit=0", undefined, admin.headers)).status).toBe(400);
    expect((await call("GET", "/v1/admin/dashboard?limit=abc", undefined, admin.headers)).status).toBe(400);
  });

  it("is for admins only, whatever identity headers claim", async () => {
    expect((await call("GET", "/v1/admin/dashboard")).status).toBe(401);
    expect((await call("GET", "/v1/admin/dashboard", undefined, user.headers)).status).toBe(403);
    const forged = { "x-user-id": admin.id, "x-user-role": "ADMIN" };
    expect((await call("GET", "/v1/admin/dashboard", undefined, forged)).status).toBe(401);
    expect((await call("GET", "/v1/admin/dashboard", undefined, { ...user.headers, ...forged })).status).toBe(
      403,
    );
  });
});
