import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from "jose";

export const TOKEN_ISSUER = "quire-auth";
export const TOKEN_AUDIENCE = "quire";

export type Role = "USER" | "ADMIN";

/** Who is calling, as proven by a verified access token. Never taken from a plain header. */
export interface Identity {
  userId: string;
  role: Role;
  token: string;
}

export type TokenVerifier = (token: string) => Promise<Identity>;

/** Decides whether a token of this user issued at this time has been voided since. */
export type RevocationCheck = (userId: string, issuedAtMs: number) => boolean;

/**
 * Verifies EdDSA access tokens against a key set (auth's JWKS, or auth's own keys inside auth): signature,
 * algorithm, issuer, audience, expiry, and that the user's sessions were not revoked after it was issued.
 */
export function createTokenVerifier(
  keys: JWTVerifyGetKey,
  isRevoked: RevocationCheck = () => false,
): TokenVerifier {
  return async (token) => {
    const { payload } = await jwtVerify(token, keys, {
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      algorithms: ["EdDSA"],
      requiredClaims: ["exp", "iat", "sub"],
    });
    const role = payload.role;
    if (typeof payload.sub !== "string" || (role !== "USER" && role !== "ADMIN")) {
      throw new Error("token lacks subject or role");
    }
    // iat has whole seconds; auth adds the millisecond so a token made right after a revocation stays valid.
    const issuedAtMs = typeof payload.iatMs === "number" ? payload.iatMs : (payload.iat ?? 0) * 1000;
    if (isRevoked(payload.sub, issuedAtMs)) throw new Error("token revoked");
    return { userId: payload.sub, role, token };
  };
}

export function remoteKeySet(authUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL("/.well-known/jwks.json", authUrl), {
    cooldownDuration: 5_000,
    cacheMaxAge: 10 * 60_000,
  });
}
