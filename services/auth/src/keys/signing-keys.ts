import { randomUUID } from "node:crypto";
import type { Db } from "@quire/service-kit";
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from "@quire/service-kit";
import { asc } from "drizzle-orm";
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTVerifyGetKey,
  SignJWT,
} from "jose";
import { signingKeys } from "../schema";

/** Short: a suspension also reaches services that missed the revocation event within this time. */
export const ACCESS_TOKEN_TTL_SECONDS = 5 * 60;

export interface SigningKeys {
  jwks: { keys: JWK[] };
  keySet: JWTVerifyGetKey;
  signAccessToken(claims: { sub: string; role: string }): Promise<string>;
}

/** Loads the service's Ed25519 key pair, creating it on first start. */
export async function loadSigningKeys(db: Db): Promise<SigningKeys> {
  let [row] = await db.select().from(signingKeys).orderBy(asc(signingKeys.createdAt)).limit(1);
  if (!row) {
    const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "EdDSA", use: "sig" };
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: "EdDSA" };
    await db.insert(signingKeys).values({ kid, privateJwk, publicJwk }).onConflictDoNothing();
    [row] = await db.select().from(signingKeys).orderBy(asc(signingKeys.createdAt)).limit(1);
  }
  const publicJwk = row!.publicJwk as JWK;
  const privateKey = await importJWK(row!.privateJwk as JWK, "EdDSA");
  const jwks = { keys: [publicJwk] };
  return {
    jwks,
    keySet: createLocalJWKSet(jwks),
    signAccessToken: ({ sub, role }) =>
      // iatMs: iat has whole seconds, and a revocation must not void a token made a moment after it.
      new SignJWT({ role, iatMs: Date.now() })
        .setProtectedHeader({ alg: "EdDSA", kid: publicJwk.kid! })
        .setSubject(sub)
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt()
        .setJti(randomUUID())
        .setExpirationTime(`${ACCESS_TOKEN_TTL_SECONDS}s`)
        .sign(privateKey),
  };
}
