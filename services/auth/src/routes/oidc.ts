import { authResponse } from "@quire/contracts";
import { type App, forbidden, HttpError, notFound, rateLimit, type ServiceContext } from "@quire/service-kit";
import { eq } from "drizzle-orm";
import type { FastifyReply } from "fastify";
import { z } from "zod";
import { ACCESS_TOKEN_TTL_SECONDS, type SigningKeys } from "../keys/signing-keys";
import { OidcFailure, OidcProvider } from "../oidc/provider";
import { sanitiseReturnTo } from "../oidc/return-to";
import { loadOidcSettings } from "../oidc/settings";
import { issueSigninCode, resolveUser, saveLoginState, takeLoginState, takeSigninCode } from "../oidc/store";
import { users } from "../schema";
import { issueRefreshToken } from "../sessions/refresh-tokens";
import { toUserResponse } from "../users/user-state";

export const oidcConfigResponse = z.object({ enabled: z.boolean(), name: z.string().nullable() });
export const oidcExchangeRequest = z.object({ code: z.string().min(1).max(200) }).strict();

const NOT_CONFIGURED = "OpenID Connect sign-in is not configured";

const callbackQuery = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  error: z.string().max(256).optional(),
});

/**
 * OpenID Connect sign-in, on only when `OIDC_*` is configured. The browser goes to `/auth/oidc/start`, the
 * provider, then `/auth/oidc/callback`, which lands on `<returnTo>#oidc=<code>`; the page trades that one-time
 * code at `/v1/oidc/exchange` for the same tokens `/v1/login` gives.
 */
export function registerOidcRoutes(app: App, ctx: ServiceContext, keys: SigningKeys): void {
  const settings = loadOidcSettings(ctx.config.env);
  const provider = settings ? new OidcProvider(settings) : null;

  const failed = (reply: FastifyReply, error: unknown) => {
    const reason = error instanceof OidcFailure ? error.reason : "failed";
    ctx.log.warn({ err: error, reason }, "OpenID Connect sign-in failed");
    return redirect(reply, `/login#oidcError=${encodeURIComponent(reason)}`);
  };

  app.get("/v1/oidc/config", { schema: { response: { 200: oidcConfigResponse } } }, async () => ({
    enabled: settings !== null,
    name: settings?.name ?? null,
  }));

  app.get(
    "/auth/oidc/start",
    { schema: { hide: true }, config: { rateLimit: rateLimit(ctx.config, 30, "1 minute") } },
    async (req, reply) => {
      if (!provider) throw notFound(NOT_CONFIGURED);
      try {
        const returnTo = sanitiseReturnTo((req.query as Record<string, unknown>).returnTo);
        const request = await provider.authorizationRequest();
        await saveLoginState(ctx.db, { ...request, returnTo });
        return redirect(reply, request.url.href);
      } catch (error) {
        return failed(reply, error);
      }
    },
  );

  app.get(
    "/auth/oidc/callback",
    { schema: { hide: true }, config: { rateLimit: rateLimit(ctx.config, 30, "1 minute") } },
    async (req, reply) => {
      if (!provider) throw notFound(NOT_CONFIGURED);
      try {
        const query = callbackQuery.safeParse(req.query);
        if (!query.success || !query.data.state) throw new OidcFailure("state", "No usable state");
        const login = await takeLoginState(ctx.db, query.data.state);
        if (!login) throw new OidcFailure("state", "Unknown, used or expired state");
        if (query.data.error) throw new OidcFailure("denied", `The provider said ${query.data.error}`);
        const rawQuery = req.url.includes("?") ? req.url.slice(req.url.indexOf("?")) : "";
        const identity = await provider.verifyCallback(rawQuery, login);
        const user = await resolveUser(ctx.db, identity);
        const code = await issueSigninCode(ctx.db, user.id);
        return redirect(reply, `${login.returnTo}#oidc=${code}`);
      } catch (error) {
        return failed(reply, error);
      }
    },
  );

  app.post(
    "/v1/oidc/exchange",
    {
      schema: { body: oidcExchangeRequest, response: { 200: authResponse } },
      config: { rateLimit: rateLimit(ctx.config, 20, "1 minute") },
    },
    async (req) => {
      if (!provider) throw notFound(NOT_CONFIGURED);
      const userId = await takeSigninCode(ctx.db, req.body.code);
      const [user] = userId ? await ctx.db.select().from(users).where(eq(users.id, userId)) : [];
      if (!user) throw new HttpError(401, "UNAUTHENTICATED", "This sign-in link has expired; sign in again");
      if (user.status !== "ACTIVE") throw forbidden("This account is suspended");
      const refresh = await issueRefreshToken(ctx.db, user.id);
      return {
        accessToken: await keys.signAccessToken({ sub: user.id, role: user.role }),
        expiresIn: ACCESS_TOKEN_TTL_SECONDS,
        refreshToken: refresh.token,
        refreshExpiresAt: refresh.expiresAt,
        user: toUserResponse(user),
      };
    },
  );
}

function redirect(reply: FastifyReply, location: string) {
  // Sign-in redirects carry one-time values: never cached, never leaked as a referrer.
  reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
  return reply.redirect(location, 302);
}
