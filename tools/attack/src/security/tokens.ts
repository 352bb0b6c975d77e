import { createHmac, randomUUID } from "node:crypto";
import { exportJWK, exportSPKI, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import { check, gql, rest, type SecurityContext } from "./context";

const b64url = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

function hs256(header: object, payload: object, key: string | Buffer): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${createHmac("sha256", key).update(input).digest("base64url")}`;
}

/**
 * Forged and stale access tokens, each claiming to be the admin: every one must leave the caller anonymous
 * at the BFF and be refused by the services.
 */
export async function tokenChecks(ctx: SecurityContext): Promise<void> {
  const { urls, admin, user } = ctx;
  const now = Math.floor(Date.now() / 1000);
  const jwks = (await (await fetch(`${urls.auth}/.well-known/jwks.json`)).json()) as { keys: JWK[] };
  const publicJwk = jwks.keys[0]!;
  const kid = publicJwk.kid!;
  const rows = await ctx.attack.stack.services.auth!.ctx.database.query<{ private_jwk: JWK }>(
    "select private_jwk from signing_keys limit 1",
  );
  const realKey = await importJWK(rows[0]!.private_jwk, "EdDSA");
  const pem = await exportSPKI((await importJWK(publicJwk, "EdDSA")) as CryptoKey);
  const foreign = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });

  const claims = { sub: admin.id, role: "ADMIN", iss: "quire-auth", aud: "quire", iat: now, exp: now + 600 };
  const signed = (payload: Record<string, unknown>, key = realKey, header: Record<string, unknown> = {}) =>
    new SignJWT(payload).setProtectedHeader({ alg: "EdDSA", kid, ...header }).sign(key);

  const [, userPayload, userSignature] = user.token.split(".");
  const tampered = {
    ...JSON.parse(Buffer.from(userPayload!, "base64url").toString()),
    role: "ADMIN",
    sub: admin.id,
  };

  const forged: Array<[string, string]> = [
    ["alg none", `${b64url({ alg: "none", typ: "JWT" })}.${b64url(claims)}.`],
    ["alg none with a signature", `${b64url({ alg: "none", kid })}.${b64url(claims)}.${userSignature}`],
    ["alg NONE", `${b64url({ alg: "NONE" })}.${b64url(claims)}.`],
    [
      "HS256 keyed with the public key's x",
      hs256({ alg: "HS256", kid }, claims, Buffer.from(publicJwk.x!, "base64url")),
    ],
    ["HS256 keyed with the public key PEM", hs256({ alg: "HS256", kid }, claims, pem)],
    ["HS256 keyed with the JWKS text", hs256({ alg: "HS256", kid }, claims, JSON.stringify(jwks))],
    ["expired", await signed({ ...claims, iat: now - 7200, exp: now - 3600 })],
    ["not yet valid", await signed({ ...claims, nbf: now + 3600 })],
    ["wrong issuer", await signed({ ...claims, iss: "evil-auth" })],
    ["wrong audience", await signed({ ...claims, aud: "another-app" })],
    ["no expiry", await signed({ sub: admin.id, role: "ADMIN", iss: "quire-auth", aud: "quire", iat: now })],
    ["unknown role", await signed({ ...claims, role: "SUPERUSER" })],
    ["tampered payload", `${user.token.split(".")[0]}.${b64url(tampered)}.${userSignature}`],
    ["signed by a foreign key under auth's kid", await signed(claims, foreign.privateKey)],
    [
      "foreign key embedded in the header",
      await new SignJWT(claims)
        .setProtectedHeader({
          alg: "EdDSA",
          jwk: {
            kty: "OKP",
            crv: "Ed25519",
            x: (await exportJWK(foreign.publicKey)).x!,
          },
        })
        .sign(foreign.privateKey),
    ],
    [
      "jku pointing elsewhere",
      await signed(claims, foreign.privateKey, { jku: "http://127.0.0.1:1/jwks.json", kid: randomUUID() }),
    ],
    ["empty token", ""],
    ["garbage", "a.b.c"],
  ];

  for (const [name, token] of forged) {
    const me = await gql(urls.bff, "{ me { id role } }", {}, token);
    check(
      `token ${name}: BFF treats the caller as no one`,
      me.data?.me == null,
      JSON.stringify(me).slice(0, 200),
    );
    const adminQuery = await gql(urls.bff, "{ users { totalCount } }", {}, token);
    check(
      `token ${name}: BFF refuses an admin query`,
      adminQuery.data == null || adminQuery.data.users == null,
      JSON.stringify(adminQuery).slice(0, 200),
    );
    const service = await rest(`${urls.auth}/v1/admin/users`, "GET", token);
    check(`token ${name}: auth refuses it with 401`, service.status === 401, `got ${service.status}`);
    const content = await rest(`${urls.content}/v1/me/bookmarks`, "GET", token);
    check(`token ${name}: content refuses it with 401`, content.status === 401, `got ${content.status}`);
  }

  // A token that was fine until its user was suspended.
  for (const [service, method, path, body] of [
    ["auth", "GET", "/v1/me", undefined],
    ["content", "GET", "/v1/me/bookmarks", undefined],
    ["analytics", "POST", "/v1/bug-reports", { title: "x", category: "UI", description: "x" }],
  ] as const) {
    const answer = await rest(`${urls[service]}${path}`, method, ctx.suspended.token, body);
    check(
      `token revoked by suspension: ${service} ${method} ${path} refuses it`,
      answer.status === 401,
      `got ${answer.status}`,
    );
  }
  const suspendedMe = await gql(urls.bff, "{ me { id } }", {}, ctx.suspended.token);
  check(
    "token revoked by suspension: BFF me is null",
    suspendedMe.data?.me == null,
    JSON.stringify(suspendedMe).slice(0, 200),
  );
  const relogin = await rest(
    `${urls.auth}/v1/login`,
    "POST",
    undefined,
    { email: ctx.suspended.email, password: ctx.suspended.password },
    { "x-forwarded-for": ctx.nextAddress() },
  );
  check(
    "suspended user cannot sign in again",
    relogin.status === 403 || relogin.status === 401,
    `got ${relogin.status}`,
  );
}
