import { authUserEnvelopes, blogPostEnvelopes, type ReplicaDefinition } from "@quire/service-kit";
import { postReplicaHandlers } from "../events/on-post-changed";
import { authorReplicaHandlers } from "../events/on-user-changed";

/** Content's read models of other services, rebuildable from their producers' snapshots. */
export const contentReplicas: ReplicaDefinition[] = [
  {
    name: "authors",
    producer: "auth",
    snapshot: (ctx) => authUserEnvelopes(ctx, "authors"),
    handlers: authorReplicaHandlers,
  },
  {
    name: "posts",
    producer: "blog",
    snapshot: (ctx) => blogPostEnvelopes(ctx, "posts"),
    handlers: postReplicaHandlers,
  },
];
