import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../services/auth/src/service";
import { sha256 } from "./security";
import { type BffServer, startBff } from "./server";

const post = (url: string, body: unknown) =>
  fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const codes = (body: { errors?: Array<{ extensions?: { code?: string } }> }) =>
  (body.errors ?? []).map((e) => e.extensions?.code);

describe("BFF guards: query limits, CORS, production lock-down", () => {
  let stack: TestStack;
  let bff: BffServer;
  let production: BffServer;
  let dir: string;
  const trusted = "query Trusted { oidcConfig { enabled } }";
  const trustedIntrospection = "query Schema { __schema { types { name } } }";

  beforeAll(async () => {
    stack = await startTestStack([authService()]);
    bff = await startBff({ env: stack.env, port: 0 });
    dir = mkdtempSync(join(tmpdir(), "bff-documents-"));
    // Two apps' lists, as each frontend's build writes its own.
    const blogList = join(dir, "blog-documents.json");
    const adminList = join(dir, "admin-documents.json");
    writeFileSync(blogList, JSON.stringify({ [sha256(trusted)]: trusted }));
    writeFileSync(adminList, JSON.stringify({ [sha256(trustedIntrospection)]: trustedIntrospection }));
    production = await startBff({
      env: { ...stack.env, NODE_ENV: "production", BFF_TRUSTED_DOCUMENTS: `${blogList},${adminList}` },
      port: 0,
    });
  });
  afterAll(async () => {
    await production?.close();
    await bff?.close();
    await stack?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a query 20 levels deep and answers one within the limit", async () => {
    const nest = (levels: number) => `${"related { ".repeat(levels)}slug${" }".repeat(levels)}`;
    const deep = await json(await post(bff.url, { query: `{ post(slug: "x") { ${nest(19)} } }` }));
    // Its cost is over the limit too; the depth rule names the problem either way.
    expect(deep.errors.map((e: { message: string }) => e.message).join("\n")).toMatch(/depth limit of 12/i);
    expect(deep.data).toBeUndefined();
    expect(new Set(codes(deep))).toEqual(new Set(["BAD_USER_INPUT"]));
    const fine = await json(await post(bff.url, { query: `{ post(slug: "x") { ${nest(3)} } }` }));
    // Past validation, it runs: `data` is there (null or not), whatever the blog service answers.
    expect(fine).toHaveProperty("data");
  });

  it("refuses 100 aliases and a query past the token limit", async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: oidcConfig { enabled }`).join(" ");
    const many = await json(await post(bff.url, { query: `{ ${aliases} }` }));
    expect(many.errors.map((e: { message: string }) => e.message).join("\n")).toMatch(/aliases limit of 30/i);
    expect(many.data).toBeUndefined();
    expect(new Set(codes(many))).toEqual(new Set(["BAD_USER_INPUT"]));
    const few = await json(await post(bff.url, { query: "{ a: __typename b: __typename }" }));
    expect(few).toEqual({ data: { a: "Query", b: "Query" } });
    const long = await json(await post(bff.url, { query: `{ ${"__typename ".repeat(1_200)} }` }));
    expect(long.data).toBeUndefined();
    expect(long.errors[0].message).toMatch(/token/i);
    expect(codes(long)[0]).toBe("BAD_USER_INPUT");
  });

  it("allows cross-origin calls from the site's origin only", async () => {
    const preflight = (origin: string) =>
      fetch(`${bff.url}/graphql`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
    const site = await preflight("http://localhost:3000");
    expect(site.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    const other = await preflight("https://attacker.example");
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const simple = await fetch(`${bff.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://attacker.example" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(simple.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("in production runs only trusted documents, by hash or by text", async () => {
    const byText = await json(await post(production.url, { query: trusted }));
    expect(byText).toEqual({ data: { oidcConfig: { enabled: false } } });
    const byHash = await json(
      await post(production.url, {
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256(trusted) } },
      }),
    );
    expect(byHash).toEqual({ data: { oidcConfig: { enabled: false } } });
    const unknown = await post(production.url, { query: "{ oidcConfig { enabled name } }" });
    const body = await json(unknown);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].message).toMatch(/trusted/);
    expect(codes(body)).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
    // The same document is fine outside production.
    expect((await json(await post(bff.url, { query: "{ oidcConfig { enabled name } }" }))).data).toEqual({
      oidcConfig: { enabled: false, name: null },
    });
  });

  it("in production refuses introspection, even as a trusted document", async () => {
    const body = await json(await post(production.url, { query: trustedIntrospection }));
    expect(body.data).toBeUndefined();
    expect(body.errors[0].message).toMatch(/introspection/i);
    const open = await json(await post(bff.url, { query: trustedIntrospection }));
    expect(open.data.__schema.types.length).toBeGreaterThan(10);
  });
});
