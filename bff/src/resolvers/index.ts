import type { Resolvers } from "../generated/graphql";
import { accountResolvers } from "./account";
import { adminCommentResolvers } from "./admin-comments";
import { adminDashboardResolvers } from "./admin-dashboard";
import { adminPageResolvers } from "./admin-pages";
import { adminPipelineResolvers } from "./admin-pipeline";
import { adminPostResolvers } from "./admin-posts";
import { adminStorageResolvers } from "./admin-storage";
import { adminUserResolvers } from "./admin-users";
import { conversationResolvers } from "./conversation";
import { liveResolvers } from "./live";
import { pageResolvers } from "./pages";
import { readingResolvers } from "./reading";
import { sessionResolvers } from "./session";

/** One resolver map from the parts, merged per type. */
export const resolvers: Resolvers = {
  Query: {
    ...readingResolvers.Query,
    ...pageResolvers.Query,
    ...sessionResolvers.Query,
    ...accountResolvers.Query,
    ...adminDashboardResolvers.Query,
    ...adminPostResolvers.Query,
    ...adminCommentResolvers.Query,
    ...adminUserResolvers.Query,
    ...adminPageResolvers.Query,
    ...adminStorageResolvers.Query,
    ...adminPipelineResolvers.Query,
  },
  Mutation: {
    ...sessionResolvers.Mutation,
    ...conversationResolvers.Mutation,
    ...accountResolvers.Mutation,
    ...adminPostResolvers.Mutation,
    ...adminCommentResolvers.Mutation,
    ...adminUserResolvers.Mutation,
    ...adminPageResolvers.Mutation,
    ...adminStorageResolvers.Mutation,
    ...adminPipelineResolvers.Mutation,
  },
  Subscription: liveResolvers.Subscription,
  HomePage: readingResolvers.HomePage,
  Sidebar: readingResolvers.Sidebar,
  Post: { ...readingResolvers.Post, ...conversationResolvers.Post },
  Comment: conversationResolvers.Comment,
  User: sessionResolvers.User,
  AdminDashboard: adminDashboardResolvers.AdminDashboard,
  AdminPages: adminPageResolvers.AdminPages,
};
