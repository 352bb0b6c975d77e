import { json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../service";

describe("auth accounts API", () => {
  let stack: TestStack;
  let url: string;
  beforeAll(async () => {
    stack = await startTestStack([authService()]);
    url = stack.services.auth!.url;
  });
  afterAll(async () => stack?.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  it("registers with a valid password and returns a token that /v1/me accepts", async () => {
    const res = await post("/v1/register", {
      email: "Reader@Example.com",
      password: "Secret-Pass1",
      name: "Reader",
    });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body.user).toMatchObject({ email: "reader@example.com", name: "Reader", role: "USER" });
    const me = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${body.accessToken}` } });
    expect(await json(me)).toMatchObject({ email: "reader@example.com" });
  });

  it.each([
    ["short", "Ab1"],
    ["no upper case", "secret-pass1"],
    ["no digit", "Secret-Pass"],
  ])("refuses a password with %s, and writes nothing", async (_why, password) => {
    const res = await post("/v1/register", { email: "weak@example.com", password });
    expect(res.status).toBe(400);
    const login = await post("/v1/login", { email: "weak@example.com", password });
    expect(login.status).toBe(401);
  });

  it("refuses a second account with the same email", async () => {
    await post("/v1/register", { email: "twice@example.com", password: "Secret-Pass1" });
    const res = await post("/v1/register", { email: "TWICE@example.com", password: "Secret-Pass1" });
    expect(res.status).toBe(409);
  });

  it("answers a wrong password and an unknown email with the same message", async () => {
    await post("/v1/register", { email: "known@example.com", password: "Secret-Pass1" });
    const wrong = await post("/v1/login", { email: "known@example.com", password: "Wrong-Pass1" });
    const unknown = await post("/v1/login", { email: "nobody@example.com", password: "Wrong-Pass1" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await json(wrong)).error.message).toBe((await json(unknown)).error.message);
  });

  it("takes identity only from a verified token, never from forged headers", async () => {
    const res = await fetch(`${url}/v1/me`, { headers: { "x-user-id": "someone", "x-user-role": "ADMIN" } });
    expect(res.status).toBe(401);
    const bad = await fetch(`${url}/v1/me`, { headers: { authorization: "Bearer not.a.token" } });
    expect(bad.status).toBe(401);
  });

  it("updates the profile, validating lengths", async () => {
    const { accessToken } = await json(
      await post("/v1/register", { email: "profile@example.com", password: "Secret-Pass1" }),
    );
    const auth = { authorization: `Bearer ${accessToken}`, "content-type": "application/json" };
    const long = await fetch(`${url}/v1/me`, {
      method: "PATCH",
      headers: auth,
      body: JSON.stringify({ name: "x".repeat(51) }),
    });
    expect(long.status).toBe(400);
    const ok = await fetch(`${url}/v1/me`, {
      method: "PATCH",
      headers: auth,
      body: JSON.stringify({ name: "New Name", bio: "Hi" }),
    });
    expect(await json(ok)).toMatchObject({ name: "New Name", bio: "Hi" });
  });

  it("serves public author cards by id, without emails, and refuses an empty or oversized list", async () => {
    const { user } = await json(
      await post("/v1/register", {
        email: "card@example.com",
        password: "Secret-Pass1",
        name: "Card Writer",
      }),
    );
    const cards = await json(await fetch(`${url}/v1/authors?ids=${user.id},unknown-id`));
    expect(cards).toEqual({ items: [{ id: user.id, name: "Card Writer", avatarUrl: null }] });
    expect((await fetch(`${url}/v1/authors?ids=`)).status).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => `u${i}`).join(",");
    expect((await fetch(`${url}/v1/authors?ids=${many}`)).status).toBe(400);
  });

  it("keeps /internal/* closed without the service credential", async () => {
    const body = { email: "admin2@example.com", password: "Secret-Pass1", role: "ADMIN" };
    expect((await post("/internal/users", body)).status).toBe(403);
    expect((await post("/internal/users", body, { "x-service-token": "guess" })).status).toBe(403);
    expect((await post("/internal/users", body, { "x-service-token": stack.serviceToken })).status).toBe(201);
    // Spelled differently, the same routes: the router decodes the path, so the check must too.
    for (const path of ["/%69nternal/backup", "/%69nternal/users/snapshot", "//internal/backup"]) {
      expect((await fetch(`${url}${path}`)).status, path).not.toBe(200);
    }
    expect((await fetch(`${url}/%69nternal/backup`)).status).toBe(403);
  });

  it("answers 400 to text with a NUL character, which PostgreSQL cannot store, and writes nothing", async () => {
    const res = await post("/v1/register", {
      email: "nul@example.com",
      password: "Secret-Pass1",
      name: "a\u0000b",
    });
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe("BAD_REQUEST");
    const rows = await stack.services.auth!.ctx.database.query("select id from users where email = $1", [
      "nul@example.com",
    ]);
    expect(rows).toEqual([]);
  });

  it("rejects malformed JSON and oversized bodies with 4xx", async () => {
    const bad = await fetch(`${url}/v1/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(bad.status).toBe(400);
    const huge = await post("/v1/login", { email: "a@b.c", password: "x".repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
  });

  it("serves its public key as a JWKS", async () => {
    const jwks = await json(await fetch(`${url}/.well-known/jwks.json`));
    expect(jwks.keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA" });
    expect(jwks.keys[0].d).toBeUndefined();
  });
});
