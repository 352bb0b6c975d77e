import type { FastifyReply, FastifyRequest } from "fastify";

export const REFRESH_COOKIE = "quire_refresh";

export interface SessionCookie {
  read(): string | undefined;
  set(token: string, expiresAt: string): void;
  clear(): void;
}

/**
 * The refresh token lives in an httpOnly, SameSite=Strict cookie scoped to /graphql: scripts on the page
 * never see it, and other sites cannot send it.
 */
export function sessionCookie(req: FastifyRequest, reply: FastifyReply): SessionCookie {
  const secure = req.protocol === "https";
  const base = `Path=/graphql; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
  return {
    read() {
      const header = req.headers.cookie ?? "";
      for (const part of header.split(";")) {
        const [name, ...value] = part.trim().split("=");
        if (name === REFRESH_COOKIE) return decodeURIComponent(value.join("="));
      }
      return undefined;
    },
    set(token, expiresAt) {
      reply.header(
        "set-cookie",
        `${REFRESH_COOKIE}=${encodeURIComponent(token)}; ${base}; Expires=${new Date(expiresAt).toUTCString()}`,
      );
    },
    clear() {
      reply.header("set-cookie", `${REFRESH_COOKIE}=; ${base}; Max-Age=0`);
    },
  };
}
