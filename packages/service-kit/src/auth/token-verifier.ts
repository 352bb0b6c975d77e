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

/** Verifies EdDSA access tokens against a key set (auth's JWKS, or auth's own keys inside auth). */
export function createTokenVerifier(keys: JWTVerifyGetKey): TokenVerifier {
  return async (token) => {
    const { payload } = await jwtVerify(token, keys, {
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      algorithms: ["EdDSA"],
    });
    const role = payload.role;
    if (typeof payload.sub !== "string" || (role !== "USER" && role !== "ADMIN")) {
      throw new Error("token lacks subject or role");
    }
    return { userId: payload.sub, role, token };
  };
}

export function remoteKeySet(authUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL("/.well-known/jwks.json", authUrl), {
    cooldownDuration: 5_000,
    cacheMaxAge: 10 * 60_000,
  });
}
