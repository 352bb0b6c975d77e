import { randomUUID } from "node:crypto";
import {
  authResponse,
  loginRequest,
  refreshRequest,
  registerRequest,
  updateProfileRequest,
  userResponse,
} from "@quire/contracts";
import {
  type App,
  appendEvent,
  conflict,
  forbidden,
  HttpError,
  notFound,
  rateLimit,
  requireUser,
  type ServiceContext,
} from "@quire/service-kit";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { ACCESS_TOKEN_TTL_SECONDS, type SigningKeys } from "../keys/signing-keys";
import { type UserRow, users } from "../schema";
import { issueRefreshToken, revokeFamilyOf, rotateRefreshToken } from "../sessions/refresh-tokens";
import { hashPassword, verifyPassword } from "../users/passwords";
import { toUserResponse, toUserState } from "../users/user-state";

const INVALID_LOGIN = "Invalid email or password";

export async function createUser(
  ctx: ServiceContext,
  input: { email: string; password: string; name?: string | undefined; role: "USER" | "ADMIN" },
): Promise<UserRow> {
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  const name = input.name ?? input.email.split("@")[0]!.slice(0, 50);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ id, email: input.email, passwordHash, name, role: input.role, status: "ACTIVE", version: 1 })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!row) throw conflict("An account with this email already exists");
    await appendEvent(tx, {
      type: "user.registered",
      aggregateId: id,
      aggregateVersion: 1,
      payload: toUserState(row),
    });
    return row;
  });
}

export function registerAccountRoutes(app: App, ctx: ServiceContext, keys: SigningKeys): void {
  const issue = async (user: UserRow, refresh: { token: string; expiresAt: string }) => ({
    accessToken: await keys.signAccessToken({ sub: user.id, role: user.role }),
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    refreshToken: refresh.token,
    refreshExpiresAt: refresh.expiresAt,
    user: toUserResponse(user),
  });

  app.get("/.well-known/jwks.json", { schema: { hide: true } }, async (_req, reply) => {
    reply.header("cache-control", "public, max-age=300");
    return keys.jwks;
  });

  app.post(
    "/v1/register",
    {
      schema: { body: registerRequest, response: { 201: authResponse } },
      config: { rateLimit: rateLimit(ctx.config, 10, "1 minute") },
    },
    async (req, reply) => {
      const user = await createUser(ctx, { ...req.body, role: "USER" });
      return reply.status(201).send(await issue(user, await issueRefreshToken(ctx.db, user.id)));
    },
  );

  app.post(
    "/v1/login",
    {
      schema: { body: loginRequest, response: { 200: authResponse } },
      config: { rateLimit: rateLimit(ctx.config, 10, "1 minute") },
    },
    async (req) => {
      const email = req.body.email.trim().toLowerCase();
      const [user] = await ctx.db.select().from(users).where(eq(users.email, email));
      const ok = await verifyPassword(user?.passwordHash, req.body.password);
      if (!user || !ok) throw new HttpError(401, "UNAUTHENTICATED", INVALID_LOGIN);
      if (user.status !== "ACTIVE") throw forbidden("This account is suspended");
      return issue(user, await issueRefreshToken(ctx.db, user.id));
    },
  );

  /** Rotates the refresh token: the old one is spent, a new one and a fresh access token come back. */
  app.post(
    "/v1/refresh",
    { schema: { body: refreshRequest, response: { 200: authResponse } } },
    async (req) => {
      const result = await ctx.db.transaction(async (tx) => {
        const rotated = await rotateRefreshToken(tx, req.body.refreshToken);
        if (!rotated.ok) return rotated;
        const [user] = await tx.select().from(users).where(eq(users.id, rotated.userId));
        return { ...rotated, user };
      });
      if (!result.ok || !result.user)
        throw new HttpError(401, "UNAUTHENTICATED", "Your session has ended; sign in again");
      if (result.user.status !== "ACTIVE") throw forbidden("This account is suspended");
      return issue(result.user, result.next);
    },
  );

  app.post(
    "/v1/logout",
    { schema: { body: refreshRequest, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (req) => {
      await revokeFamilyOf(ctx.db, req.body.refreshToken);
      return { ok: true as const };
    },
  );

  app.get("/v1/me", { schema: { response: { 200: userResponse } } }, async (req) => {
    const [user] = await ctx.db
      .select()
      .from(users)
      .where(eq(users.id, requireUser(req).userId));
    if (!user) throw notFound("No such user");
    return toUserResponse(user);
  });

  app.patch(
    "/v1/me",
    { schema: { body: updateProfileRequest, response: { 200: userResponse } } },
    async (req) => {
      const { userId } = requireUser(req);
      const b = req.body;
      return ctx.db.transaction(async (tx) => {
        const [row] = await tx
          .update(users)
          .set({
            ...(b.name !== undefined ? { name: b.name } : {}),
            ...(b.bio !== undefined ? { bio: b.bio || null } : {}),
            ...(b.avatarUrl !== undefined ? { avatarUrl: b.avatarUrl || null } : {}),
            ...(b.socialLinks !== undefined ? { socialLinks: b.socialLinks } : {}),
            version: sql`${users.version} + 1`,
            updatedAt: sql`now()`,
          })
          .where(eq(users.id, userId))
          .returning();
        if (!row) throw notFound("No such user");
        await appendEvent(tx, {
          type: "user.profile.updated",
          aggregateId: row.id,
          aggregateVersion: row.version,
          payload: toUserState(row),
        });
        return toUserResponse(row);
      });
    },
  );
}
