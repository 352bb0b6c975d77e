import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ServiceName } from "@quire/service-kit";
import { eventually, type Json, json } from "@quire/service-kit/testing";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdminStack, dataOf, errorCodeOf, startAdminStack, type TestAccount } from "./admin-test-stack";
import { insertDeadLetter } from "./test-support";
import { MAX_UPLOAD_BYTES } from "./uploads";

const UPLOAD = `mutation($file: File!, $purpose: ImagePurpose!) {
  uploadImage(file: $file, purpose: $purpose) { id url width height bytes originalBytes } }`;

/** Storage, uploads, link previews, backups and the event pipeline, through the real services. */
describe("BFF admin: operations screens", () => {
  let s: AdminStack;
  let admin: TestAccount;
  let user: TestAccount;
  let png: Buffer;
  let site: Server;
  let siteUrl: string;
  const asAdmin = (query: string, variables: Record<string, unknown> = {}) =>
    s.gql(query, variables, admin.token);
  const rows = (service: string, sql: string, params: unknown[] = []) =>
    s.stack.services[service]!.ctx.database.query(sql, params);

  /** A GraphQL multipart request (the spec's operations, map and one file part). */
  const upload = (
    file: Blob,
    purpose: string,
    options: { token?: string; headers?: Record<string, string> } = {},
  ) => {
    const form = new FormData();
    form.append("operations", JSON.stringify({ query: UPLOAD, variables: { file: null, purpose } }));
    form.append("map", JSON.stringify({ 0: ["variables.file"] }));
    form.append("0", file, "picture.png");
    return fetch(`${s.bff.url}/graphql`, {
      method: "POST",
      headers: {
        "apollo-require-preflight": "true",
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: form,
    });
  };
  const pngBlob = () => new Blob([new Uint8Array(png)], { type: "image/png" });

  beforeAll(async () => {
    s = await startAdminStack();
    ({ admin, user } = s);
    png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#336699" } })
      .png()
      .toBuffer();
    site = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        `<html><head><title>Quire docs</title><meta property="og:description" content="How it works">` +
          `<meta property="og:site_name" content="Quire"></head><body>Hi</body></html>`,
      );
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/docs`;
  });
  afterAll(async () => {
    await s?.close();
    await new Promise((resolve) => site?.close(resolve));
  });

  describe("image uploads (GraphQL multipart)", () => {
    it("uploads a post image for an admin and an avatar for a user, re-encoded by storage", async () => {
      const res = await upload(pngBlob(), "POST", { token: admin.token });
      expect(res.status).toBe(200);
      const image = dataOf(await json(res)).uploadImage;
      expect(image).toMatchObject({ width: 64, height: 48, originalBytes: png.length });
      expect(image.url).toMatch(/^\/v1\/images\//);
      // Storage serves what was stored, as WebP.
      const served = await fetch(`${s.stack.services.storage!.url}${image.url}`);
      expect(served.headers.get("content-type")).toBe("image/webp");

      const avatar = dataOf(await json(await upload(pngBlob(), "AVATAR", { token: user.token }))).uploadImage;
      expect(avatar.width).toBe(256);
    });

    it("follows storage's rules: a user may not upload post images, an anonymous caller nothing", async () => {
      const before = await rows("storage", "select id from images order by id");
      expect(errorCodeOf(await json(await upload(pngBlob(), "POST", { token: user.token })))).toBe(
        "FORBIDDEN",
      );
      expect(errorCodeOf(await json(await upload(pngBlob(), "COVER", { token: user.token })))).toBe(
        "FORBIDDEN",
      );
      expect(errorCodeOf(await json(await upload(pngBlob(), "AVATAR")))).toBe("UNAUTHENTICATED");
      expect(await rows("storage", "select id from images order by id")).toEqual(before);
    });

    it("refuses a multipart request without the CSRF header, before reading it", async () => {
      const before = await rows("storage", "select id from images order by id");
      const form = new FormData();
      form.append(
        "operations",
        JSON.stringify({ query: UPLOAD, variables: { file: null, purpose: "POST" } }),
      );
      form.append("map", JSON.stringify({ 0: ["variables.file"] }));
      form.append("0", pngBlob(), "picture.png");
      // What a cross-site HTML form could send: multipart, no custom header.
      const res = await fetch(`${s.bff.url}/graphql`, {
        method: "POST",
        headers: { authorization: `Bearer ${admin.token}` },
        body: form,
      });
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(errorCodeOf(body)).toBe("BAD_USER_INPUT");
      expect(body.errors[0].message).toMatch(/apollo-require-preflight/);
      // The other accepted header works as well.
      const withOther = await upload(pngBlob(), "POST", {
        token: admin.token,
        headers: { "apollo-require-preflight": "", "x-graphql-csrf": "1" },
      });
      expect(dataOf(await json(withOther)).uploadImage.id).toEqual(expect.any(String));
      expect((await rows("storage", "select id from images order by id")).length).toBe(before.length + 1);
    });

    it("refuses files over storage's limit, by declared length and while streaming, storing nothing", async () => {
      const before = await rows("storage", "select id from images order by id");
      const declaredTooLarge = await upload(
        new Blob([new Uint8Array(MAX_UPLOAD_BYTES + 512 * 1024)]),
        "POST",
        {
          token: admin.token,
        },
      );
      expect(declaredTooLarge.status).toBe(413);
      expect(errorCodeOf(await json(declaredTooLarge))).toBe("BAD_USER_INPUT");
      // Just over the limit: the declared length passes, the file part is cut off as it streams in.
      const justOver = await upload(new Blob([new Uint8Array(MAX_UPLOAD_BYTES + 1)]), "POST", {
        token: admin.token,
      });
      expect(justOver.status).toBe(413);
      const body = await json(justOver);
      expect(errorCodeOf(body)).toBe("BAD_USER_INPUT");
      expect(body.errors[0].message).toMatch(/at most 10 MB/);
      expect(await rows("storage", "select id from images order by id")).toEqual(before);
    });

    it("refuses bytes that are not an image and a malformed multipart request", async () => {
      const before = await rows("storage", "select id from images order by id");
      const notImage = await upload(new Blob(["<svg onload=alert(1)>"], { type: "image/png" }), "POST", {
        token: admin.token,
      });
      expect(errorCodeOf(await json(notImage))).toBe("BAD_USER_INPUT");
      const form = new FormData();
      form.append("map", "{}");
      const malformed = await fetch(`${s.bff.url}/graphql`, {
        method: "POST",
        headers: { authorization: `Bearer ${admin.token}`, "x-graphql-csrf": "1" },
        body: form,
      });
      expect(errorCodeOf(await json(malformed))).toBe("BAD_USER_INPUT");
      expect(await rows("storage", "select id from images order by id")).toEqual(before);
    });
  });

  describe("storage", () => {
    it("shows usage and orphans page by page, and cleans orphans", async () => {
      const usage = dataOf(
        await asAdmin(
          `{ storageUsage { avatar { count bytes } cover { count } post { count bytes } total { count bytes } stored { count bytes } } }`,
        ),
      ).storageUsage;
      expect(usage.post.count).toBe(2);
      expect(usage.avatar.count).toBe(1);
      expect(usage.total.count).toBe(3);
      expect(usage.total.bytes).toBe(usage.post.bytes + usage.avatar.bytes);
      expect(usage.stored.count).toBeGreaterThanOrEqual(3);

      // Nothing references the uploads yet: every one is an orphan.
      const all = dataOf(
        await asAdmin(
          `{ orphanImages { totalCount totalBytes edges { cursor node { id url purpose ownerId bytes createdAt } } pageInfo { hasNextPage } } }`,
        ),
      ).orphanImages;
      expect(all.totalCount).toBe(3);
      expect(all.totalBytes).toBe(usage.total.bytes);
      expect(all.edges.map((e: Json) => e.node.purpose).sort()).toEqual(["AVATAR", "POST", "POST"]);
      const first = dataOf(
        await asAdmin(
          `{ orphanImages(first: 2) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        ),
      ).orphanImages;
      expect(first.pageInfo.hasNextPage).toBe(true);
      const rest = dataOf(
        await asAdmin(
          `query($a: String) { orphanImages(first: 2, after: $a) { edges { node { id } } pageInfo { hasNextPage } } }`,
          {
            a: first.pageInfo.endCursor,
          },
        ),
      ).orphanImages;
      expect([...first.edges, ...rest.edges].map((e: Json) => e.node.id).sort()).toEqual(
        all.edges.map((e: Json) => e.node.id).sort(),
      );
      expect(rest.pageInfo.hasNextPage).toBe(false);
      expect(errorCodeOf(await asAdmin(`{ orphanImages(after: "no-such-cursor") { totalCount } }`))).toBe(
        "BAD_USER_INPUT",
      );

      const before = await rows("storage", "select id from images order by id");
      expect(
        errorCodeOf(await asAdmin(`mutation { cleanOrphanImages(minAgeMinutes: -1) { deleted } }`)),
      ).toBe("BAD_USER_INPUT");
      // Fresh uploads are kept by default: an editor may be about to save the post that uses them.
      expect(
        dataOf(await asAdmin(`mutation { cleanOrphanImages { deleted kept } }`)).cleanOrphanImages.deleted,
      ).toEqual([]);
      expect(await rows("storage", "select id from images order by id")).toEqual(before);
      const cleaned = dataOf(
        await asAdmin(`mutation { cleanOrphanImages(minAgeMinutes: 0) { deleted kept } }`),
      ).cleanOrphanImages;
      expect(cleaned.deleted.sort()).toEqual(all.edges.map((e: Json) => e.node.id).sort());
      expect(dataOf(await asAdmin(`{ orphanImages { totalCount } }`)).orphanImages.totalCount).toBe(0);
    });

    it("fetches a link preview for the editor and refuses private addresses", async () => {
      const preview = dataOf(
        await asAdmin(
          `mutation($url: String!) { fetchLinkPreview(url: $url) { url title description siteName image favicon } }`,
          {
            url: siteUrl,
          },
        ),
      ).fetchLinkPreview;
      expect(preview).toMatchObject({ title: "Quire docs", description: "How it works", siteName: "Quire" });
      expect(
        errorCodeOf(await asAdmin(`mutation { fetchLinkPreview(url: "http://10.0.0.1/admin") { title } }`)),
      ).toBe("BAD_USER_INPUT");
      expect(errorCodeOf(await asAdmin(`mutation { fetchLinkPreview(url: "not a url") { title } }`))).toBe(
        "BAD_USER_INPUT",
      );
    });
  });

  describe("backups", () => {
    const JOB = "id kind backupId status progress step error startedAt finishedAt";
    const finished = (id: string) =>
      eventually(async () => {
        const job = dataOf(
          await asAdmin(`query($id: ID!) { backupJob(id: $id) { ${JOB} } }`, { id }),
        ).backupJob;
        return job.status === "RUNNING" ? undefined : job;
      }, 60_000);

    it("creates a backup with progress, lists it with its job, restores it and deletes it", async () => {
      const started = dataOf(
        await asAdmin(`mutation { createBackup(description: "Before the migration") { ${JOB} } }`),
      ).createBackup;
      expect(started).toMatchObject({ kind: "BACKUP" });
      const done = await finished(started.id);
      expect(done).toMatchObject({ status: "SUCCEEDED", progress: 100 });

      const list = dataOf(
        await asAdmin(
          `{ backups { edges { cursor node { id description createdBy createdAt bytes services } } pageInfo { hasNextPage } jobs { id status progress } } }`,
        ),
      ).backups;
      const backup = list.edges.find((e: Json) => e.node.id === done.backupId).node;
      expect(backup).toMatchObject({ description: "Before the migration", createdBy: admin.id });
      expect(backup.bytes).toBeGreaterThan(0);
      expect(backup.services).toContain("auth");
      expect(list.jobs.map((j: Json) => j.id)).toContain(started.id);

      const restore = dataOf(
        await asAdmin(`mutation($id: ID!) { restoreBackup(id: $id) { ${JOB} } }`, { id: backup.id }),
      ).restoreBackup;
      expect(restore).toMatchObject({ kind: "RESTORE", backupId: backup.id });
      expect(await finished(restore.id)).toMatchObject({ status: "SUCCEEDED", progress: 100 });

      expect(
        dataOf(await asAdmin(`mutation($id: ID!) { deleteBackup(id: $id) }`, { id: backup.id })).deleteBackup,
      ).toBe(true);
      expect(dataOf(await asAdmin(`{ backups { edges { node { id } } } }`)).backups.edges).toEqual([]);
    });

    it("refuses a long description and unknown backups, starting nothing", async () => {
      const before = await rows("storage", "select id from backup_jobs order by id");
      expect(
        errorCodeOf(
          await asAdmin(`mutation($d: String) { createBackup(description: $d) { id } }`, {
            d: "x".repeat(201),
          }),
        ),
      ).toBe("BAD_USER_INPUT");
      expect(errorCodeOf(await asAdmin(`mutation { restoreBackup(id: "no-such-backup") { id } }`))).toBe(
        "NOT_FOUND",
      );
      expect(errorCodeOf(await asAdmin(`mutation { deleteBackup(id: "no-such-backup") }`))).toBe("NOT_FOUND");
      expect(dataOf(await asAdmin(`{ backupJob(id: "no-such-job") { id } }`)).backupJob).toBeNull();
      expect(await rows("storage", "select id from backup_jobs order by id")).toEqual(before);
    });
  });

  describe("event pipeline", () => {
    const PIPELINE = `{ eventPipeline { totalBacklog totalDeadLetters services { service available outboxBacklog oldestPendingAt
      deadLetters { id service queue eventId type aggregateId occurredAt payload error attempts deadAt } } } }`;

    const deadLetter = (service: ServiceName, queue: string) => insertDeadLetter(s.stack, service, queue);

    it("shows every service's outbox backlog and dead letters with payload, error and attempts", async () => {
      const dead = await deadLetter("blog", "blog.author-replica");
      const pipeline = dataOf(await asAdmin(PIPELINE)).eventPipeline;
      expect(pipeline.services.map((p: Json) => p.service)).toEqual([
        "AUTH",
        "BLOG",
        "CONTENT",
        "PAGE",
        "ANALYTICS",
        "STORAGE",
      ]);
      expect(pipeline.services.every((p: Json) => p.available && p.outboxBacklog >= 0)).toBe(true);
      const blog = pipeline.services.find((p: Json) => p.service === "BLOG");
      const letter = blog.deadLetters.find((d: Json) => d.id === dead.id);
      expect(letter).toMatchObject({
        service: "BLOG",
        queue: "blog.author-replica",
        eventId: dead.envelope.id,
        type: "user.registered",
        aggregateId: dead.userId,
        error: "handler timed out",
        attempts: 5,
      });
      expect(JSON.parse(letter.payload)).toEqual(dead.envelope.payload);
      expect(pipeline.totalDeadLetters).toBeGreaterThanOrEqual(1);
    });

    it("replays a dead letter onto its queue, where the consumer applies it", async () => {
      const dead = await deadLetter("blog", "blog.author-replica");
      expect(
        dataOf(
          await asAdmin(`mutation($id: ID!) { replayDeadLetter(service: BLOG, id: $id) }`, { id: dead.id }),
        ).replayDeadLetter,
      ).toBe(true);
      await eventually(async () => {
        const authors = await rows("blog", "select name from authors where id = $1", [dead.userId]);
        return authors.length === 1;
      });
      expect(await rows("blog", "select id from dead_letters where id = $1", [dead.id])).toEqual([]);
    });

    it("discards a dead letter; an unknown one is NOT_FOUND and touches nothing", async () => {
      const dead = await deadLetter("content", "content.authors");
      const before = await rows("content", "select id from dead_letters order by id");
      expect(errorCodeOf(await asAdmin(`mutation { discardDeadLetter(service: CONTENT, id: "nope") }`))).toBe(
        "NOT_FOUND",
      );
      expect(errorCodeOf(await asAdmin(`mutation { replayDeadLetter(service: AUTH, id: "nope") }`))).toBe(
        "NOT_FOUND",
      );
      expect(await rows("content", "select id from dead_letters order by id")).toEqual(before);
      expect(
        dataOf(
          await asAdmin(`mutation($id: ID!) { discardDeadLetter(service: CONTENT, id: $id) }`, {
            id: dead.id,
          }),
        ).discardDeadLetter,
      ).toBe(true);
      expect(await rows("content", "select id from dead_letters where id = $1", [dead.id])).toEqual([]);
    });
  });

  describe("a service down", () => {
    it("costs only its widgets and its pipeline entry", async () => {
      await s.stack.services.storage!.close();
      const pipeline = dataOf(
        await asAdmin(`{ eventPipeline { services { service available deadLetters { id } } } }`),
      ).eventPipeline;
      expect(pipeline.services.find((p: Json) => p.service === "STORAGE")).toEqual({
        service: "STORAGE",
        available: false,
        deadLetters: null,
      });
      expect(pipeline.services.filter((p: Json) => p.available)).toHaveLength(5);

      const body = await asAdmin(`{ adminDashboard { totals { users } storage { total { count } } } }`);
      expect(body.data.adminDashboard.totals.users).toBeGreaterThan(0);
      expect(body.data.adminDashboard.storage).toBeNull();
      expect(body.errors.map((e: Json) => [e.path.join("."), e.extensions.code])).toEqual([
        ["adminDashboard.storage", "UNAVAILABLE"],
      ]);
    });
  });
});
