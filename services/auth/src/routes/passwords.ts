import { authResponse, changePasswordRequest } from "@quire/contracts";
import { type App, forbidden, notFound, requireUser, type ServiceContext } from "@quire/service-kit";
import { eq } from "drizzle-orm";
import { ACCESS_TOKEN_TTL_SECONDS, type SigningKeys } from "../keys/signing-keys";
import { users } from "../schema";
import { issueRefreshToken } from "../sessions/refresh-tokens";
import { revokeSessions } from "../sessions/revoke-sessions";
import { hashPassword, verifyPassword } from "../users/passwords";
import { toUserResponse } from "../users/user-state";

export function registerPasswordRoutes(app: App, ctx: ServiceContext, keys: SigningKeys): void {
  /** Changes the password, signs out every other session, and keeps this one with fresh tokens. */
  app.put(
    "/v1/me/password",
    { schema: { body: changePasswordRequest, response: { 200: authResponse } } },
    async (req) => {
      const { userId } = requireUser(req);
      const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
      if (!user) throw notFound("No such user");
      if (!(await verifyPassword(user.passwordHash, req.body.currentPassword))) {
        throw forbidden("The current password is not right");
      }
      const passwordHash = await hashPassword(req.body.newPassword);
      const refresh = await ctx.db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
        await revokeSessions(tx, userId, "PASSWORD_CHANGED");
        return issueRefreshToken(tx, userId);
      });
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
