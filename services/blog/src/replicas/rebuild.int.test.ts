import { isDeepStrictEqual } from "node:util";
import { createTestUser, eventually, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { contentService } from "../../../content/src/service";
import { blogService } from "../service";
import { contentEngagementEnvelopes } from "./content-engagement";

type Author = { id: string; name: string; avatar_url: string | null; version: number };
type Counters = { id: string; like_count: number; comment_count: number; version: number };

describe("rebuilding blog's replicas from their producers' snapshots", () => {
  let stack: TestStack;
  let blog: string;
  let postIds: string[];
  let adminAuthorization: string;

  const authorsOf = (db: "auth" | "blog") =>
    stack.services[db]!.ctx.database.query<Author>(
      `select id, name, avatar_url, version from ${db === "auth" ? "users" : "authors"} order by id`,
    );
  const blogCounters = () =>
    stack.services.blog!.ctx.database.query<Counters>(
      "select id, like_count, comment_count, engagement_version as version from posts order by id",
    );
  const contentCounters = () =>
    stack.services.content!.ctx.database.query<Counters>(
      "select post_id as id, like_count, comment_count, version from engagement order by post_id",
    );
  const rebuild = (
    name: string,
    headers: Record<string, string> = { "x-service-token": stack.serviceToken },
  ) => fetch(`${blog}/internal/replicas/${name}/rebuild`, { method: "POST", headers });

  beforeAll(async () => {
    stack = await startTestStack([authService(), blogService(), contentService()]);
    blog = stack.services.blog!.url;
    const admin = await createTestUser(stack, "ADMIN", "Editor");
    adminAuthorization = admin.headers.authorization!;
    const readers = await Promise.all([1, 2].map((i) => createTestUser(stack, "USER", `Reader ${i}`)));
    for (const [i, reader] of readers.entries()) {
      const res = await fetch(`${stack.services.auth!.url}/v1/me`, {
        method: "PATCH",
        headers: reader.headers,
        body: JSON.stringify({ name: `Reader ${i} renamed`, avatarUrl: `https://cdn.example.com/r${i}.png` }),
      });
      expect(res.status).toBe(200);
    }
    const category = await json(
      await fetch(`${blog}/v1/categories`, {
        method: "POST",
        headers: admin.headers,
        body: JSON.stringify({ name: "Notes" }),
      }),
    );
    postIds = [];
    for (const title of ["First", "Second"]) {
      const res = await fetch(`${blog}/v1/posts`, {
        method: "POST",
        headers: admin.headers,
        body: JSON.stringify({ title, contentHtml: "<p>Body</p>", categoryId: category.id }),
      });
      expect(res.status).toBe(201);
      postIds.push((await json(res)).id);
    }
    const content = stack.services.content!.ctx.database;
    await eventually(
      async () => (await content.query("select 1 from posts where status = 'PUBLIC'")).length === 2,
    );
    // Likes: two on the first post, one on the second.
    for (const [reader, postId] of [
      [readers[0]!, postIds[0]!],
      [readers[1]!, postIds[0]!],
      [readers[0]!, postIds[1]!],
    ] as const) {
      const res = await fetch(`${stack.services.content!.url}/v1/posts/${postId}/like`, {
        method: "POST",
        headers: { authorization: reader.headers.authorization! },
      });
      expect(res.status).toBe(200);
    }
    // Both replicas caught up from events before each test breaks them.
    await eventually(async () => isDeepStrictEqual(await authorsOf("blog"), await authorsOf("auth")));
    await eventually(async () => isDeepStrictEqual(await blogCounters(), await contentCounters()));
  });
  afterAll(async () => stack?.close());

  it("lists the replicas it can rebuild, with their producers", async () => {
    const res = await fetch(`${blog}/internal/replicas`, {
      headers: { "x-service-token": stack.serviceToken },
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      service: "blog",
      replicas: [
        { name: "authors", producer: "auth" },
        { name: "engagement", producer: "content" },
      ],
    });
  });

  it("rebuilds an emptied author replica equal to auth's users, names, avatars and versions", async () => {
    const truth = await authorsOf("auth");
    expect(truth.filter((u) => u.avatar_url)).toHaveLength(2);
    await stack.services.blog!.ctx.database.exec("delete from authors");
    expect(await authorsOf("blog")).toEqual([]);

    const res = await rebuild("authors");
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ replica: "authors", applied: truth.length });
    expect(await authorsOf("blog")).toEqual(truth);

    // Rebuilding again changes nothing: the snapshot is no newer than the replica.
    expect((await rebuild("authors")).status).toBe(200);
    expect(await authorsOf("blog")).toEqual(truth);
  });

  it("never lets an older snapshot item overwrite a newer replica row, and repairs stale ones", async () => {
    const truth = await authorsOf("auth");
    const [newer, stale] = truth;
    const db = stack.services.blog!.ctx.database;
    await db.query("update authors set name = 'Renamed later', version = $2 where id = $1", [
      newer!.id,
      newer!.version + 5,
    ]);
    await db.query("update authors set name = 'Out of date', avatar_url = null, version = 0 where id = $1", [
      stale!.id,
    ]);

    expect((await rebuild("authors")).status).toBe(200);
    const rows = await authorsOf("blog");
    expect(rows.find((r) => r.id === newer!.id)).toEqual({
      ...newer,
      name: "Renamed later",
      version: newer!.version + 5,
    });
    expect(rows.find((r) => r.id === stale!.id)).toEqual(stale);
    // Put the newer row back, so later tests start from auth's truth.
    await db.query("update authors set name = $2, version = $3 where id = $1", [
      newer!.id,
      newer!.name,
      newer!.version,
    ]);
  });

  it("refuses a rebuild without the service credential, and names no unknown replica", async () => {
    const before = await authorsOf("blog");
    await stack.services.blog!.ctx.database.query("update authors set version = 0");
    const broken = await authorsOf("blog");
    const refused: Record<string, string>[] = [
      {},
      { "x-service-token": "wrong" },
      { authorization: adminAuthorization },
    ];
    for (const headers of refused) {
      expect((await rebuild("authors", headers)).status).toBe(403);
      expect((await fetch(`${blog}/internal/replicas`, { headers })).status).toBe(403);
    }
    // Nothing was applied by the refused calls.
    expect(await authorsOf("blog")).toEqual(broken);

    const unknown = await rebuild("readers");
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.code).toBe("NOT_FOUND");

    expect((await rebuild("authors")).status).toBe(200);
    const after = await authorsOf("blog");
    expect(after.filter((r) => before.some((b) => b.id === r.id))).toEqual(before);
  });

  it("rebuilds like and comment counters from content's engagement snapshot", async () => {
    const truth = await contentCounters();
    expect(truth.map((c) => c.like_count).sort()).toEqual([1, 2]);
    const db = stack.services.blog!.ctx.database;
    await db.exec("update posts set like_count = 0, comment_count = 0, engagement_version = 0");

    const res = await rebuild("engagement");
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ replica: "engagement", applied: truth.length });
    expect(await blogCounters()).toEqual(truth);

    // A counter newer than the snapshot's stays.
    const [first] = truth;
    await db.query("update posts set like_count = 9, engagement_version = $2 where id = $1", [
      first!.id,
      first!.version + 3,
    ]);
    expect((await rebuild("engagement")).status).toBe(200);
    expect((await blogCounters()).find((c) => c.id === first!.id)).toEqual({
      ...first,
      like_count: 9,
      version: first!.version + 3,
    });
  });

  it("follows the engagement snapshot's pages to the end", async () => {
    const ctx = stack.services.blog!.ctx;
    const onePerPage = await contentEngagementEnvelopes(ctx, "engagement", 1);
    const onePage = await contentEngagementEnvelopes(ctx, "engagement");
    expect(onePerPage).toHaveLength(2);
    expect(onePerPage.map((e) => [e.id, e.payload])).toEqual(onePage.map((e) => [e.id, e.payload]));
    expect(onePerPage[0]!.id).toMatch(/^snapshot:engagement:/);
  });

  it("answers 503 naming the producer when it is down, and changes nothing", async () => {
    const before = await blogCounters();
    await stack.services.content!.close();
    const res = await rebuild("engagement");
    expect(res.status).toBe(503);
    expect((await json(res)).error.message).toMatch(/^content is unavailable/);
    expect(await blogCounters()).toEqual(before);
  });
});
