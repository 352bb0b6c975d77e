import { randomUUID } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import {
  authResponse,
  createUserInternalRequest,
  loginRequest,
  registerRequest,
  type UserState,
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
  requireUser,
  type ServiceContext,
  type Tx,
} from "@quire/service-kit";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { ACCESS_TOKEN_TTL_SECONDS, type SigningKeys } from "../keys/signing-keys";
import { type UserRow, users } from "../schema";

// algorithm 2 is Argon2id (a const enum in the typings, which isolated modules cannot read).
const ARGON2 = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
// Verifying against this when the email is unknown makes both failures cost the same time.
const DUMMY_HASH = hash("not-a-real-password-Q1", ARGON2);
const INVALID_LOGIN = "Invalid email or password";

export function toUserResponse(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    bio: u.bio,
    avatarUrl: u.avatarUrl,
    role: u.role,
    status: u.status,
    createdAt: new Date(u.createdAt).toISOString(),
  };
}

export function toUserState(u: UserRow): UserState {
  return { id: u.id, name: u.name, avatarUrl: u.avatarUrl, bio: u.bio, role: u.role, status: u.status };
}

async function createUser(
  ctx: ServiceContext,
  input: { email: string; password: string; name?: string | undefined; role: "USER" | "ADMIN" },
): Promise<UserRow> {
  const passwordHash = await hash(input.password, ARGON2);
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

async function findUser(db: ServiceContext["db"] | Tx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export function registerAccountRoutes(app: App, ctx: ServiceContext, keys: SigningKeys): void {
  const issue = async (user: UserRow) => ({
    accessToken: await keys.signAccessToken({ sub: user.id, role: user.role }),
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    user: toUserResponse(user),
  });

  app.get("/.well-known/jwks.json", { schema: { hide: true } }, async (_req, reply) => {
    reply.header("cache-control", "public, max-age=300");
    return keys.jwks;
  });

  app.post(
    "/v1/register",
    { schema: { body: registerRequest, response: { 201: authResponse } } },
    async (req, reply) => {
      const user = await createUser(ctx, { ...req.body, role: "USER" });
      return reply.status(201).send(await issue(user));
    },
  );

  app.post("/v1/login", { schema: { body: loginRequest, response: { 200: authResponse } } }, async (req) => {
    const email = req.body.email.trim().toLowerCase();
    const [user] = await ctx.db.select().from(users).where(eq(users.email, email));
    const ok = await verify(user?.passwordHash ?? (await DUMMY_HASH), req.body.password).catch(() => false);
    if (!user || !ok) throw new HttpError(401, "UNAUTHENTICATED", INVALID_LOGIN);
    if (user.status !== "ACTIVE") throw forbidden("This account is suspended");
    return issue(user);
  });

  app.get("/v1/me", { schema: { response: { 200: userResponse } } }, async (req) => {
    const user = await findUser(ctx.db, requireUser(req).userId);
    if (!user) throw notFound("No such user");
    return toUserResponse(user);
  });

  app.patch(
    "/v1/me",
    { schema: { body: updateProfileRequest, response: { 200: userResponse } } },
    async (req) => {
      const { userId } = requireUser(req);
      return ctx.db.transaction(async (tx) => {
        const [row] = await tx
          .update(users)
          .set({
            ...(req.body.name !== undefined ? { name: req.body.name } : {}),
            ...(req.body.bio !== undefined ? { bio: req.body.bio || null } : {}),
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

  app.post(
    "/internal/users",
    { schema: { hide: true, body: createUserInternalRequest, response: { 201: userResponse } } },
    async (req, reply) => reply.status(201).send(toUserResponse(await createUser(ctx, req.body))),
  );

  /** Everything a replica of users needs, with versions, for rebuilding a replica from scratch. */
  app.get(
    "/internal/users/snapshot",
    {
      schema: {
        hide: true,
        response: {
          200: z.object({
            users: z.array(
              z.object({
                id: z.string(),
                version: z.number(),
                state: z.object({
                  id: z.string(),
                  name: z.string(),
                  avatarUrl: z.string().nullable(),
                  bio: z.string().nullable(),
                  role: z.enum(["USER", "ADMIN"]),
                  status: z.enum(["ACTIVE", "SUSPENDED"]),
                }),
              }),
            ),
          }),
        },
      },
    },
    async () => {
      const rows = await ctx.db.select().from(users);
      return { users: rows.map((u) => ({ id: u.id, version: u.version, state: toUserState(u) })) };
    },
  );
}
