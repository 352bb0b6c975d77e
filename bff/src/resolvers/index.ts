import { accountResolvers } from "./account";
import { conversationResolvers } from "./conversation";
import { pageResolvers } from "./pages";
import { readingResolvers } from "./reading";
import { sessionResolvers } from "./session";

/** One resolver map from the parts, merged per type. */
export const resolvers = {
  Query: {
    ...readingResolvers.Query,
    ...pageResolvers.Query,
    ...sessionResolvers.Query,
    ...accountResolvers.Query,
  },
  Mutation: { ...sessionResolvers.Mutation, ...conversationResolvers.Mutation, ...accountResolvers.Mutation },
  HomePage: readingResolvers.HomePage,
  Sidebar: readingResolvers.Sidebar,
  Post: { ...readingResolvers.Post, ...conversationResolvers.Post },
  Comment: conversationResolvers.Comment,
  User: sessionResolvers.User,
};
