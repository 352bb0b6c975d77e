import { createHash, randomBytes } from "node:crypto";
import Fastify from "fastify";
import { exportJWK, generateKeyPair, SignJWT } from "jose";

/** Who the fake provider says signed in, and how a test may spoil the ID token. */
export interface FakeAccount {
  sub: string;
  email: string;
  emailVerified?: boolean;
  name?: string;
  /** Overrides for the ID token: a wrong nonce or audience. */
  nonce?: string;
  aud?: string;
  /** Sign the ID token with a key that is not in the JWKS. */
  forgeSignature?: boolean;
}

export interface FakeProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The account the next `/authorize` signs in. */
  account: FakeAccount;
  close(): Promise<void>;
}

interface PendingCode {
  account: FakeAccount;
  nonce: string | undefined;
  codeChallenge: string;
  redirectUri: string;
}

/**
 * A minimal OpenID provider on 127.0.0.1 for tests: discovery, JWKS, an `/authorize` that signs the current
 * account in at once, and a `/token` that checks client, code, redirect URI and PKCE and returns a signed
 * ID token.
 */
export async function startFakeProvider(): Promise<FakeProvider> {
  const clientId = "quire-test-client";
  const clientSecret = randomBytes(16).toString("hex");
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const publicJwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const forgingKey = (await generateKeyPair("RS256")).privateKey;
  const codes = new Map<string, PendingCode>();
  const app = Fastify();
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  const provider: FakeProvider = {
    issuer: "",
    clientId,
    clientSecret,
    account: { sub: "subject-1", email: "someone@example.com" },
    close: () => app.close(),
  };

  app.get("/.well-known/openid-configuration", async () => ({
    issuer: provider.issuer,
    authorization_endpoint: `${provider.issuer}/authorize`,
    token_endpoint: `${provider.issuer}/token`,
    jwks_uri: `${provider.issuer}/jwks`,
    response_types_supported: ["code"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
  }));

  app.get("/jwks", async () => ({ keys: [publicJwk] }));

  app.get("/authorize", async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    if (q.client_id !== clientId || q.response_type !== "code" || !q.redirect_uri || !q.code_challenge)
      return reply.status(400).send({ error: "invalid_request" });
    if (q.code_challenge_method !== "S256") return reply.status(400).send({ error: "invalid_request" });
    const code = randomBytes(16).toString("hex");
    codes.set(code, {
      account: { ...provider.account },
      nonce: q.nonce,
      codeChallenge: q.code_challenge,
      redirectUri: q.redirect_uri,
    });
    const back = new URL(q.redirect_uri);
    back.searchParams.set("code", code);
    if (q.state) back.searchParams.set("state", q.state);
    return reply.redirect(back.href, 302);
  });

  app.post("/token", async (req, reply) => {
    const body = req.body as Record<string, string | undefined>;
    const [id, secret] = basicCredentials(req.headers.authorization) ?? [body.client_id, body.client_secret];
    if (id !== clientId || secret !== clientSecret)
      return reply.status(401).send({ error: "invalid_client" });
    const pending = body.code ? codes.get(body.code) : undefined;
    if (body.code) codes.delete(body.code);
    const challenge = createHash("sha256")
      .update(body.code_verifier ?? "")
      .digest("base64url");
    if (!pending || pending.redirectUri !== body.redirect_uri || pending.codeChallenge !== challenge)
      return reply.status(400).send({ error: "invalid_grant" });
    const { account } = pending;
    const idToken = await new SignJWT({
      nonce: account.nonce ?? pending.nonce,
      email: account.email,
      email_verified: account.emailVerified ?? true,
      ...(account.name ? { name: account.name } : {}),
    })
      .setProtectedHeader({ alg: "RS256", kid: publicJwk.kid })
      .setIssuer(provider.issuer)
      .setSubject(account.sub)
      .setAudience(account.aud ?? clientId)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(account.forgeSignature ? forgingKey : privateKey);
    return {
      access_token: randomBytes(16).toString("hex"),
      token_type: "Bearer",
      expires_in: 300,
      scope: "openid email profile",
      id_token: idToken,
    };
  });

  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  provider.issuer = address.replace("localhost", "127.0.0.1");
  return provider;
}

function basicCredentials(header: string | undefined): [string, string] | null {
  if (!header?.startsWith("Basic ")) return null;
  const decoded = Buffer.from(header.slice(6), "base64").toString();
  const colon = decoded.indexOf(":");
  return [
    decodeURIComponent(decoded.slice(0, colon).replaceAll("+", " ")),
    decodeURIComponent(decoded.slice(colon + 1).replaceAll("+", " ")),
  ];
}
