import { createTestUser, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { blogService } from "../service";
import { client, json } from "../test-support/client";

type User = Awaited<ReturnType<typeof createTestUser>>;

/** The counts the triggers keep, next to the same counts taken from the posts themselves. */
async function keptAndCounted(stack: TestStack) {
  const db = stack.services.blog!.ctx.database;
  const rows = (sqlText: string) => db.query<{ slug: string; n: number }>(sqlText);
  return {
    kept: {
      categories: await rows("select slug, public_post_count as n from categories order by slug"),
      tags: await rows("select slug, public_post_count as n from tags order by slug"),
    },
    counted: {
      categories: await rows(`select c.slug, count(p.id)::int as n from categories c
        left join posts p on p.category_id = c.id and p.status = 'PUBLIC' group by c.slug order by c.slug`),
      tags: await rows(`select t.slug, count(p.id)::int as n from tags t
        left join post_tags pt on pt.tag_id = t.id left join posts p on p.id = pt.post_id and p.status = 'PUBLIC'
        group by t.slug order by t.slug`),
    },
  };
}

describe("public post counts of categories and tags", () => {
  let stack: TestStack;
  let call: ReturnType<typeof client>;
  let admin: User;
  const categoryIds: Record<string, string> = {};
  const asAdmin = (method: string, path: string, body?: unknown) => call(method, path, body, admin.headers);
  const expectCountsRight = async () => {
    const { kept, counted } = await keptAndCounted(stack);
    expect(kept).toEqual(counted);
  };

  beforeAll(async () => {
    stack = await startTestStack([authService(), blogService()]);
    call = client(stack.services.blog!.url);
    admin = await createTestUser(stack, "ADMIN", "Editor");
    for (const name of ["Backend", "Frontend"]) {
      categoryIds[name] = (await json(await asAdmin("POST", "/v1/categories", { name }))).id;
    }
  });
  afterAll(async () => stack?.close());

  it("follow every write that changes which posts are PUBLIC, their category or their tags", async () => {
    const create = async (body: Record<string, unknown>) => {
      const res = await asAdmin("POST", "/v1/posts", {
        categoryId: categoryIds.Backend,
        contentHtml: "<p>Body</p>",
        ...body,
      });
      expect(res.status).toBe(201);
      return json(res);
    };
    const edit = async (id: string, body: Record<string, unknown>) =>
      expect((await asAdmin("PATCH", `/v1/posts/${id}`, body)).status).toBe(200);

    const a = await create({ title: "A", tags: ["sql", "node"] });
    const b = await create({ title: "B", tags: ["sql"], status: "PRIVATE" });
    await create({ title: "C", tags: ["node"], categoryId: categoryIds.Frontend });
    await expectCountsRight();
    const top = await json(await call("GET", "/v1/categories/top?limit=5"));
    expect(top.map((c: { name: string; postCount: number }) => [c.name, c.postCount])).toEqual([
      ["Backend", 1],
      ["Frontend", 1],
    ]);

    await edit(b.id, { status: "PUBLIC" });
    await expectCountsRight();
    await edit(a.id, { categoryId: categoryIds.Frontend });
    await expectCountsRight();
    await edit(a.id, { tags: ["node", "css"] });
    await expectCountsRight();
    await edit(a.id, { status: "PRIVATE" });
    await expectCountsRight();
    await edit(a.id, { tags: ["sql"] });
    await expectCountsRight();
    await edit(a.id, { status: "PUBLIC" });
    expect((await asAdmin("DELETE", `/v1/posts/${b.id}`)).status).toBe(204);
    await expectCountsRight();

    const tags = await json(await call("GET", "/v1/tags/popular?limit=10"));
    expect(tags.map((t: { name: string; postCount: number }) => [t.name, t.postCount])).toEqual([
      ["node", 1],
      ["sql", 1],
    ]);
  });

  it("are restored as they were, not counted again, by a restore", async () => {
    const service = { "x-service-token": stack.serviceToken };
    const before = await keptAndCounted(stack);
    const backup = await json(await call("GET", "/internal/backup", undefined, service));
    expect((await call("POST", "/internal/restore", backup, service)).status).toBe(200);
    const after = await keptAndCounted(stack);
    expect(after).toEqual(before);
    expect(after.kept).toEqual(after.counted);
  });
});
