import { createUserInternalRequest, userResponse, userState } from "@quire/contracts";
import type { App, ServiceContext } from "@quire/service-kit";
import { isNotNull } from "drizzle-orm";
import { z } from "zod";
import { users } from "../schema";
import { toUserResponse, toUserState } from "../users/user-state";
import { createUser } from "./accounts";

/** Service-to-service routes; the kit admits only callers with the service credential. */
export function registerInternalRoutes(app: App, ctx: ServiceContext): void {
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
            users: z.array(z.object({ id: z.string(), version: z.number(), state: userState })),
          }),
        },
      },
    },
    async () => {
      const rows = await ctx.db.select().from(users);
      return { users: rows.map((u) => ({ id: u.id, version: u.version, state: toUserState(u) })) };
    },
  );

  /** Avatar URLs in use, so storage can prove an image unused before deleting it. */
  app.get(
    "/internal/avatars",
    { schema: { hide: true, response: { 200: z.object({ urls: z.array(z.string()) }) } } },
    async () => {
      const rows = await ctx.db
        .select({ url: users.avatarUrl })
        .from(users)
        .where(isNotNull(users.avatarUrl));
      return { urls: rows.map((r) => r.url!) };
    },
  );
}
