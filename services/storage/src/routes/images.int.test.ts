import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestUser, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { storageService } from "../service";
import { LocalObjectStore } from "../storage/local-store";
import { gifImage, jpegImage, pixelBombPng, pngImage, svgWithScript, webpImage } from "../testing/images";

type User = Awaited<ReturnType<typeof createTestUser>>;

describe("storage images API", () => {
  let stack: TestStack;
  let storage: string;
  let dir: string;
  let store: LocalObjectStore;
  let admin: User;
  let alice: User;
  let bob: User;
  let png: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "quire-storage-"));
    store = new LocalObjectStore(join(dir, "objects"));
    stack = await startTestStack([authService(), storageService({ objectStore: store })]);
    storage = stack.services.storage!.url;
    [admin, alice, bob] = await Promise.all([
      createTestUser(stack, "ADMIN", "Admin"),
      createTestUser(stack, "USER", "Alice"),
      createTestUser(stack, "USER", "Bob"),
    ]);
    png = await pngImage();
  });
  afterAll(async () => {
    await stack?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const db = () => stack.services.storage!.ctx.database;
  const bearer = (u: User) => ({ authorization: u.headers.authorization! });

  function upload(
    purpose: string,
    bytes: Buffer,
    headers: Record<string, string>,
    { name = "image.png", type = "image/png", query = "" } = {},
  ) {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(bytes)], { type }), name);
    return fetch(`${storage}/v1/images?purpose=${purpose}${query}`, { method: "POST", headers, body: form });
  }

  /** Rows, objects and events: what a refused request must leave unchanged. */
  async function snapshot() {
    const [rows] = await db().query<{ n: number }>("select count(*)::int as n from images");
    const [events] = await db().query<{ n: number }>("select count(*)::int as n from outbox");
    return { rows: rows!.n, events: events!.n, objects: await store.list("") };
  }

  it("re-encodes an avatar to a 256x256 WebP and serves it with safe, long-lived headers", async () => {
    const res = await upload("avatar", png, bearer(alice));
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body).toMatchObject({ width: 256, height: 256, originalBytes: png.length });
    expect(body.url).toBe(`/v1/images/${body.id}/avatar.webp`);

    const served = await fetch(`${storage}${body.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/webp");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("cache-control")).toContain("max-age=31536000");
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.length).toBe(body.bytes);
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 256, 256]);

    const [row] = await db().query<Record<string, unknown>>("select * from images where id = $1", [body.id]);
    expect(row).toMatchObject({
      owner_id: alice.id,
      purpose: "avatar",
      content_type: "image/webp",
      bytes: body.bytes,
      original_bytes: png.length,
      width: 256,
      height: 256,
      key: `images/avatar/${body.id}.webp`,
    });
    const events = await db().query<{ type: string; aggregate_version: number; payload: unknown }>(
      "select type, aggregate_version, payload from outbox where aggregate_id = $1",
      [body.id],
    );
    expect(events).toEqual([
      {
        type: "image.uploaded",
        aggregate_version: 1,
        payload: { id: body.id, ownerId: alice.id, url: body.url, purpose: "avatar", bytes: body.bytes },
      },
    ]);
  });

  it("sizes covers to 1200x630 and post images to at most 1600 wide, keeping the aspect", async () => {
    const jpeg = await jpegImage(2000, 1500);
    const cover = await json(
      await upload("cover", jpeg, bearer(admin), { name: "c.jpg", type: "image/jpeg" }),
    );
    expect([cover.width, cover.height]).toEqual([1200, 630]);
    const post = await json(await upload("post", jpeg, bearer(admin), { name: "p.jpg", type: "image/jpeg" }));
    expect([post.width, post.height]).toEqual([1600, 1200]);
    const small = await json(await upload("post", png, bearer(admin)));
    expect([small.width, small.height]).toEqual([800, 600]);
  });

  it("accepts GIF and WebP, detecting the type from the bytes rather than the name", async () => {
    const gif = await upload("post", await gifImage(), bearer(admin), {
      name: "anim.png",
      type: "image/png",
    });
    expect(gif.status).toBe(201);
    const webp = await upload("post", await webpImage(), bearer(admin), {
      name: "x.txt",
      type: "text/plain",
    });
    expect(webp.status).toBe(201);
    expect(await json(webp)).toMatchObject({ width: 640, height: 480 });
  });

  it("strips metadata such as EXIF", async () => {
    const jpeg = await jpegImage(600, 400, "secret-camera-serial");
    expect(jpeg.includes("secret-camera-serial")).toBe(true);
    const body = await json(await upload("post", jpeg, bearer(admin), { name: "a.jpg", type: "image/jpeg" }));
    const bytes = Buffer.from(await (await fetch(`${storage}${body.url}`)).arrayBuffer());
    expect(bytes.includes("secret-camera-serial")).toBe(false);
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
  });

  it("drops what a polyglot hides after a valid image", async () => {
    const polyglot = Buffer.concat([png, Buffer.from("<script>alert('xss')</script>")]);
    const res = await upload("avatar", polyglot, bearer(alice));
    expect(res.status).toBe(201);
    const bytes = Buffer.from(await (await fetch(`${storage}${(await json(res)).url}`)).arrayBuffer());
    expect(bytes.includes("<script>")).toBe(false);
  });

  it("refuses files that are not JPEG, PNG, GIF or WebP, storing nothing", async () => {
    const before = await snapshot();
    const fake = await upload("avatar", Buffer.from("this is text, not a PNG at all"), bearer(alice));
    expect(fake.status).toBe(415);
    expect((await json(fake)).error.message).toMatch(/Only JPEG, PNG, GIF and WebP/);
    const svg = await upload("avatar", svgWithScript, bearer(alice), {
      name: "a.svg",
      type: "image/svg+xml",
    });
    expect(svg.status).toBe(415);
    const svgAsPng = await upload("avatar", svgWithScript, bearer(alice), { name: "a.png" });
    expect(svgAsPng.status).toBe(415);
    // PNG magic bytes in front of a script: the type sniffs as PNG but it does not decode.
    const headerOnly = Buffer.concat([png.subarray(0, 16), Buffer.from("<script>alert(1)</script>")]);
    expect((await upload("avatar", headerOnly, bearer(alice))).status).toBe(400);
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");
    expect((await upload("avatar", pdf, bearer(alice), { name: "a.png" })).status).toBe(415);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a decompression bomb before decoding it, storing nothing", async () => {
    const bomb = await pixelBombPng(20_000, 20_000);
    expect(bomb.length).toBeLessThan(10 * 1024 * 1024);
    const before = await snapshot();
    const res = await upload("post", bomb, bearer(admin));
    expect(res.status).toBe(400);
    expect((await json(res)).error.message).toMatch(/too large: at most 40 megapixels/);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses files over 10 MB with 413, storing nothing", async () => {
    const big = Buffer.concat([png.subarray(0, 8), Buffer.alloc(10 * 1024 * 1024 + 1, 7)]);
    const before = await snapshot();
    const res = await upload("post", big, bearer(admin));
    expect(res.status).toBe(413);
    expect((await json(res)).error.message).toBe("Images can be at most 10 MB");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses malformed requests, storing nothing", async () => {
    const before = await snapshot();
    const noPurpose = await fetch(`${storage}/v1/images`, { method: "POST", headers: bearer(alice) });
    expect(noPurpose.status).toBe(400);
    expect((await upload("banner", png, bearer(admin))).status).toBe(400);
    expect((await upload("avatar", png, bearer(alice), { query: "&owner=someone" })).status).toBe(400);
    const asJson = await fetch(`${storage}/v1/images?purpose=avatar`, {
      method: "POST",
      headers: alice.headers,
      body: JSON.stringify({ data: png.toString("base64") }),
    });
    expect(asJson.status).toBe(415);
    const empty = await fetch(`${storage}/v1/images?purpose=avatar`, {
      method: "POST",
      headers: bearer(alice),
      body: new FormData(),
    });
    expect(empty.status).toBe(400);
    const two = new FormData();
    two.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "a.png");
    two.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "b.png");
    const twoFiles = await fetch(`${storage}/v1/images?purpose=avatar`, {
      method: "POST",
      headers: bearer(alice),
      body: two,
    });
    expect(twoFiles.status).toBe(400);
    const withField = new FormData();
    withField.append("ownerId", alice.id);
    withField.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "a.png");
    const fieldAndFile = await fetch(`${storage}/v1/images?purpose=avatar`, {
      method: "POST",
      headers: bearer(alice),
      body: withField,
    });
    expect(fieldAndFile.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it("lets signed-in users upload avatars and only admins upload cover and post images", async () => {
    const before = await snapshot();
    expect((await upload("avatar", png, {})).status).toBe(401);
    expect((await upload("avatar", png, { "x-user-id": alice.id, "x-user-role": "ADMIN" })).status).toBe(401);
    expect((await upload("avatar", png, { authorization: "Bearer forged.token.here" })).status).toBe(401);
    for (const purpose of ["cover", "post"]) {
      expect((await upload(purpose, png, {})).status).toBe(401);
      expect((await upload(purpose, png, bearer(alice))).status).toBe(403);
      expect((await upload(purpose, png, { ...bearer(alice), "x-user-role": "ADMIN" })).status).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
    expect((await upload("avatar", png, bearer(bob))).status).toBe(201);
    expect((await upload("avatar", png, bearer(admin))).status).toBe(201);
    expect((await upload("cover", png, bearer(admin))).status).toBe(201);
    expect((await upload("post", png, bearer(admin))).status).toBe(201);
  });

  it("lets only the owner or an admin delete an image", async () => {
    const own = await json(await upload("avatar", png, bearer(alice)));
    const other = await json(await upload("avatar", png, bearer(alice)));
    const del = (id: string, headers: Record<string, string>) =>
      fetch(`${storage}/v1/images/${id}`, { method: "DELETE", headers });
    const before = await snapshot();
    expect((await del(own.id, {})).status).toBe(401);
    expect((await del(own.id, { "x-user-id": alice.id })).status).toBe(401);
    expect((await del(own.id, bearer(bob))).status).toBe(403);
    expect(
      (await del(own.id, { ...bearer(bob), "x-user-id": alice.id, "x-user-role": "ADMIN" })).status,
    ).toBe(403);
    expect((await del("00000000-0000-4000-8000-000000000000", bearer(alice))).status).toBe(404);
    expect((await del("x".repeat(300), bearer(alice))).status).toBe(414);
    expect(await snapshot()).toEqual(before);

    expect((await del(own.id, bearer(alice))).status).toBe(204);
    expect((await fetch(`${storage}${own.url}`)).status).toBe(404);
    expect(await store.get(`images/avatar/${own.id}.webp`)).toBeNull();
    expect((await del(own.id, bearer(alice))).status).toBe(404);
    expect((await del(other.id, bearer(admin))).status).toBe(204);

    const events = await db().query<{ type: string; aggregate_version: number; payload: unknown }>(
      "select type, aggregate_version, payload from outbox where aggregate_id = $1 order by seq",
      [own.id],
    );
    expect(events.map((e) => [e.type, e.aggregate_version])).toEqual([
      ["image.uploaded", 1],
      ["image.deleted", 2],
    ]);
    expect(events[1]!.payload).toEqual({
      id: own.id,
      ownerId: alice.id,
      url: own.url,
      purpose: "avatar",
      bytes: own.bytes,
    });
  });

  it("serves only the file an image was stored as", async () => {
    const body = await json(await upload("avatar", png, bearer(alice)));
    expect((await fetch(`${storage}/v1/images/${body.id}/post.webp`)).status).toBe(404);
    expect((await fetch(`${storage}/v1/images/${body.id}/..%2f..%2fpasswd`)).status).toBe(404);
    expect(
      (await fetch(`${storage}/v1/images/00000000-0000-4000-8000-000000000000/avatar.webp`)).status,
    ).toBe(404);
  });

  it("reports usage by purpose to admins only", async () => {
    const url = `${storage}/v1/admin/storage/usage`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { "x-user-role": "ADMIN" } })).status).toBe(401);
    expect((await fetch(url, { headers: bearer(alice) })).status).toBe(403);
    const res = await fetch(url, { headers: bearer(admin) });
    expect(res.status).toBe(200);
    const usage = await json(res);
    const rows = await db().query<{ purpose: string; count: number; bytes: number }>(
      "select purpose, count(*)::int as count, sum(bytes)::int as bytes from images group by purpose",
    );
    for (const r of rows) expect(usage.byPurpose[r.purpose]).toEqual({ count: r.count, bytes: r.bytes });
    expect(usage.total.count).toBe(rows.reduce((n, r) => n + r.count, 0));
    expect(usage.total.bytes).toBe(rows.reduce((n, r) => n + r.bytes, 0));
    expect(usage.stored).toEqual(await store.usage());
    expect(usage.stored.objects).toBe(usage.total.count);
  });
});
