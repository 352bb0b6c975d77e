import { isDeepStrictEqual } from "node:util";
import { createTestUser, eventually, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { blogService } from "../../../blog/src/service";
import { contentService } from "../service";

type PostRow = { id: string; slug: string; title: string; status: string; deleted: boolean; version: number };
type Author = { id: string; name: string; avatar_url: string | null; status: string; version: number };

describe("rebuilding content's replicas from their producers' snapshots", () => {
  let stack: TestStack;
  let content: string;
  let deletedId: string;

  const contentDb = () => stack.services.content!.ctx.database;
  /** A tombstone's title and status are whatever it held before the delete; only slug and version count. */
  const replicaPosts = async () =>
    (
      await contentDb().query<PostRow>(
        "select id, slug, title, status, deleted, version from posts order by id",
      )
    ).map(({ title, status, ...row }) => (row.deleted ? row : { ...row, title, status }));
  const replicaAuthors = () =>
    contentDb().query<Author>("select id, name, avatar_url, status, version from authors order by id");
  /** Blog's posts and tombstones, in the shape of `replicaPosts`. */
  const blogTruth = async () => {
    const blog = stack.services.blog!.ctx.database;
    const live = await blog.query<PostRow>(
      "select id, slug, title, status, false as deleted, version from posts order by id",
    );
    const gone = await blog.query<Pick<PostRow, "id" | "slug" | "deleted" | "version">>(
      "select id, slug, true as deleted, version from deleted_posts order by id",
    );
    return [...live, ...gone].sort((a, b) => (a.id < b.id ? -1 : 1));
  };
  const authTruth = () =>
    stack.services.auth!.ctx.database.query<Author>(
      "select id, name, avatar_url, status, version from users order by id",
    );
  const rebuild = (
    name: string,
    headers: Record<string, string> = { "x-service-token": stack.serviceToken },
  ) => fetch(`${content}/internal/replicas/${name}/rebuild`, { method: "POST", headers });

  beforeAll(async () => {
    stack = await startTestStack([authService(), blogService(), contentService()]);
    content = stack.services.content!.url;
    const blog = stack.services.blog!.url;
    const admin = await createTestUser(stack, "ADMIN", "Editor");
    const reader = await createTestUser(stack, "USER", "Reader");
    const patched = await fetch(`${stack.services.auth!.url}/v1/me`, {
      method: "PATCH",
      headers: reader.headers,
      body: JSON.stringify({ name: "Reader Renamed", avatarUrl: "https://cdn.example.com/reader.png" }),
    });
    expect(patched.status).toBe(200);
    const category = await json(
      await fetch(`${blog}/v1/categories`, {
        method: "POST",
        headers: admin.headers,
        body: JSON.stringify({ name: "Notes" }),
      }),
    );
    const ids: string[] = [];
    for (const [title, status] of [
      ["Public", "PUBLIC"],
      ["Draft", "DRAFT"],
      ["Doomed", "PUBLIC"],
    ]) {
      const res = await fetch(`${blog}/v1/posts`, {
        method: "POST",
        headers: admin.headers,
        body: JSON.stringify({ title, status, contentHtml: "<p>Body</p>", categoryId: category.id }),
      });
      expect(res.status).toBe(201);
      ids.push((await json(res)).id);
    }
    deletedId = ids[2]!;
    const deleted = await fetch(`${blog}/v1/posts/${deletedId}`, {
      method: "DELETE",
      // No body, so no content type: fastify refuses an empty JSON body.
      headers: { authorization: admin.headers.authorization! },
    });
    expect(deleted.status).toBeLessThan(300);
    await eventually(async () => isDeepStrictEqual(await replicaPosts(), await blogTruth()));
    await eventually(async () => isDeepStrictEqual(await replicaAuthors(), await authTruth()));
  });
  afterAll(async () => stack?.close());

  it("lists its replicas with their producers", async () => {
    const res = await fetch(`${content}/internal/replicas`, {
      headers: { "x-service-token": stack.serviceToken },
    });
    expect(await json(res)).toEqual({
      service: "content",
      replicas: [
        { name: "authors", producer: "auth" },
        { name: "posts", producer: "blog" },
      ],
    });
  });

  it("rebuilds an emptied post replica equal to blog's posts, the deleted post's tombstone included", async () => {
    const truth = await blogTruth();
    expect(truth.filter((p) => p.deleted).map((p) => p.id)).toEqual([deletedId]);
    await contentDb().exec("delete from posts");

    const res = await rebuild("posts");
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ replica: "posts", applied: 3 });
    expect(await replicaPosts()).toEqual(truth);
  });

  it("keeps a post row newer than the snapshot, and a tombstone is not revived by the rebuild", async () => {
    const truth = await blogTruth();
    const live = truth.find((p): p is PostRow => "status" in p && p.status === "PUBLIC")!;
    await contentDb().query("update posts set title = 'Edited later', version = $2 where id = $1", [
      live.id,
      live.version + 4,
    ]);
    expect((await rebuild("posts")).status).toBe(200);
    const rows = await replicaPosts();
    expect(rows.find((p) => p.id === live.id)).toEqual({
      ...live,
      title: "Edited later",
      version: live.version + 4,
    });
    expect(rows.find((p) => p.id === deletedId)).toMatchObject({ deleted: true });
  });

  it("rebuilds an emptied author replica equal to auth's users, names, avatars, statuses and versions", async () => {
    const truth = await authTruth();
    expect(truth.some((u) => u.avatar_url === "https://cdn.example.com/reader.png")).toBe(true);
    await contentDb().exec("delete from authors");

    const res = await rebuild("authors");
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ replica: "authors", applied: truth.length });
    expect(await replicaAuthors()).toEqual(truth);

    const [newer] = truth;
    await contentDb().query("update authors set name = 'Renamed later', version = $2 where id = $1", [
      newer!.id,
      newer!.version + 1,
    ]);
    expect((await rebuild("authors")).status).toBe(200);
    expect((await replicaAuthors())[0]).toEqual({
      ...newer,
      name: "Renamed later",
      version: newer!.version + 1,
    });
  });

  it("refuses a caller without the service credential and an unknown replica, changing nothing", async () => {
    await contentDb().exec("delete from authors");
    for (const headers of [{}, { "x-service-token": "wrong" }] as Record<string, string>[]) {
      expect((await rebuild("authors", headers)).status).toBe(403);
    }
    expect((await rebuild("comments")).status).toBe(404);
    expect(await replicaAuthors()).toEqual([]);
  });
});
