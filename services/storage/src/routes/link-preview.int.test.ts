import { type RunningService, startService } from "@quire/service-kit";
import {
  createTestDatabase,
  createTestUser,
  json,
  startTestStack,
  type TestStack,
} from "@quire/service-kit/testing";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { publicAddressesOnly } from "../link-preview/address-policy";
import { storageService } from "../service";

type User = Awaited<ReturnType<typeof createTestUser>>;

describe("link preview API", () => {
  let stack: TestStack;
  let site: FastifyInstance;
  let siteUrl: string;
  let sitePort: string;
  let siteHits: number;
  /** A storage instance whose policy also allows 127.0.0.1, to reach the local test site through the API. */
  let permissive: RunningService;
  let permissiveDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let user: User;
  let admin: User;

  beforeAll(async () => {
    siteHits = 0;
    site = Fastify();
    site.addHook("onRequest", async () => {
      siteHits++;
    });
    site.get("/page", async (_req, reply) =>
      reply
        .type("text/html")
        .send('<title>Local page</title><meta property="og:description" content="A test page">'),
    );
    site.get("/to-private", async (_req, reply) => reply.redirect("http://10.1.2.3/", 302));
    site.get("/to-metadata", async (_req, reply) =>
      reply.redirect("http://169.254.169.254/latest/meta-data/iam/", 302),
    );
    site.get("/to-loopback", async (_req, reply) => reply.redirect(`http://[::1]:${sitePort}/page`, 302));
    site.get("/to-decimal-loopback", async (_req, reply) => reply.redirect("http://2130706434/", 302));
    site.get("/hop/:n", async (req, reply) => {
      const n = Number((req.params as { n: string }).n);
      return reply.redirect(n > 1 ? `/hop/${n - 1}` : "/page", 302);
    });
    site.get("/image", async (_req, reply) => reply.type("image/png").send(Buffer.from("png")));
    site.get("/huge", async (_req, reply) => reply.type("text/html").send("z".repeat(1024 * 1024 + 1)));
    site.get("/slow", async (_req, reply) => {
      await new Promise((r) => setTimeout(r, 1_500));
      return reply.type("text/html").send("<title>late</title>");
    });
    siteUrl = await site.listen({ port: 0, host: "127.0.0.1" });
    sitePort = new URL(siteUrl).port;

    stack = await startTestStack([authService(), storageService()]);
    permissiveDb = await createTestDatabase(storageService().migrations);
    permissive = await startService(
      storageService({
        linkPreview: { isAllowedAddress: (a) => a === "127.0.0.1" || publicAddressesOnly(a), timeoutMs: 500 },
      }),
      { env: stack.env, database: permissiveDb, bus: await stack.broker.connect(), port: 0 },
    );
    [user, admin] = await Promise.all([createTestUser(stack, "USER"), createTestUser(stack, "ADMIN")]);
  });
  afterAll(async () => {
    await permissive?.close();
    await permissiveDb?.close();
    await stack?.close();
    await site?.close();
  });

  const preview = (base: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${base}/v1/link-preview`, { method: "POST", headers, body: JSON.stringify(body) });

  it("is for signed-in users only", async () => {
    const storage = stack.services.storage!.url;
    const body = { url: `${siteUrl}/page` };
    const jsonOnly = { "content-type": "application/json" };
    expect((await preview(storage, body, jsonOnly)).status).toBe(401);
    expect(
      (await preview(storage, body, { ...jsonOnly, "x-user-id": user.id, "x-user-role": "ADMIN" })).status,
    ).toBe(401);
    expect((await preview(permissive.url, body, jsonOnly)).status).toBe(401);
    expect((await preview(permissive.url, body, user.headers)).status).toBe(200);
    expect((await preview(permissive.url, body, admin.headers)).status).toBe(200);
  });

  it("previews a page", async () => {
    const res = await preview(permissive.url, { url: `${siteUrl}/hop/2` }, user.headers);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      url: `${siteUrl}/page`,
      title: "Local page",
      description: "A test page",
      image: null,
      favicon: `${siteUrl}/favicon.ico`,
      siteName: "127.0.0.1",
    });
  });

  it("refuses loopback, private, link-local and metadata addresses in every notation, without a request", async () => {
    const storage = stack.services.storage!.url;
    const before = siteHits;
    const targets = [
      `${siteUrl}/page`,
      `http://localhost:${sitePort}/page`,
      `http://[::1]:${sitePort}/page`,
      `http://[::ffff:127.0.0.1]:${sitePort}/page`,
      `http://2130706433:${sitePort}/page`,
      `http://0x7f000001:${sitePort}/page`,
      `http://0177.0.0.1:${sitePort}/page`,
      `http://0x7f.1:${sitePort}/page`,
      `http://127.1:${sitePort}/page`,
      "http://10.0.0.1/",
      "http://172.16.0.1/",
      "http://192.168.0.1/",
      "http://100.64.0.1/",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::ffff:169.254.169.254]/latest/meta-data/",
      "http://0xa9fea9fe/latest/meta-data/",
      "http://[fe80::1]/",
      "http://[fc00::1]/",
      "http://[fd00:ec2::254]/",
      "http://0.0.0.0/",
      "http://[::]/",
      "http://224.0.0.1/",
      "http://255.255.255.255/",
    ];
    for (const url of targets) {
      const res = await preview(storage, { url }, user.headers);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect((await json(res)).error.message).toMatch(/private, loopback or link-local/);
    }
    expect(siteHits).toBe(before);
  });

  it("refuses other schemes and malformed input", async () => {
    const storage = stack.services.storage!.url;
    for (const url of [
      "file:///etc/passwd",
      "ftp://example.com/",
      "javascript:alert(1)",
      "gopher://x/",
      "data:,hi",
    ]) {
      const res = await preview(storage, { url }, user.headers);
      expect(res.status).toBe(400);
      expect((await json(res)).error.message).toMatch(/Only http and https/);
    }
    expect((await preview(storage, { url: "not a url" }, user.headers)).status).toBe(400);
    expect(
      (await preview(storage, { url: `http://user:pw@${siteUrl.slice(7)}/` }, user.headers)).status,
    ).toBe(400);
    expect((await preview(storage, {}, user.headers)).status).toBe(400);
    expect((await preview(storage, { url: 42 }, user.headers)).status).toBe(400);
    expect((await preview(storage, { url: `https://e.com/${"a".repeat(2000)}` }, user.headers)).status).toBe(
      400,
    );
    expect((await preview(storage, { url: "https://e.com/", extra: 1 }, user.headers)).status).toBe(400);
  });

  it("re-checks every redirect target, even when the first hop is allowed", async () => {
    for (const path of ["/to-private", "/to-metadata", "/to-loopback", "/to-decimal-loopback"]) {
      const res = await preview(permissive.url, { url: `${siteUrl}${path}` }, user.headers);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect((await json(res)).error.message).toMatch(/private, loopback or link-local/);
    }
    const tooMany = await preview(permissive.url, { url: `${siteUrl}/hop/4` }, user.headers);
    expect(tooMany.status).toBe(400);
    expect((await json(tooMany)).error.message).toMatch(/redirects more than 3 times/);
  });

  it("refuses non-HTML answers, bodies over 1 MB and slow pages", async () => {
    const expectRefused = async (path: string, message: RegExp) => {
      const res = await preview(permissive.url, { url: `${siteUrl}${path}` }, user.headers);
      expect(res.status).toBe(400);
      expect((await json(res)).error.message).toMatch(message);
    };
    await expectRefused("/image", /Only HTML pages/);
    await expectRefused("/huge", /larger than 1024 KB/);
    await expectRefused("/slow", /did not answer within 0.5 s/);
  });
});
