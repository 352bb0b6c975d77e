import { createTestUser, eventually, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { blogService } from "../../../blog/src/service";
import { analyticsService } from "../service";

type PostRow = { id: string; status: string; deleted: boolean; version: number };

describe("rebuilding analytics' post replica from blog's snapshot", () => {
  let stack: TestStack;

  const replica = () =>
    stack.services.analytics!.ctx.database.query<PostRow>(
      "select id, status, deleted, version from posts order by id",
    );
  const blogTruth = async () => {
    const blog = stack.services.blog!.ctx.database;
    return blog.query<PostRow>(
      `select id, status, false as deleted, version from posts
       union all select id, 'DRAFT' as status, true as deleted, version from deleted_posts order by id`,
    );
  };

  beforeAll(async () => {
    stack = await startTestStack([authService(), blogService(), analyticsService()]);
    const blog = stack.services.blog!.url;
    const admin = await createTestUser(stack, "ADMIN", "Editor");
    const category = await json(
      await fetch(`${blog}/v1/categories`, {
        method: "POST",
        headers: admin.headers,
        body: JSON.stringify({ name: "Numbers" }),
      }),
    );
    const ids: string[] = [];
    for (const status of ["PUBLIC", "PRIVATE", "PUBLIC"]) {
      const res = await fetch(`${blog}/v1/posts`, {
        method: "POST",
        headers: admin.headers,
        body: JSON.stringify({ title: status, status, contentHtml: "<p>Body</p>", categoryId: category.id }),
      });
      expect(res.status).toBe(201);
      ids.push((await json(res)).id);
    }
    const deleted = await fetch(`${blog}/v1/posts/${ids[2]}`, {
      method: "DELETE",
      headers: { authorization: admin.headers.authorization! },
    });
    expect(deleted.status).toBeLessThan(300);
    await eventually(async () => (await replica()).some((p) => p.deleted));
  });
  afterAll(async () => stack?.close());

  it("rebuilds an emptied post replica equal to blog's posts and tombstones", async () => {
    const truth = await blogTruth();
    expect(truth.filter((p) => p.deleted)).toHaveLength(1);
    await stack.services.analytics!.ctx.database.exec("delete from posts");

    const res = await fetch(`${stack.services.analytics!.url}/internal/replicas/posts/rebuild`, {
      method: "POST",
      headers: { "x-service-token": stack.serviceToken },
    });
    expect(await json(res)).toEqual({ replica: "posts", applied: 3 });
    expect(await replica()).toEqual(truth);
  });
});
