import { randomUUID } from "node:crypto";
import { check, requestFrom, type SecurityContext, secret } from "./context";
import { PUBLIC_STAND_IN } from "./ssrf";

/**
 * Limits on anonymous writes hold for a client the stack does not trust (connecting from a non-loopback
 * address), however it varies X-Forwarded-For; the limit is per client, so another client still gets in.
 */
export async function rateLimitChecks(ctx: SecurityContext): Promise<void> {
  const spoofed = () => ({
    "content-type": "application/json",
    "x-forwarded-for": `203.0.113.${Math.floor(Math.random() * 250) + 1}, 10.0.0.${Math.floor(Math.random() * 250)}`,
    "x-real-ip": `203.0.113.${Math.floor(Math.random() * 250) + 1}`,
    forwarded: `for=203.0.113.${Math.floor(Math.random() * 250) + 1}`,
  });

  const graphql = async (query: string, variables: Record<string, unknown>) => {
    const answer = await requestFrom(PUBLIC_STAND_IN, `${ctx.urls.bff}/graphql`, {
      method: "POST",
      headers: spoofed(),
      body: JSON.stringify({ query, variables }),
    });
    return answer.text.includes("RATE_LIMITED") || answer.status === 429;
  };
  const restCall = async (url: string, body: unknown) => {
    const answer = await requestFrom(PUBLIC_STAND_IN, url, {
      method: "POST",
      headers: spoofed(),
      body: JSON.stringify(body),
    });
    return answer.status === 429;
  };

  const attempts = async (label: string, limit: number, call: () => Promise<boolean>) => {
    const limited: boolean[] = [];
    for (let i = 0; i < limit + 3; i++) limited.push(await call());
    const firstLimited = limited.indexOf(true);
    check(
      `rate limit ${label}: holds after ${limit} tries despite spoofed forwarding headers`,
      firstLimited !== -1 && firstLimited <= limit && limited.slice(firstLimited).every(Boolean),
      `limited pattern ${limited.map((l) => (l ? "L" : ".")).join("")}`,
    );
  };

  await attempts("login (through the BFF)", 10, () => {
    const password = `Wrong-${randomUUID()}`;
    secret(password);
    return graphql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, {
      e: ctx.user.email,
      p: password,
    });
  });
  await attempts("register (auth)", 10, () => {
    const password = `Rate-${randomUUID().slice(0, 8)}-Limit1`;
    secret(password);
    return restCall(`${ctx.urls.auth}/v1/register`, {
      email: `rl-${randomUUID().slice(0, 8)}@example.com`,
      password,
      name: "Rate Limited",
    });
  });
  await attempts("guest comments (through the BFF)", 5, () =>
    graphql(`mutation($p: ID!, $i: CommentInput!) { addComment(postId: $p, input: $i) { id } }`, {
      p: ctx.post.id,
      i: { content: "guest flood", guestName: "Flooder", guestPassword: "flood-pass-1" },
    }),
  );
  await attempts("bug reports (analytics)", 20, () =>
    restCall(`${ctx.urls.analytics}/v1/bug-reports`, {
      title: "Flood",
      category: "UI",
      description: "flood",
    }),
  );

  // The limit is the client's, not everyone's: a different client, reported by a trusted proxy, gets in.
  const other = await fetch(`${ctx.urls.auth}/v1/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.77" },
    body: JSON.stringify({ email: ctx.user.email, password: ctx.user.password }),
  });
  check("rate limit login: another client is not locked out", other.status === 200, `got ${other.status}`);
}
