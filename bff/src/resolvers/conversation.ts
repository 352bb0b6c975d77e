import { type BffContext, type CommentPage, requireIdentity } from "../context";
import type { Resolvers } from "../generated/graphql";
import { toConnection } from "./reading";

const encode = encodeURIComponent;

export const conversationResolvers = {
  Post: {
    comments: async (
      post: { id: string },
      args: { first?: number | null; after?: string | null },
      ctx: BffContext,
    ) => {
      const page = (await ctx.loaders.conversation.load({
        kind: "comments",
        postId: post.id,
        first: Math.min(Math.max(args.first ?? 20, 1), 100),
        after: args.after ?? null,
      })) as CommentPage | null;
      // Null: content does not show this post's comments to this viewer.
      return page ? { ...toConnection(page), totalCount: page.totalCount } : null;
    },
  },
  Comment: {
    replies: (c: { replies?: unknown[] }) => c.replies ?? [],
  },
  Mutation: {
    addComment: (
      _: unknown,
      args: {
        postId: string;
        input: {
          content: string;
          parentId?: string | null;
          guestName?: string | null;
          guestPassword?: string | null;
          secret?: boolean | null;
        };
      },
      ctx: BffContext,
    ) => {
      const { content, parentId, guestName, guestPassword, secret } = args.input;
      return ctx.api("content", {
        operation: "addComment",
        method: "POST",
        path: `/v1/posts/${encode(args.postId)}/comments`,
        body: {
          content,
          ...(parentId ? { parentId } : {}),
          ...(guestName != null ? { guestName } : {}),
          ...(guestPassword != null ? { guestPassword } : {}),
          ...(secret != null ? { secret } : {}),
        },
      });
    },
    editComment: (
      _: unknown,
      args: { id: string; content: string; guestPassword?: string | null },
      ctx: BffContext,
    ) =>
      ctx.api("content", {
        operation: "editComment",
        method: "PATCH",
        path: `/v1/comments/${encode(args.id)}`,
        body: {
          content: args.content,
          ...(args.guestPassword != null ? { guestPassword: args.guestPassword } : {}),
        },
      }),
    deleteComment: async (
      _: unknown,
      args: { id: string; guestPassword?: string | null },
      ctx: BffContext,
    ) => {
      await ctx.api("content", {
        operation: "deleteComment",
        method: "DELETE",
        path: `/v1/comments/${encode(args.id)}`,
        body: args.guestPassword != null ? { guestPassword: args.guestPassword } : {},
      });
      return true;
    },
    toggleLike: (_: unknown, args: { postId: string }, ctx: BffContext) =>
      ctx.api("content", {
        operation: "toggleLike",
        method: "POST",
        path: `/v1/posts/${encode(args.postId)}/like`,
        body: {},
      }),
    toggleBookmark: (_: unknown, args: { postId: string }, ctx: BffContext) => {
      requireIdentity(ctx);
      return ctx.api("content", {
        operation: "toggleBookmark",
        method: "POST",
        path: `/v1/posts/${encode(args.postId)}/bookmark`,
        body: {},
      });
    },
    recordView: (_: unknown, args: { postId: string }, ctx: BffContext) =>
      ctx.api("analytics", {
        operation: "recordView",
        method: "POST",
        path: "/v1/views",
        body: { postId: args.postId },
      }),
    trackVisit: async (_: unknown, __: unknown, ctx: BffContext) => {
      await ctx.api("analytics", { operation: "trackVisit", method: "POST", path: "/v1/visits", body: {} });
      return true;
    },
    createBugReport: (
      _: unknown,
      args: {
        input: {
          title: string;
          category: string;
          priority?: string | null;
          description: string;
          email?: string | null;
        };
      },
      ctx: BffContext,
    ) => {
      const { priority, email, ...rest } = args.input;
      return ctx.api("analytics", {
        operation: "createBugReport",
        method: "POST",
        path: "/v1/bug-reports",
        body: { ...rest, ...(priority ? { priority } : {}), ...(email ? { email } : {}) },
      });
    },
  },
} satisfies Resolvers;
