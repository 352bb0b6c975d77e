import { createTestUser, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { blogService } from "../service";

describe("category and tag events", () => {
  let stack: TestStack;
  let admin: Awaited<ReturnType<typeof createTestUser>>;
  beforeAll(async () => {
    stack = await startTestStack([authService(), blogService()]);
    admin = await createTestUser(stack, "ADMIN");
  });
  afterAll(async () => stack?.close());

  const events = (aggregateId: string) =>
    stack.services.blog!.ctx.database.query<{
      type: string;
      aggregate_version: number;
      payload: { name: string };
    }>("select type, aggregate_version, payload from outbox where aggregate_id = $1 order by seq", [
      aggregateId,
    ]);

  it("announces a category's creation, rename and deletion with increasing versions", async () => {
    const blog = stack.services.blog!.url;
    const created = await json(
      await fetch(`${blog}/v1/categories`, {
        method: "POST",
        headers: admin.headers,
        body: JSON.stringify({ name: "Old" }),
      }),
    );
    await fetch(`${blog}/v1/categories/${created.id}`, {
      method: "PATCH",
      headers: admin.headers,
      body: JSON.stringify({ name: "New" }),
    });
    const del = await fetch(`${blog}/v1/categories/${created.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(del.status).toBe(204);
    expect((await events(created.id)).map((e) => [e.type, e.aggregate_version, e.payload.name])).toEqual([
      ["category.created", 1, "Old"],
      ["category.updated", 2, "New"],
      ["category.deleted", 3, "New"],
    ]);
  });

  it("announces a tag made inline by a post once, and not again when reused", async () => {
    const blog = stack.services.blog!.url;
    const category = await json(
      await fetch(`${blog}/v1/categories`, {
        method: "POST",
        headers: admin.headers,
        body: JSON.stringify({ name: "C" }),
      }),
    );
    for (const title of ["One", "Two"]) {
      await fetch(`${blog}/v1/posts`, {
        method: "POST",
        headers: admin.headers,
        body: JSON.stringify({ title, contentHtml: "<p>x</p>", categoryId: category.id, tags: ["Inline"] }),
      });
    }
    const [tag] = (await json(await fetch(`${blog}/v1/tags`))).filter(
      (t: { slug: string }) => t.slug === "inline",
    );
    expect((await events(tag.id)).map((e) => e.type)).toEqual(["tag.created"]);
  });

  it("refuses a rename by a non-admin and announces nothing", async () => {
    const blog = stack.services.blog!.url;
    const user = await createTestUser(stack, "USER");
    const created = await json(
      await fetch(`${blog}/v1/categories`, {
        method: "POST",
        headers: admin.headers,
        body: JSON.stringify({ name: "Kept" }),
      }),
    );
    const res = await fetch(`${blog}/v1/categories/${created.id}`, {
      method: "PATCH",
      headers: user.headers,
      body: JSON.stringify({ name: "Hijacked" }),
    });
    expect(res.status).toBe(403);
    expect((await events(created.id)).map((e) => e.type)).toEqual(["category.created"]);
  });
});
