import type { AuthResponse, UserResponse } from "@quire/contracts";
import { createGraphQLError } from "graphql-yoga";
import { type BffContext, requireIdentity } from "../context";
import type { MutationUpdateProfileArgs, Resolvers } from "../generated/graphql";

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
    oidcConfig: (_: unknown, __: unknown, ctx: BffContext) =>
      ctx.api<{ enabled: boolean; name: string | null }>("auth", {
        operation: "oidcConfig",
        path: "/v1/oidc/config",
      }),
  },
  User: {
    socialLinks: (user: UserResponse) => user.socialLinks ?? {},
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
    changePassword: async (
      _: unknown,
      args: { currentPassword: string; newPassword: string },
      ctx: BffContext,
    ) => {
      requireIdentity(ctx);
      // The service revokes every session, this one's refresh token too: the new one replaces the cookie.
      return startSession(
        ctx,
        await ctx.api<AuthResponse>("auth", {
          operation: "changePassword",
          method: "PUT",
          path: "/v1/me/password",
          body: { currentPassword: args.currentPassword, newPassword: args.newPassword },
        }),
      );
    },
    completeOidcSignIn: async (_: unknown, args: { code: string }, ctx: BffContext) =>
      startSession(
        ctx,
        await ctx.api<AuthResponse>("auth", {
          operation: "completeOidcSignIn",
          method: "POST",
          path: "/v1/oidc/exchange",
          body: { code: args.code },
        }),
      ),
    updateProfile: (_: unknown, args: MutationUpdateProfileArgs, ctx: BffContext) => {
      requireIdentity(ctx);
      const { name, bio, avatarUrl, socialLinks } = args.input;
      const body: Record<string, unknown> = {};
      if (name != null) body.name = name;
      if (bio !== undefined) body.bio = bio;
      if (avatarUrl !== undefined) body.avatarUrl = avatarUrl;
      // GraphQL nulls mean "no link": the service's schema takes absent keys only.
      if (socialLinks != null) {
        body.socialLinks = Object.fromEntries(
          Object.entries(socialLinks).filter(([, v]) => v != null && v !== ""),
        );
      }
      return ctx.api<UserResponse>("auth", {
        operation: "updateProfile",
        method: "PATCH",
        path: "/v1/me",
        body,
      });
    },
  },
} satisfies Resolvers;
