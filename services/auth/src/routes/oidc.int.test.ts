import { createHash } from "node:crypto";
import { type Database, type RunningService, startService } from "@quire/service-kit";
import { createTestDatabase, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeProvider, startFakeProvider } from "../oidc/fake-provider";
import { authService } from "../service";

/** The public callback URL; the test plays the shell, which forwards it to auth unchanged. */
const PUBLIC_CALLBACK = "http://quire.test/auth/oidc/callback";

describe("OpenID Connect sign-in", () => {
  let stack: TestStack;
  let provider: FakeProvider;
  let database: Database;
  let auth: RunningService;
  let url: string;

  beforeAll(async () => {
    stack = await startTestStack([authService()]);
    provider = await startFakeProvider();
    database = await createTestDatabase(authService().migrations);
    auth = await startService(authService(), {
      env: {
        ...stack.env,
        QUIRE_RATE_LIMIT_FACTOR: "10",
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
        OIDC_REDIRECT_URL: PUBLIC_CALLBACK,
        OIDC_NAME: "Test ID",
      },
      database,
      bus: await stack.broker.connect(),
      port: 0,
    });
    url = auth.url;
  });
  afterAll(async () => {
    await auth?.close();
    await database?.close();
    await provider?.close();
    await stack?.close();
  });

  let n = 0;
  beforeEach(() => {
    n += 1;
    provider.account = { sub: `subject-${n}`, email: `person${n}@example.com`, name: `Person ${n}` };
  });

  const get = (path: string) => fetch(new URL(path, url), { redirect: "manual" });
  const location = (res: Response) => res.headers.get("location") ?? "";
  const query = <T>(sql: string, params: unknown[] = []) => database.query<T>(sql, params);
  const userCount = async () =>
    Number((await query<{ n: number }>("select count(*)::int as n from users"))[0]!.n);

  /** Start, provider and the callback URL the provider sends the browser back to (on auth's origin). */
  async function throughProvider(returnTo?: string): Promise<string> {
    const start = await get(
      `/auth/oidc/start${returnTo === undefined ? "" : `?returnTo=${encodeURIComponent(returnTo)}`}`,
    );
    expect(start.status).toBe(302);
    const authorize = await fetch(location(start), { redirect: "manual" });
    expect(authorize.status).toBe(302);
    const back = new URL(location(authorize));
    expect(`${back.origin}${back.pathname}`).toBe(PUBLIC_CALLBACK);
    return `/auth/oidc/callback${back.search}`;
  }

  async function signIn(returnTo?: string): Promise<{ landing: string; code: string }> {
    const callback = await get(await throughProvider(returnTo));
    expect(callback.status).toBe(302);
    const landing = location(callback);
    const code = /#oidc=([\w-]+)$/.exec(landing)?.[1] ?? "";
    return { landing, code };
  }

  const exchange = (code: unknown) =>
    fetch(`${url}/v1/oidc/exchange`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code }),
    });

  async function expectRefused(callbackPath: string, reason: string) {
    const res = await get(callbackPath);
    expect(res.status).toBe(302);
    expect(location(res)).toBe(`/login#oidcError=${reason}`);
  }

  it("is off without configuration: config says so and start is 404", async () => {
    const plain = stack.services.auth!.url;
    expect(await json(await fetch(`${plain}/v1/oidc/config`))).toEqual({ enabled: false, name: null });
    expect((await fetch(`${plain}/auth/oidc/start`, { redirect: "manual" })).status).toBe(404);
    expect((await fetch(`${plain}/auth/oidc/callback?code=a&state=b`, { redirect: "manual" })).status).toBe(
      404,
    );
    expect(
      (
        await fetch(`${plain}/v1/oidc/exchange`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: '{"code":"x"}',
        })
      ).status,
    ).toBe(404);
  });

  it("reports the button's label when configured", async () => {
    expect(await json(await get("/v1/oidc/config"))).toEqual({ enabled: true, name: "Test ID" });
  });

  it("sends the browser to the provider with state, nonce and PKCE, kept server-side", async () => {
    const res = await get("/auth/oidc/start?returnTo=/posts/hello");
    expect(res.status).toBe(302);
    expect(res.headers.get("set-cookie")).toBeNull();
    const to = new URL(location(res));
    expect(`${to.origin}${to.pathname}`).toBe(`${provider.issuer}/authorize`);
    const p = to.searchParams;
    expect(p.get("client_id")).toBe(provider.clientId);
    expect(p.get("redirect_uri")).toBe(PUBLIC_CALLBACK);
    expect(p.get("code_challenge_method")).toBe("S256");
    expect(p.get("scope")).toContain("openid");
    for (const name of ["state", "nonce", "code_challenge"]) expect(p.get(name)).toBeTruthy();
    const [row] = await query<{ nonce: string; return_to: string; minutes: number }>(
      `select nonce, return_to, extract(epoch from expires_at - created_at) / 60 as minutes
       from oidc_login_states order by created_at desc limit 1`,
    );
    expect(row).toMatchObject({ nonce: p.get("nonce"), return_to: "/posts/hello" });
    expect(Number(row!.minutes)).toBeCloseTo(10, 0);
  });

  it("creates a USER account, announces it, and finds the same account on the next sign-in", async () => {
    const before = await userCount();
    const first = await signIn("/posts/hello?x=1");
    expect(first.landing).toMatch(/^\/posts\/hello\?x=1#oidc=[\w-]{40,}$/);
    const res = await exchange(first.code);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.user).toMatchObject({
      email: `person${n}@example.com`,
      name: `Person ${n}`,
      role: "USER",
      status: "ACTIVE",
    });
    expect(body.refreshToken).toBeTruthy();
    const me = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${body.accessToken}` } });
    expect(await json(me)).toMatchObject({ id: body.user.id });
    expect(await userCount()).toBe(before + 1);
    const events = await query<{ aggregate_id: string; payload: { name: string; role: string } }>(
      "select aggregate_id, payload from outbox where type = 'user.registered' and aggregate_id = $1",
      [body.user.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ name: `Person ${n}`, role: "USER" });
    // No password signs in to it.
    const login = await fetch(`${url}/v1/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `person${n}@example.com`, password: "Secret-Pass1" }),
    });
    expect(login.status).toBe(401);

    // The same subject again, even with a changed email, is the same account.
    provider.account = { ...provider.account, email: `renamed${n}@example.com` };
    const again = await json(await exchange((await signIn()).code));
    expect(again.user.id).toBe(body.user.id);
    expect(await userCount()).toBe(before + 1);
  });

  it("names the account after the email's local part when the ID token has no name", async () => {
    provider.account = { sub: "nameless", email: "Quiet.Reader@Example.com" };
    const { code, landing } = await signIn();
    expect(landing.startsWith("/#oidc=")).toBe(true);
    expect((await json(await exchange(code))).user).toMatchObject({
      email: "quiet.reader@example.com",
      name: "quiet.reader",
    });
  });

  it("links an existing password account with the same verified email", async () => {
    const email = `password${n}@example.com`;
    const registered = await json(
      await fetch(`${url}/v1/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: "Secret-Pass1", name: "Has Password" }),
      }),
    );
    const before = await userCount();
    provider.account = { sub: `linked-${n}`, email: email.toUpperCase(), name: "Other Name" };
    const body = await json(await exchange((await signIn()).code));
    expect(body.user).toMatchObject({ id: registered.user.id, name: "Has Password" });
    expect(await userCount()).toBe(before);
    const links = await query("select user_id from oidc_identities where subject = $1", [`linked-${n}`]);
    expect(links).toEqual([{ user_id: registered.user.id }]);
  });

  it("refuses an unknown state and a replayed one, creating nothing", async () => {
    const before = await userCount();
    const callback = await throughProvider();
    const forged = callback.replace(/state=[^&]+/, "state=forged");
    await expectRefused(forged, "state");
    await expectRefused("/auth/oidc/callback?code=abc", "state");
    const used = await get(callback);
    expect(location(used)).toMatch(/#oidc=/);
    await expectRefused(callback, "state");
    expect(await userCount()).toBe(before + 1);
  });

  it("refuses an expired state", async () => {
    const before = await userCount();
    const callback = await throughProvider();
    await query("update oidc_login_states set expires_at = now() - interval '1 second'");
    await expectRefused(callback, "state");
    expect(await userCount()).toBe(before);
  });

  it("refuses a provider error response", async () => {
    const start = await get("/auth/oidc/start");
    const state = new URL(location(start)).searchParams.get("state")!;
    await expectRefused(`/auth/oidc/callback?error=access_denied&state=${state}`, "denied");
  });

  it.each([
    ["a wrong nonce", { nonce: "not-the-nonce" }, "token"],
    ["a wrong audience", { aud: "someone-else" }, "token"],
    ["a signature by a key the provider does not publish", { forgeSignature: true }, "token"],
    ["an unverified email", { emailVerified: false }, "email"],
  ])("refuses an ID token with %s, creating nothing", async (_why, spoil, reason) => {
    const before = await userCount();
    provider.account = { ...provider.account, ...spoil };
    await expectRefused(await throughProvider(), reason);
    expect(await userCount()).toBe(before);
    expect(await query("select 1 from oidc_identities where subject = $1", [provider.account.sub])).toEqual(
      [],
    );
  });

  it("refuses a suspended account, whether linked or found by email", async () => {
    const email = `suspended${n}@example.com`;
    provider.account = { sub: `suspended-${n}`, email };
    const { user } = await json(await exchange((await signIn()).code));
    await query("update users set status = 'SUSPENDED' where id = $1", [user.id]);
    await expectRefused(await throughProvider(), "suspended");

    // An unlinked subject whose email is a suspended account is refused and not linked.
    provider.account = { sub: `other-${n}`, email };
    const before = await userCount();
    await expectRefused(await throughProvider(), "suspended");
    expect(await userCount()).toBe(before);
    expect(await query("select 1 from oidc_identities where subject = $1", [`other-${n}`])).toEqual([]);
  });

  it("trades a sign-in code once, and never after it expires", async () => {
    const stored = (code: string) =>
      query<{ seconds: number }>(
        "select extract(epoch from expires_at - created_at) as seconds from oidc_signin_codes where code_hash = $1",
        [createHash("sha256").update(code).digest("hex")],
      );
    const { code } = await signIn();
    const [row] = await stored(code);
    expect(Number(row!.seconds)).toBeCloseTo(60, 0);
    expect((await exchange(code)).status).toBe(200);
    expect(await stored(code)).toEqual([]);
    expect((await exchange(code)).status).toBe(401);
    expect((await exchange("made-up")).status).toBe(401);

    const late = await signIn();
    await query("update oidc_signin_codes set expires_at = now() - interval '1 second'");
    expect((await exchange(late.code)).status).toBe(401);
  });

  it("refuses malformed exchange bodies", async () => {
    expect((await exchange(123)).status).toBe(400);
    expect((await exchange("")).status).toBe(400);
    const extra = await fetch(`${url}/v1/oidc/exchange`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code: "abc", userId: "someone" }),
    });
    expect(extra.status).toBe(400);
  });

  it.each([["//evil.example/x"], ["https://evil.example/"], ["/\\evil.example"], ["javascript:alert(1)"]])(
    "never returns to %s, only to the site's root",
    async (returnTo) => {
      const { landing } = await signIn(returnTo);
      expect(landing).toMatch(/^\/#oidc=[\w-]+$/);
    },
  );
});
