import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicAddressesOnly } from "./address-policy";
import { fetchLinkPreview } from "./fetch-preview";

const PAGE = `<!doctype html><html><head>
  <title>Fallback title</title>
  <meta property="og:title" content="  Event-driven   blogs ">
  <meta name="description" content="How Quire splits a monolith.">
  <meta property="og:image" content="/cover.png">
  <meta property="og:site_name" content="Quire Test">
  <link rel="icon" href="/static/icon.svg">
</head><body><p>Hello</p></body></html>`;

/** Only this test may reach the local server; everything else keeps the production policy. */
const allowLocalServer = (address: string) => address === "127.0.0.1" || publicAddressesOnly(address);

describe("fetchLinkPreview", () => {
  let server: FastifyInstance;
  let base: string;
  let hits: string[];

  beforeAll(async () => {
    hits = [];
    server = Fastify();
    server.addHook("onRequest", async (req) => {
      hits.push(req.url);
    });
    server.get("/page", async (_req, reply) => reply.type("text/html; charset=utf-8").send(PAGE));
    server.get("/plain", async (_req, reply) => reply.type("text/html").send("<title>Plain</title>"));
    server.get("/hop/:n", async (req, reply) => {
      const n = Number((req.params as { n: string }).n);
      return reply.redirect(n > 1 ? `/hop/${n - 1}` : "/page", 302);
    });
    server.get("/to-private", async (_req, reply) => reply.redirect("http://10.0.0.1/admin", 302));
    server.get("/to-metadata", async (_req, reply) =>
      reply.redirect("http://169.254.169.254/latest/meta-data/", 301),
    );
    server.get("/to-loopback-v6", async (_req, reply) => reply.redirect("http://[::1]:1/", 307));
    server.get("/to-file", async (_req, reply) => reply.redirect("file:///etc/passwd", 302));
    server.get("/json", async () => ({ title: "not html" }));
    server.get("/huge", async (_req, reply) =>
      reply.type("text/html").send(`<html><body>${"x".repeat(2 * 1024 * 1024)}</body></html>`),
    );
    server.get("/huge-chunked", async (_req, reply) => {
      reply.raw.writeHead(200, { "content-type": "text/html" });
      for (let i = 0; i < 40; i++) reply.raw.write("y".repeat(64 * 1024));
      reply.raw.end();
      return reply;
    });
    server.get("/slow", async (_req, reply) => {
      await new Promise((r) => setTimeout(r, 1_500));
      return reply.type("text/html").send("<title>late</title>");
    });
    base = await server.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => server?.close());

  const fetchLocal = (path: string, extra = {}) =>
    fetchLinkPreview(`${base}${path}`, { isAllowedAddress: allowLocalServer, ...extra });

  it("reads title, description, image, favicon and site name", async () => {
    expect(await fetchLocal("/page")).toEqual({
      url: `${base}/page`,
      title: "Event-driven blogs",
      description: "How Quire splits a monolith.",
      image: `${base}/cover.png`,
      favicon: `${base}/static/icon.svg`,
      siteName: "Quire Test",
    });
    expect(await fetchLocal("/plain")).toMatchObject({
      title: "Plain",
      description: null,
      image: null,
      favicon: `${base}/favicon.ico`,
      siteName: "127.0.0.1",
    });
  });

  it("follows up to three redirects and reports the final URL", async () => {
    expect((await fetchLocal("/hop/3")).url).toBe(`${base}/page`);
    await expect(fetchLocal("/hop/4")).rejects.toThrow(/redirects more than 3 times/);
  });

  it("checks every redirect target before connecting to it", async () => {
    await expect(fetchLocal("/to-private")).rejects.toThrow(/private, loopback or link-local/);
    await expect(fetchLocal("/to-metadata")).rejects.toThrow(/private, loopback or link-local/);
    await expect(fetchLocal("/to-loopback-v6")).rejects.toThrow(/private, loopback or link-local/);
    await expect(fetchLocal("/to-file")).rejects.toThrow(/Only http and https/);
  });

  it("refuses non-HTML, large bodies and slow pages", async () => {
    await expect(fetchLocal("/json")).rejects.toThrow(/Only HTML pages/);
    await expect(fetchLocal("/huge")).rejects.toThrow(/larger than 1024 KB/);
    await expect(fetchLocal("/huge-chunked")).rejects.toThrow(/larger than 1024 KB/);
    await expect(fetchLocal("/slow", { timeoutMs: 300 })).rejects.toThrow(/did not answer within 0.3 s/);
  });

  it("with the default policy, refuses the local server without sending it a request", async () => {
    const before = hits.length;
    await expect(fetchLinkPreview(`${base}/page`)).rejects.toThrow(/private, loopback or link-local/);
    await expect(fetchLinkPreview("http://localhost:1/")).rejects.toThrow(/private, loopback or link-local/);
    expect(hits.length).toBe(before);
  });
});
