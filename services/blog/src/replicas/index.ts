import { authUserEnvelopes, type ReplicaDefinition } from "@quire/service-kit";
import { engagementCounterHandlers } from "../events/on-engagement-changed";
import { authorReplicaHandlers } from "../events/on-user-changed";
import { contentEngagementEnvelopes } from "./content-engagement";

/** Blog's read models of other services, rebuildable from their producers' snapshots. */
export const blogReplicas: ReplicaDefinition[] = [
  {
    name: "authors",
    producer: "auth",
    snapshot: (ctx) => authUserEnvelopes(ctx, "authors"),
    handlers: authorReplicaHandlers,
  },
  {
    name: "engagement",
    producer: "content",
    snapshot: (ctx) => contentEngagementEnvelopes(ctx, "engagement"),
    handlers: engagementCounterHandlers,
  },
];
