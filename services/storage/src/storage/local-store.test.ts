import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalObjectStore } from "./local-store";

describe("the local object store", () => {
  let dir: string;
  let store: LocalObjectStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "quire-objects-"));
    store = new LocalObjectStore(join(dir, "objects"));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it("puts, gets, lists, counts and deletes objects", async () => {
    await store.put("images/post/a.webp", Buffer.from("aaaa"), "image/webp");
    await store.put("images/avatar/b.webp", Buffer.from("bb"), "image/webp");
    expect(await store.get("images/post/a.webp")).toEqual({
      bytes: Buffer.from("aaaa"),
      contentType: "image/webp",
    });
    expect(await store.list("images/")).toEqual(["images/avatar/b.webp", "images/post/a.webp"]);
    expect(await store.list("images/post/")).toEqual(["images/post/a.webp"]);
    expect(await store.usage()).toEqual({ objects: 2, bytes: 6 });
    await store.delete("images/post/a.webp");
    await store.delete("images/post/a.webp");
    expect(await store.get("images/post/a.webp")).toBeNull();
    expect(await store.usage()).toEqual({ objects: 1, bytes: 2 });
  });

  it.each([
    "../escape.webp",
    "images/../../escape.webp",
    "/etc/passwd",
    "images//a.webp",
    ".hidden",
    "images/.hidden",
    "images\\..\\escape",
    "",
    "a/b/",
    "images/%2e%2e/x",
    `${"a".repeat(200)}`,
  ])("refuses the key %j", async (key) => {
    await expect(store.put(key, Buffer.from("x"), "image/webp")).rejects.toThrow(/unsafe object key/);
    await expect(store.get(key)).rejects.toThrow(/unsafe object key/);
    await expect(store.delete(key)).rejects.toThrow(/unsafe object key/);
    expect(existsSync(join(dir, "escape.webp"))).toBe(false);
  });

  it("refuses a prefix that climbs out", async () => {
    await expect(store.list("../")).rejects.toThrow(/unsafe object key/);
  });
});
