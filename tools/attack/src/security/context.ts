import { writeSync } from "node:fs";
import { request } from "node:http";
import { eventually } from "@quire/service-kit/testing";
import type { AttackStack } from "../stack";

/** Where the child reports checks and secrets to the parent, away from the log output on stdout. */
const REPORT_FD = 3;

export function report(message: { check: string; ok: boolean; detail?: string } | { secret: string }): void {
  writeSync(REPORT_FD, `${JSON.stringify(message)}\n`);
}

/** Records one check; `detail` says what was seen when it failed. */
export function check(name: string, ok: boolean, detail = ""): boolean {
  report({ check: name, ok, detail: ok ? "" : detail.slice(0, 400) });
  return ok;
}

/** A password or token the logs must never contain. */
export function secret(value: string): void {
  report({ secret: value });
}

export interface Account {
  id: string;
  email: string;
  password: string;
  token: string;
  role: "USER" | "ADMIN";
}

export interface SecurityContext {
  attack: AttackStack;
  urls: AttackStack["urls"];
  admin: Account;
  user: Account;
  other: Account;
  suspended: Account;
  /** A published post everyone may comment on. */
  post: { id: string; slug: string };
  /** The CI size: fewer roles in the GraphQL matrix and fewer pages in the browser. */
  quick: boolean;
  /** Addresses no check shares, so each login from a (trusted) loopback proxy gets its own rate bucket. */
  nextAddress(): string;
}

let addressCounter = 1;
export function nextAddress(): string {
  addressCounter++;
  return `198.51.100.${addressCounter % 250}`;
}

/** Creates an account through auth's internal route and signs it in, as a trusted proxy for a fresh address. */
export async function createAccount(
  attack: AttackStack,
  role: "USER" | "ADMIN",
  name: string,
): Promise<Account> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Date.now().toString(36)}@example.com`;
  const password = `Attack-${Math.random().toString(36).slice(2, 10)}-Pass1`;
  secret(password);
  const created = await fetch(`${attack.urls.auth}/internal/users`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-service-token": attack.serviceToken },
    body: JSON.stringify({ email, password, name, role }),
  });
  if (created.status !== 201) throw new Error(`could not create ${email}: ${created.status}`);
  const login = await fetch(`${attack.urls.auth}/v1/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": nextAddress() },
    body: JSON.stringify({ email, password }),
  });
  const body = (await login.json()) as { accessToken: string; refreshToken?: string; user: { id: string } };
  secret(body.accessToken);
  if (body.refreshToken) secret(body.refreshToken);
  return { id: body.user.id, email, password, token: body.accessToken, role };
}

export interface GraphqlAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: GraphQL data is checked field by field
  data: any;
  errors: Array<{ message: string; extensions?: { code?: string } }>;
  codes: string[];
}

export async function gql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  headers: Record<string, string> = {},
): Promise<GraphqlAnswer> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: { data?: unknown; errors?: GraphqlAnswer["errors"] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    body = { errors: [{ message: text }] };
  }
  const errors = body.errors ?? [];
  return {
    status: res.status,
    data: body.data ?? null,
    errors,
    codes: errors.map((e) => e.extensions?.code ?? "NONE"),
  };
}

export interface RestAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field
  body: any;
  text: string;
}

export async function rest(
  url: string,
  method: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<RestAnswer> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: "manual",
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: res.status, body: parsed, text };
}

/**
 * A request from another local address than loopback: the services trust X-Forwarded-For from loopback
 * (their proxies), so this is how a client the stack does not trust reaches them.
 */
export function requestFrom(
  localAddress: string,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? "GET", headers: options.headers, localAddress },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

export { eventually };
