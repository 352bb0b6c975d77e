import { blogPostEnvelopes, type ReplicaDefinition } from "@quire/service-kit";
import { postReplicaHandlers } from "../events/on-post-changed";

/** Analytics' read models of other services, rebuildable from their producers' snapshots. */
export const analyticsReplicas: ReplicaDefinition[] = [
  {
    name: "posts",
    producer: "blog",
    snapshot: (ctx) => blogPostEnvelopes(ctx, "posts"),
    handlers: postReplicaHandlers,
  },
];
