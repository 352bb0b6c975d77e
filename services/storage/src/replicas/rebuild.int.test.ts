import { randomUUID } from "node:crypto";
import { createTestUser, eventually, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { blogService } from "../../../blog/src/service";
import { storageService } from "../service";

describe("rebuilding storage's image references from blog's and auth's snapshots", () => {
  let stack: TestStack;
  let storage: string;

  const references = async () => {
    const db = stack.services.storage!.ctx.database;
    return {
      sources: await db.query(
        "select source_kind, source_id, version, deleted from image_ref_sources order by source_kind, source_id",
      ),
      refs: await db.query(
        "select source_kind, source_id, image_id, image_url, source_version from image_refs order by 1, 2, 3",
      ),
    };
  };
  const rebuild = (name: string) =>
    fetch(`${storage}/internal/replicas/${name}/rebuild`, {
      method: "POST",
      headers: { "x-service-token": stack.serviceToken },
    });

  beforeAll(async () => {
    stack = await startTestStack([authService(), blogService(), storageService()]);
    storage = stack.services.storage!.url;
    const blog = stack.services.blog!.url;
    const admin = await createTestUser(stack, "ADMIN", "Editor");
    const reader = await createTestUser(stack, "USER", "Reader");
    const avatar = await fetch(`${stack.services.auth!.url}/v1/me`, {
      method: "PATCH",
      headers: reader.headers,
      body: JSON.stringify({ avatarUrl: `/v1/images/${randomUUID()}/avatar.webp` }),
    });
    expect(avatar.status).toBe(200);
    const category = await json(
      await fetch(`${blog}/v1/categories`, {
        method: "POST",
        headers: admin.headers,
        body: JSON.stringify({ name: "Photos" }),
      }),
    );
    const ids: string[] = [];
    for (const title of ["Kept", "Deleted"]) {
      const res = await fetch(`${blog}/v1/posts`, {
        method: "POST",
        headers: admin.headers,
        body: JSON.stringify({
          title,
          categoryId: category.id,
          coverUrl: `https://quire.example/v1/images/${randomUUID()}/cover.webp`,
          contentHtml: `<p><img src="/v1/images/${randomUUID()}/content.webp"></p>`,
        }),
      });
      expect(res.status).toBe(201);
      ids.push((await json(res)).id);
    }
    const deleted = await fetch(`${blog}/v1/posts/${ids[1]}`, {
      method: "DELETE",
      headers: { authorization: admin.headers.authorization! },
    });
    expect(deleted.status).toBeLessThan(300);
    // Two users, two posts (one a tombstone); the kept post's two images and one avatar.
    await eventually(async () => {
      const { sources, refs } = await references();
      return sources.length === 4 && sources.some((s) => s.deleted) && refs.length === 3;
    });
  });
  afterAll(async () => stack?.close());

  it("rebuilds emptied post-image and avatar references equal to what events had built", async () => {
    const fromEvents = await references();
    await stack.services.storage!.ctx.database.exec("delete from image_refs; delete from image_ref_sources");

    const posts = await rebuild("post-images");
    expect(await json(posts)).toEqual({ replica: "post-images", applied: 2 });
    const avatars = await rebuild("avatars");
    expect(await json(avatars)).toEqual({ replica: "avatars", applied: 2 });
    expect(await references()).toEqual(fromEvents);
  });

  it("keeps a reference set newer than the snapshot", async () => {
    const db = stack.services.storage!.ctx.database;
    const [avatar] = await db.query<{ source_id: string; version: number }>(
      "select source_id, version from image_ref_sources where source_kind = 'avatar' order by version desc limit 1",
    );
    await db.query("delete from image_refs where source_kind = 'avatar' and source_id = $1", [
      avatar!.source_id,
    ]);
    await db.query(
      "update image_ref_sources set version = $2 where source_kind = 'avatar' and source_id = $1",
      [avatar!.source_id, avatar!.version + 2],
    );
    expect((await rebuild("avatars")).status).toBe(200);
    const refs = await db.query("select 1 from image_refs where source_kind = 'avatar' and source_id = $1", [
      avatar!.source_id,
    ]);
    expect(refs).toEqual([]);
  });
});
