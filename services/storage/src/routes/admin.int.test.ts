import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startService } from "@quire/service-kit";
import {
  createTestBroker,
  createTestDatabase,
  createTestUser,
  eventually,
  json,
  startTestStack,
  type TestStack,
} from "@quire/service-kit/testing";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { storageService } from "../service";
import { LocalObjectStore } from "../storage/local-store";
import { postDeleted, postEvent, userEvent } from "../testing/events";
import { pngImage } from "../testing/images";

type User = Awaited<ReturnType<typeof createTestUser>>;

/** A storage service on its own database, broker and folder, with the given peers' URLs. */
async function startStorage(env: Record<string, string | undefined>) {
  const dir = await mkdtemp(join(tmpdir(), "quire-storage-"));
  const store = new LocalObjectStore(join(dir, "objects"));
  const database = await createTestDatabase(storageService().migrations);
  const broker = createTestBroker();
  const service = await startService(storageService({ objectStore: store }), {
    env,
    database,
    bus: await broker.connect(),
    port: 0,
  });
  return {
    service,
    store,
    broker,
    db: database,
    async close() {
      await service.close();
      await broker.close();
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A port nothing listens on: how a peer that is not deployed looks. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return `http://127.0.0.1:${port}`;
}

describe("storage admin: usage, orphans and cleanup", () => {
  let stack: TestStack;
  let admin: User;
  let alice: User;
  let png: Buffer;
  /** A deployment where blog is not reachable, so the cleanup cannot prove anything unused. */
  let withoutPeers: Awaited<ReturnType<typeof startStorage>>;
  /** Blog and auth answered by a fake that proxies auth's signing keys. */
  let withPeers: Awaited<ReturnType<typeof startStorage>>;
  let fake: FastifyInstance;
  const peer = {
    blog: { status: 200, body: { urls: [] as string[] } as unknown },
    auth: { status: 200, body: { urls: [] as string[] } as unknown },
    calls: [] as { path: string; token: string | undefined }[],
  };

  beforeAll(async () => {
    stack = await startTestStack([authService()]);
    const authUrl = stack.services.auth!.url;
    fake = Fastify();
    fake.get("/.well-known/jwks.json", async () => (await fetch(`${authUrl}/.well-known/jwks.json`)).json());
    for (const [path, which] of [
      ["/internal/images/referenced", "blog"],
      ["/internal/avatars", "auth"],
    ] as const) {
      fake.get(path, async (req, reply) => {
        const token = req.headers["x-service-token"] as string | undefined;
        peer.calls.push({ path, token });
        if (token !== stack.serviceToken) return reply.status(403).send({});
        return reply.status(peer[which].status).send(peer[which].body);
      });
    }
    const fakeUrl = await fake.listen({ port: 0, host: "127.0.0.1" });
    withoutPeers = await startStorage({ ...stack.env, QUIRE_BLOG_URL: await closedPortUrl() });
    withPeers = await startStorage({ ...stack.env, QUIRE_BLOG_URL: fakeUrl, QUIRE_AUTH_URL: fakeUrl });
    [admin, alice] = await Promise.all([
      createTestUser(stack, "ADMIN"),
      createTestUser(stack, "USER", "Alice"),
    ]);
    png = await pngImage(64, 64);
  });
  afterAll(async () => {
    await withoutPeers?.close();
    await withPeers?.close();
    await fake?.close();
    await stack?.close();
  });

  const bearer = (u: User) => ({ authorization: u.headers.authorization! });

  async function upload(base: string, purpose: string, user: User) {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "a.png");
    const res = await fetch(`${base}/v1/images?purpose=${purpose}`, {
      method: "POST",
      headers: bearer(user),
      body: form,
    });
    expect(res.status).toBe(201);
    return (await json(res)) as { id: string; url: string };
  }

  const clean = (base: string, body: unknown, headers: Record<string, string> = admin.headers) =>
    fetch(`${base}/v1/admin/storage/orphans/clean`, { method: "POST", headers, body: JSON.stringify(body) });

  const orphanIds = async (base: string) => {
    const res = await fetch(`${base}/v1/admin/storage/orphans`, { headers: bearer(admin) });
    expect(res.status).toBe(200);
    return ((await json(res)).items as { id: string }[]).map((i) => i.id).sort();
  };

  async function state(s: Awaited<ReturnType<typeof startStorage>>) {
    const rows = await s.db.query<{ id: string }>("select id from images order by id");
    const deletedEvents = await s.db.query<{ aggregate_id: string }>(
      "select aggregate_id from outbox where type = 'image.deleted' order by aggregate_id",
    );
    return { rows: rows.map((r) => r.id), objects: await s.store.list(""), deleted: deletedEvents };
  }

  it("aborts the cleanup, deleting nothing, while blog cannot confirm what is in use", async () => {
    const base = withoutPeers.service.url;
    const orphan = await upload(base, "post", admin);
    expect(await orphanIds(base)).toEqual([orphan.id]);
    const before = await state(withoutPeers);
    const res = await clean(base, { minAgeMinutes: 0 });
    expect(res.status).toBe(409);
    expect((await json(res)).error.message).toMatch(
      /Cleanup aborted, nothing was deleted: blog could not confirm/,
    );
    expect(await state(withoutPeers)).toEqual(before);
    expect(before.rows).toContain(orphan.id);
  });

  it("lists as orphans exactly the images no post (of any status) and no avatar uses", async () => {
    const base = withPeers.service.url;
    const [published, draft, unused, laggingReplica] = [
      await upload(base, "post", admin),
      await upload(base, "cover", admin),
      await upload(base, "post", admin),
      await upload(base, "post", admin),
    ];
    const [avatar, oldAvatar] = [await upload(base, "avatar", alice), await upload(base, "avatar", alice)];
    const bus = await withPeers.broker.connect();
    await bus.publish([
      postEvent("post.created", "post-1", 1, [published.url], "PUBLIC"),
      postEvent("post.created", "post-2", 1, [`https://quire.example${draft.url}`], "DRAFT"),
      userEvent("user.profile.updated", alice.id, 10, avatar.url),
    ]);
    const expected = [unused.id, laggingReplica.id, oldAvatar.id].sort();
    await eventually(async () => JSON.stringify(await orphanIds(base)) === JSON.stringify(expected));

    // Deleting the draft makes its cover an orphan.
    await bus.publish([postDeleted("post-2", 2)]);
    await eventually(async () => (await orphanIds(base)).includes(draft.id));
  });

  it("refuses cleanup and listings to non-admins and bad input, deleting nothing", async () => {
    const base = withPeers.service.url;
    const before = await state(withPeers);
    const jsonOnly = { "content-type": "application/json" };
    expect((await clean(base, { minAgeMinutes: 0 }, jsonOnly)).status).toBe(401);
    expect((await clean(base, { minAgeMinutes: 0 }, { ...jsonOnly, "x-user-role": "ADMIN" })).status).toBe(
      401,
    );
    expect((await clean(base, { minAgeMinutes: 0 }, alice.headers)).status).toBe(403);
    expect(
      (await clean(base, { minAgeMinutes: 0 }, { ...alice.headers, "x-user-role": "ADMIN" })).status,
    ).toBe(403);
    expect((await clean(base, { minAgeMinutes: -1 })).status).toBe(400);
    expect((await clean(base, { minAgeMinutes: "0" })).status).toBe(400);
    expect((await clean(base, { minAgeMinutes: 0, force: true })).status).toBe(400);
    for (const path of ["/v1/admin/storage/orphans", "/v1/admin/storage/usage"]) {
      expect((await fetch(`${base}${path}`)).status).toBe(401);
      expect(
        (await fetch(`${base}${path}`, { headers: { "x-user-id": admin.id, "x-user-role": "ADMIN" } }))
          .status,
      ).toBe(401);
      expect((await fetch(`${base}${path}`, { headers: bearer(alice) })).status).toBe(403);
    }
    expect(await state(withPeers)).toEqual(before);
  });

  it("aborts when either peer fails or answers nonsense", async () => {
    const base = withPeers.service.url;
    const before = await state(withPeers);
    peer.auth = { status: 503, body: {} };
    const authDown = await clean(base, { minAgeMinutes: 0 });
    expect(authDown.status).toBe(409);
    expect((await json(authDown)).error.message).toMatch(/auth could not confirm/);
    peer.auth = { status: 200, body: { urls: [] } };
    peer.blog = { status: 200, body: { images: "all of them" } };
    expect((await clean(base, { minAgeMinutes: 0 })).status).toBe(409);
    expect(await state(withPeers)).toEqual(before);
  });

  it("keeps recent uploads by default, and deletes proven orphans once blog and auth agree", async () => {
    const base = withPeers.service.url;
    const orphans = await orphanIds(base);
    expect(orphans.length).toBe(4);
    const laggingReplica = orphans[0]!;
    peer.blog = {
      status: 200,
      body: { urls: [`http://localhost:3000/v1/images/${laggingReplica}/post.webp`] },
    };
    peer.auth = { status: 200, body: { urls: [] } };

    const fresh = await clean(base, {});
    expect(await json(fresh)).toEqual({ deleted: [], kept: [] });
    expect(await orphanIds(base)).toEqual(orphans);

    peer.calls = [];
    const res = await clean(base, { minAgeMinutes: 0 });
    expect(res.status).toBe(200);
    const result = await json(res);
    expect(result.kept).toEqual([laggingReplica]);
    expect(result.deleted.sort()).toEqual(orphans.slice(1));
    expect(peer.calls.map((c) => c.path).sort()).toEqual([
      "/internal/avatars",
      "/internal/images/referenced",
    ]);
    expect(peer.calls.every((c) => c.token === stack.serviceToken)).toBe(true);

    const after = await state(withPeers);
    for (const id of result.deleted) {
      expect(after.rows).not.toContain(id);
      expect(after.objects.some((k) => k.includes(id))).toBe(false);
      expect((await fetch(`${base}/v1/images/${id}/post.webp`)).status).toBe(404);
    }
    expect(after.deleted.map((e) => e.aggregate_id).sort()).toEqual(result.deleted.sort());
    expect(await orphanIds(base)).toEqual([laggingReplica]);
    expect(after.rows.length).toBe(3);
  });
});
