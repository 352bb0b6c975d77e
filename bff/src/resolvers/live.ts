import type { BffContext } from "../context";
import type { Resolvers } from "../generated/graphql";
import type { CommentAdded, DashboardChange } from "../live-events";
import { requireAdmin } from "./admin-access";

export const liveResolvers = {
  Subscription: {
    commentAdded: {
      subscribe: (_: unknown, args: { postId: string }, ctx: BffContext) =>
        ctx.live.pubsub.subscribe("commentAdded", args.postId),
      resolve: (payload: CommentAdded) => payload,
    },
    dashboardChanged: {
      subscribe: (_: unknown, __: unknown, ctx: BffContext) => {
        requireAdmin(ctx);
        return ctx.live.pubsub.subscribe("dashboardChanged");
      },
      resolve: (payload: DashboardChange) => payload,
    },
  },
} satisfies Resolvers;
