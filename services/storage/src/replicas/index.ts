import { authUserEnvelopes, blogPostEnvelopes, type ReplicaDefinition } from "@quire/service-kit";
import { imageReferenceHandlers } from "../events/on-image-sources";

/**
 * The image references storage keeps from other services, rebuildable from their producers' snapshots.
 * Both share one handler set: it keeps post and avatar references apart by source kind.
 */
export const storageReplicas: ReplicaDefinition[] = [
  {
    name: "post-images",
    producer: "blog",
    snapshot: (ctx) => blogPostEnvelopes(ctx, "post-images"),
    handlers: imageReferenceHandlers,
  },
  {
    name: "avatars",
    producer: "auth",
    snapshot: (ctx) => authUserEnvelopes(ctx, "avatars"),
    handlers: imageReferenceHandlers,
  },
];
