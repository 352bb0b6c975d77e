import type { AuthResponse, UserResponse } from "@quire/contracts";
import { createGraphQLError } from "graphql-yoga";
import { type BffContext, requireIdentity } from "../context";

/** Moves the refresh token into the httpOnly cookie; the page gets only the access token and the user. */
function startSession(ctx: BffContext, auth: AuthResponse) {
  ctx.session.set(auth.refreshToken, auth.refreshExpiresAt);
  return { accessToken: auth.accessToken, expiresIn: auth.expiresIn, user: auth.user };
}

export const sessionResolvers = {
  Query: {
    // Anonymous is null; a token that no longer verifies is an error, so the client knows to sign in again.
    me: async (_: unknown, __: unknown, ctx: BffContext) =>
      ctx.identity || ctx.tokenRejected ? ctx.loaders.me.load(requireIdentity(ctx).userId) : null,
  },
  Mutation: {
    login: async (_: unknown, args: { email: string; password: string }, ctx: BffContext) =>
      startSession(
        ctx,
        await ctx.api<AuthResponse>("auth", {
          operation: "login",
          method: "POST",
          path: "/v1/login",
          body: args,
        }),
      ),
    register: async (
      _: unknown,
      args: { email: string; password: string; name?: string | null },
      ctx: BffContext,
    ) =>
      startSession(
        ctx,
        await ctx.api<AuthResponse>("auth", {
          operation: "register",
          method: "POST",
          path: "/v1/register",
          body: { email: args.email, password: args.password, ...(args.name ? { name: args.name } : {}) },
        }),
      ),
    refreshSession: async (_: unknown, __: unknown, ctx: BffContext) => {
      const refreshToken = ctx.session.read();
      if (!refreshToken) {
        throw createGraphQLError("No session to refresh; sign in", {
          extensions: { code: "UNAUTHENTICATED" },
        });
      }
      try {
        return startSession(
          ctx,
          await ctx.api<AuthResponse>("auth", {
            operation: "refreshSession",
            method: "POST",
            path: "/v1/refresh",
            body: { refreshToken },
          }),
        );
      } catch (error) {
        ctx.session.clear();
        throw error;
      }
    },
    logout: async (_: unknown, __: unknown, ctx: BffContext) => {
      const refreshToken = ctx.session.read();
      ctx.session.clear();
      if (refreshToken) {
        await ctx.api("auth", {
          operation: "logout",
          method: "POST",
          path: "/v1/logout",
          body: { refreshToken },
        });
      }
      return true;
    },
    updateProfile: (
      _: unknown,
      args: { input: { name?: string | null; bio?: string | null } },
      ctx: BffContext,
    ) => {
      requireIdentity(ctx);
      const body: Record<string, string | null> = {};
      if (args.input.name != null) body.name = args.input.name;
      if (args.input.bio !== undefined) body.bio = args.input.bio;
      return ctx.api<UserResponse>("auth", {
        operation: "updateProfile",
        method: "PATCH",
        path: "/v1/me",
        body,
      });
    },
  },
};
