import { createTestUser, eventually, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blogService } from "../../../blog/src/service";
import { authService } from "../service";

describe("auth sessions", () => {
  let stack: TestStack;
  let auth: string;
  let blog: string;
  beforeAll(async () => {
    stack = await startTestStack([authService(), blogService()]);
    auth = stack.services.auth!.url;
    blog = stack.services.blog!.url;
  });
  afterAll(async () => stack?.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${auth}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  const register = async (email: string) =>
    json(await post("/v1/register", { email, password: "Secret-Pass1" }));
  const bearer = (token: string) => ({
    authorization: `Bearer ${token}`,
    "content-type": "application/json",
  });

  it("rotates refresh tokens: each is single use, and a reused one ends the whole sign-in", async () => {
    const first = await register("rotate@example.com");
    const second = await json(await post("/v1/refresh", { refreshToken: first.refreshToken }));
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).toBeTruthy();
    const reused = await post("/v1/refresh", { refreshToken: first.refreshToken });
    expect(reused.status).toBe(401);
    // The thief's replay also voided the legitimate successor.
    expect((await post("/v1/refresh", { refreshToken: second.refreshToken })).status).toBe(401);
  });

  it("logs out: the refresh token no longer works", async () => {
    const s = await register("logout@example.com");
    expect((await post("/v1/logout", { refreshToken: s.refreshToken })).status).toBe(200);
    expect((await post("/v1/refresh", { refreshToken: s.refreshToken })).status).toBe(401);
  });

  it("changes the password: old password and other sessions stop working, this session goes on", async () => {
    const a = await register("pw@example.com");
    const b = await json(await post("/v1/login", { email: "pw@example.com", password: "Secret-Pass1" }));
    const wrong = await fetch(`${auth}/v1/me/password`, {
      method: "PUT",
      headers: bearer(a.accessToken),
      body: JSON.stringify({ currentPassword: "Nope-Nope1", newPassword: "Newer-Pass2" }),
    });
    expect(wrong.status).toBe(403);
    const weak = await fetch(`${auth}/v1/me/password`, {
      method: "PUT",
      headers: bearer(a.accessToken),
      body: JSON.stringify({ currentPassword: "Secret-Pass1", newPassword: "short" }),
    });
    expect(weak.status).toBe(400);
    const changed = await fetch(`${auth}/v1/me/password`, {
      method: "PUT",
      headers: bearer(a.accessToken),
      body: JSON.stringify({ currentPassword: "Secret-Pass1", newPassword: "Newer-Pass2" }),
    });
    expect(changed.status).toBe(200);
    const fresh = await json(changed);
    expect((await post("/v1/login", { email: "pw@example.com", password: "Secret-Pass1" })).status).toBe(401);
    expect((await post("/v1/login", { email: "pw@example.com", password: "Newer-Pass2" })).status).toBe(200);
    expect((await post("/v1/refresh", { refreshToken: b.refreshToken })).status).toBe(401);
    await eventually(
      async () => (await fetch(`${auth}/v1/me`, { headers: bearer(b.accessToken) })).status === 401,
    );
    expect((await fetch(`${auth}/v1/me`, { headers: bearer(fresh.accessToken) })).status).toBe(200);
  });

  it("makes a suspension bite at once in every service, not at token expiry", async () => {
    const admin = await createTestUser(stack, "ADMIN");
    const user = await register("suspend-me@example.com");
    expect((await fetch(`${blog}/v1/posts`, { headers: bearer(user.accessToken) })).status).toBe(200);
    const res = await fetch(`${auth}/v1/admin/users/${user.user.id}/status`, {
      method: "PUT",
      headers: admin.headers,
      body: JSON.stringify({ status: "SUSPENDED" }),
    });
    expect(res.status).toBe(200);
    await eventually(
      async () => (await fetch(`${blog}/v1/posts`, { headers: bearer(user.accessToken) })).status === 401,
      3_000,
    );
    expect((await fetch(`${auth}/v1/me`, { headers: bearer(user.accessToken) })).status).toBe(401);
    expect((await post("/v1/refresh", { refreshToken: user.refreshToken })).status).toBe(401);
    expect(
      (await post("/v1/login", { email: "suspend-me@example.com", password: "Secret-Pass1" })).status,
    ).toBe(403);
  });
});
