import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import {
  createTestUser,
  eventually,
  type Json,
  json,
  startTestStack,
  type TestStack,
} from "@quire/service-kit/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyticsService } from "../../../analytics/src/service";
import { authService } from "../../../auth/src/service";
import { blogService } from "../../../blog/src/service";
import { contentService } from "../../../content/src/service";
import { pageService } from "../../../page/src/service";
import { BACKED_UP_SERVICES, backupObjectKey } from "../backups/archive";
import { storageService } from "../service";
import { LocalObjectStore } from "../storage/local-store";

type User = Awaited<ReturnType<typeof createTestUser>>;

const PASSWORD = "Backup-Pass1";
const anon = { "content-type": "application/json" };
const withoutBody = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => k !== "content-type"));

describe("backups and restore of every service", () => {
  let stack: TestStack;
  let dir: string;
  let store: LocalObjectStore;
  let storage: string;
  let admin: User;
  let user: User;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "quire-backups-"));
    store = new LocalObjectStore(join(dir, "objects"));
    stack = await startTestStack([
      authService(),
      blogService(),
      contentService(),
      pageService(),
      analyticsService(),
      storageService({ objectStore: store }),
    ]);
    storage = stack.services.storage!.url;
    admin = await createTestUser(stack, "ADMIN", "Keeper");
    user = await createTestUser(stack, "USER", "Reader");
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const call = (
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = admin.headers,
  ) =>
    fetch(url, {
      method,
      headers: body === undefined ? withoutBody(headers) : headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const api = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    call(method, `${storage}${path}`, body, headers);
  const at = (service: string) => stack.services[service]!.url;

  const internalBackup = async (service: string): Promise<Json> =>
    json(
      await fetch(`${at(service)}/internal/backup`, { headers: { "x-service-token": stack.serviceToken } }),
    );
  const allTables = async () => {
    const out: Record<string, Json> = {};
    for (const s of BACKED_UP_SERVICES) out[s] = (await internalBackup(s)).tables;
    return out;
  };

  /** Waits until every event is published and consumed: no outbox row pending and nothing changing. */
  const settled = () =>
    eventually(async () => {
      const first = await allTables();
      const pending = Object.values(first).some((t) => t.outbox_pending.length > 0);
      if (pending) return false;
      await new Promise((r) => setTimeout(r, 300));
      return JSON.stringify(await allTables()) === JSON.stringify(first) && first;
    }, 30_000);

  /** Polls a job to its end, collecting the progress and steps seen on the way. */
  const finished = async (jobId: string) => {
    const seen: { progress: number; step: string }[] = [];
    const job = await eventually(async () => {
      const res = await api("GET", `/v1/admin/backup-jobs/${jobId}`);
      expect(res.status).toBe(200);
      const { job } = await json(res);
      seen.push({ progress: job.progress, step: job.step });
      return job.status !== "RUNNING" && job;
    }, 60_000);
    return { job, seen };
  };

  const backUp = async (description: string) => {
    const res = await api("POST", "/v1/admin/backups", { description });
    expect(res.status).toBe(202);
    const { job } = await json(res);
    const done = await finished(job.id);
    expect(done.job).toMatchObject({ status: "SUCCEEDED", progress: 100, error: null });
    return done.job;
  };

  const restore = async (backupId: string) => {
    const res = await api("POST", `/v1/admin/backups/${backupId}/restore`);
    expect(res.status).toBe(202);
    const { job } = await json(res);
    expect(job).toMatchObject({ kind: "RESTORE", backupId, status: "RUNNING" });
    return finished(job.id);
  };

  const register = async (email: string, password = PASSWORD) =>
    expect((await call("POST", `${at("auth")}/v1/register`, { email, password }, anon)).status).toBe(201);
  const login = (email: string, password: string) =>
    call("POST", `${at("auth")}/v1/login`, { email, password }, anon);

  const createPost = async (categoryId: string, title: string) => {
    const res = await call("POST", `${at("blog")}/v1/posts`, {
      title,
      categoryId,
      contentHtml: `<p>${title}</p>`,
    });
    expect(res.status).toBe(201);
    const post = await json(res);
    // Comments need content's replica of the post.
    await eventually(
      async () =>
        (await stack.services.content!.ctx.database.query("select 1 from posts where id = $1", [post.id]))
          .length === 1,
    );
    return post.id as string;
  };
  const comment = async (postId: string, text: string) => {
    const res = await call("POST", `${at("content")}/v1/posts/${postId}/comments`, { content: text });
    expect(res.status).toBe(201);
    return (await json(res)).id as string;
  };

  it("backs up every service with progress and restores it exactly, passwords included", async () => {
    await register("one@example.com");
    await register("two@example.com");
    const category = await json(await call("POST", `${at("blog")}/v1/categories`, { name: "Kept" }));
    await eventually(
      async () =>
        (await stack.services.content!.ctx.database.query("select 1 from authors where id = $1", [admin.id]))
          .length === 1,
    );
    const postId = await createPost(category.id, "Kept post");
    await comment(postId, "A kept comment");
    const doomedComment = await comment(postId, "A comment deleted after the backup");
    await settled();

    const job = await backUp("Before the launch");
    expect(job.kind).toBe("BACKUP");
    expect(job.finishedAt).not.toBeNull();
    for (const service of BACKED_UP_SERVICES) expect(job.step).toContain(service);

    const list = await json(await api("GET", "/v1/admin/backups"));
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      id: job.backupId,
      description: "Before the launch",
      createdBy: admin.id,
      services: [...BACKED_UP_SERVICES],
    });

    const download = await api("GET", `/v1/admin/backups/${job.backupId}/download`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/gzip");
    expect(download.headers.get("content-disposition")).toMatch(
      /^attachment; filename="quire-backup-.*\.json\.gz"$/,
    );
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.length).toBe(list.items[0].bytes);
    expect((await store.get(backupObjectKey(job.backupId)))!.bytes).toEqual(bytes);
    const archive = JSON.parse(gunzipSync(bytes).toString("utf8"));
    expect(archive).toMatchObject({ format: "quire-backup/1", description: "Before the launch" });
    expect(archive.services.map((s: Json) => s.service)).toEqual([...BACKED_UP_SERVICES]);
    const part = (service: string) => archive.services.find((s: Json) => s.service === service);
    const hashes = part("auth").tables.users.map((u: Json) => u.password_hash);
    expect(hashes.length).toBeGreaterThanOrEqual(4);
    for (const hash of hashes) expect(hash).toMatch(/^\$argon2id\$/);
    expect(part("storage").tables.backups).toBeUndefined();
    expect(part("storage").tables.backup_jobs).toBeUndefined();

    // Changes after the backup: a new user, a changed password, a new post, a deleted comment.
    await register("later@example.com", "Later-Pass1");
    const one = await json(await login("one@example.com", PASSWORD));
    const changed = await call(
      "PUT",
      `${at("auth")}/v1/me/password`,
      { currentPassword: PASSWORD, newPassword: "Changed-Pass2" },
      { authorization: `Bearer ${one.accessToken}`, "content-type": "application/json" },
    );
    expect(changed.status).toBe(200);
    await createPost(category.id, "Later post");
    expect((await call("DELETE", `${at("content")}/v1/comments/${doomedComment}`)).status).toBe(204);
    const changedTables = await settled();
    for (const service of ["auth", "blog", "content"]) {
      expect(changedTables[service]).not.toEqual(part(service).tables);
    }

    const { job: restoreJob, seen } = await restore(job.backupId);
    expect(restoreJob).toMatchObject({ status: "SUCCEEDED", progress: 100, error: null });
    for (const service of BACKED_UP_SERVICES) expect(restoreJob.step).toContain(service);
    expect(seen.map((s) => s.progress)).toEqual([...seen.map((s) => s.progress)].sort((a, b) => a - b));

    for (const service of BACKED_UP_SERVICES) {
      expect((await internalBackup(service)).tables).toEqual(part(service).tables);
    }
    expect((await login("one@example.com", PASSWORD)).status).toBe(200);
    expect((await login("two@example.com", PASSWORD)).status).toBe(200);
    expect((await login("one@example.com", "Changed-Pass2")).status).toBe(401);
    expect((await login("later@example.com", "Later-Pass1")).status).toBe(401);

    // The catalogue survived its own restore: the backup and both jobs are still on record.
    expect((await json(await api("GET", "/v1/admin/backups"))).items.map((b: Json) => b.id)).toEqual([
      job.backupId,
    ]);
    const jobs = await json(await api("GET", "/v1/admin/backup-jobs"));
    expect(jobs.items.map((j: Json) => j.id)).toEqual([restoreJob.id, job.id]);
  }, 180_000);

  it("reports the progress of a running job and refuses a second one with 409", async () => {
    // Holding a lock on content's comments keeps the backup waiting at content.
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => {
      locked = r;
    });
    const lock = stack.services.content!.ctx.db.transaction(async (tx) => {
      await tx.execute(sql`lock table comments in access exclusive mode`);
      locked();
      await held;
    });
    await isLocked;
    try {
      const res = await api("POST", "/v1/admin/backups", { description: "Slow one" });
      expect(res.status).toBe(202);
      const { job } = await json(res);
      const midway = await eventually(async () => {
        const { job: now } = await json(await api("GET", `/v1/admin/backup-jobs/${job.id}`));
        return now.step === "Backing up content" && now;
      });
      expect(midway.status).toBe("RUNNING");
      expect(midway.progress).toBeGreaterThan(0);
      expect(midway.progress).toBeLessThan(100);

      const backupsBefore = await json(await api("GET", "/v1/admin/backups"));
      const second = await api("POST", "/v1/admin/backups", { description: "Second" });
      expect(second.status).toBe(409);
      const restoring = await api("POST", `/v1/admin/backups/${backupsBefore.items[0].id}/restore`);
      expect(restoring.status).toBe(409);
      const running = (await json(await api("GET", "/v1/admin/backup-jobs"))).items.filter(
        (j: Json) => j.status === "RUNNING",
      );
      expect(running.map((j: Json) => j.id)).toEqual([job.id]);

      release();
      await lock;
      const { job: done } = await finished(job.id);
      expect(done.status).toBe("SUCCEEDED");
      expect((await api("DELETE", `/v1/admin/backups/${done.backupId}`)).status).toBe(204);
      expect(await store.get(backupObjectKey(done.backupId))).toBeNull();
      expect((await api("GET", `/v1/admin/backups/${done.backupId}/download`)).status).toBe(404);
    } finally {
      release();
      await lock;
    }
  }, 120_000);

  it("fails the restore of a corrupt or mismatched archive cleanly and changes nothing", async () => {
    const job = await backUp("To be corrupted");
    const key = backupObjectKey(job.backupId);
    const good = (await store.get(key))!.bytes;
    const archive = JSON.parse(gunzipSync(good).toString("utf8"));
    // A change after the backup, which a failed restore must keep.
    await register("kept@example.com");
    await settled();
    const before = await allTables();

    const broken: [string, Buffer, RegExp][] = [
      ["garbage", Buffer.from("this is not an archive"), /not a gzip file/],
      ["gzip of text", gzipSync("{ nope"), /not hold valid JSON/],
      [
        "a service missing",
        gzipSync(JSON.stringify({ ...archive, services: archive.services.slice(0, 5) })),
        /lacks storage/,
      ],
      [
        "a row that is not an object",
        gzipSync(
          JSON.stringify({
            ...archive,
            services: archive.services.map((s: Json) =>
              s.service === "auth" ? { ...s, tables: { ...s.tables, users: [42] } } : s,
            ),
          }),
        ),
        /not a quire-backup\/1 backup/,
      ],
      [
        "another schema version",
        gzipSync(
          JSON.stringify({
            ...archive,
            services: archive.services.map((s: Json) =>
              s.service === "page" ? { ...s, migrations: [...s.migrations, "9999_future"] } : s,
            ),
          }),
        ),
        /page has another schema version/,
      ],
      [
        // Storage goes last, so every other service has been restored when its database refuses the row.
        "a row storage's database refuses",
        gzipSync(
          JSON.stringify({
            ...archive,
            services: archive.services.map((s: Json) =>
              s.service === "storage"
                ? {
                    ...s,
                    tables: {
                      ...s.tables,
                      images: [
                        {
                          id: "bad",
                          owner_id: admin.id,
                          key: "images/bad.webp",
                          purpose: "not-a-purpose",
                          content_type: "image/webp",
                          bytes: 1,
                          original_bytes: 1,
                          width: 1,
                          height: 1,
                          created_at: new Date().toISOString(),
                        },
                      ],
                    },
                  }
                : s,
            ),
          }),
        ),
        /^Restoring storage failed \(the database refused the data: .*check.*\); every service is as it was before the restore$/,
      ],
    ];
    for (const [what, bytes, error] of broken) {
      await store.put(key, bytes, "application/gzip");
      const { job: failed } = await restore(job.backupId);
      expect(failed.status, what).toBe("FAILED");
      expect(failed.error, what).toMatch(error);
      expect(failed.finishedAt).not.toBeNull();
      expect(await allTables(), what).toEqual(before);
    }

    await store.delete(key);
    const { job: missing } = await restore(job.backupId);
    expect(missing.error).toMatch(/missing/);
    expect(await allTables()).toEqual(before);
    expect((await login("kept@example.com", PASSWORD)).status).toBe(200);
  }, 180_000);

  it("answers only admins on every route, whatever headers claim", async () => {
    const jobsBefore = await json(await api("GET", "/v1/admin/backup-jobs"));
    const backupsBefore = await json(await api("GET", "/v1/admin/backups"));
    const someBackup = backupsBefore.items[0].id;
    const someJob = jobsBefore.items[0].id;
    const routes: [string, string, unknown?][] = [
      ["POST", "/v1/admin/backups", { description: "Mine" }],
      ["GET", "/v1/admin/backups"],
      ["GET", "/v1/admin/backup-jobs"],
      ["GET", `/v1/admin/backup-jobs/${someJob}`],
      ["GET", `/v1/admin/backups/${someBackup}/download`],
      ["DELETE", `/v1/admin/backups/${someBackup}`],
      ["POST", `/v1/admin/backups/${someBackup}/restore`],
    ];
    const forged = { ...anon, "x-user-id": admin.id, "x-user-role": "ADMIN" };
    for (const [method, path, body] of routes) {
      expect((await api(method, path, body, anon)).status, `${method} ${path}`).toBe(401);
      expect((await api(method, path, body, forged)).status, `${method} ${path}`).toBe(401);
      expect((await api(method, path, body, { ...user.headers, "x-user-role": "ADMIN" })).status).toBe(403);
      expect((await api(method, path, body, { ...anon, authorization: "Bearer forged" })).status).toBe(401);
    }
    expect(await json(await api("GET", "/v1/admin/backup-jobs"))).toEqual(jobsBefore);
    expect(await json(await api("GET", "/v1/admin/backups"))).toEqual(backupsBefore);
  });

  it("refuses bad input and unknown ids, writing nothing", async () => {
    const jobsBefore = await json(await api("GET", "/v1/admin/backup-jobs"));
    for (const body of [
      { description: "x".repeat(201) },
      { description: 42 },
      { description: "ok", extra: true },
    ]) {
      expect((await api("POST", "/v1/admin/backups", body)).status).toBe(400);
    }
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await api("POST", `/v1/admin/backups/${unknown}/restore`)).status).toBe(404);
    expect((await api("GET", `/v1/admin/backups/${unknown}/download`)).status).toBe(404);
    expect((await api("DELETE", `/v1/admin/backups/${unknown}`)).status).toBe(404);
    expect((await api("GET", `/v1/admin/backup-jobs/${unknown}`)).status).toBe(404);
    expect(await json(await api("GET", "/v1/admin/backup-jobs"))).toEqual(jobsBefore);
  });
});
