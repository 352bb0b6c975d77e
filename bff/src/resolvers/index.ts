import type { AuthResponse, PostDetail, PostSummary, UserResponse } from "@quire/contracts";
import { createGraphQLError } from "graphql-yoga";
import { type BffContext, requireIdentity } from "../context";

type PostParent = PostSummary & { contentHtml?: string };

/** Moves the refresh token into the httpOnly cookie; the page gets only the access token and the user. */
function startSession(ctx: BffContext, auth: AuthResponse) {
  ctx.session.set(auth.refreshToken, auth.refreshExpiresAt);
  return { accessToken: auth.accessToken, expiresIn: auth.expiresIn, user: auth.user };
}

const clampFirst = (first: number | null | undefined) => Math.min(Math.max(first ?? 10, 1), 50);

export const resolvers = {
  Query: {
    posts: async (_: unknown, args: { first?: number | null; after?: string | null }, ctx: BffContext) => {
      const page = await ctx.clients.blog.request<{
        items: Array<PostSummary & { cursor: string }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      }>({
        operation: "posts",
        path: "/v1/posts",
        query: { first: clampFirst(args.first), after: args.after ?? undefined },
        token: ctx.identity?.token,
      });
      return {
        edges: page.items.map(({ cursor, ...node }) => ({ node, cursor })),
        pageInfo: page.pageInfo,
      };
    },
    post: (_: unknown, args: { slug: string }, ctx: BffContext) => ctx.loaders.postBySlug.load(args.slug),
    categories: (_: unknown, __: unknown, ctx: BffContext) =>
      ctx.clients.blog.request<unknown[]>({ operation: "categories", path: "/v1/categories" }),
    // Anonymous is null; a token that no longer verifies is an error, so the client knows to sign in again.
    me: async (_: unknown, __: unknown, ctx: BffContext) =>
      ctx.identity || ctx.tokenRejected ? ctx.loaders.me.load(requireIdentity(ctx).userId) : null,
  },
  Mutation: {
    login: async (_: unknown, args: { email: string; password: string }, ctx: BffContext) =>
      startSession(
        ctx,
        await ctx.clients.auth.request<AuthResponse>({
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
        await ctx.clients.auth.request<AuthResponse>({
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
          await ctx.clients.auth.request<AuthResponse>({
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
        await ctx.clients.auth.request({
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
      const identity = requireIdentity(ctx);
      const body: Record<string, string | null> = {};
      if (args.input.name != null) body.name = args.input.name;
      if (args.input.bio !== undefined) body.bio = args.input.bio;
      return ctx.clients.auth.request<UserResponse>({
        operation: "updateProfile",
        method: "PATCH",
        path: "/v1/me",
        body,
        token: identity.token,
      });
    },
  },
  Post: {
    contentHtml: async (post: PostParent, _: unknown, ctx: BffContext) =>
      post.contentHtml ?? (await ctx.loaders.postBySlug.load(post.slug))?.contentHtml ?? "",
  },
};

export type { PostDetail };
