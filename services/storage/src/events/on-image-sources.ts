import type { EventHandler, EventHandlers, Tx } from "@quire/service-kit";
import { and, eq, sql } from "drizzle-orm";
import { imageIdFromUrl } from "../images/urls";
import { imageRefSources, imageRefs } from "../schema";

type SourceKind = "post" | "avatar";

/**
 * Replaces the images a post or a user's avatar uses with those of this event, but only when the event is
 * newer than what was applied before; a delete leaves a tombstone so an older update cannot revive refs.
 */
export async function applyImageSource(
  tx: Tx,
  kind: SourceKind,
  sourceId: string,
  version: number,
  urls: string[],
  deleted: boolean,
): Promise<void> {
  const claimed = await tx
    .insert(imageRefSources)
    .values({ sourceKind: kind, sourceId, version, deleted })
    .onConflictDoUpdate({
      target: [imageRefSources.sourceKind, imageRefSources.sourceId],
      set: { version: sql`excluded.version`, deleted: sql`excluded.deleted` },
      setWhere: sql`${imageRefSources.version} < excluded.version`,
    })
    .returning({ version: imageRefSources.version });
  if (claimed.length === 0) return;

  await tx.delete(imageRefs).where(and(eq(imageRefs.sourceKind, kind), eq(imageRefs.sourceId, sourceId)));
  const byImage = new Map<string, string>();
  for (const url of urls) {
    const imageId = imageIdFromUrl(url);
    if (imageId && !byImage.has(imageId)) byImage.set(imageId, url);
  }
  if (byImage.size === 0) return;
  await tx.insert(imageRefs).values(
    [...byImage].map(([imageId, imageUrl]) => ({
      sourceKind: kind,
      sourceId,
      imageId,
      imageUrl,
      sourceVersion: version,
    })),
  );
}

const onPostState: EventHandler<"post.created" | "post.updated" | "post.published"> = (tx, event) =>
  applyImageSource(tx, "post", event.aggregateId, event.aggregateVersion, event.payload.imageUrls, false);

const onPostDeleted: EventHandler<"post.deleted"> = (tx, event) =>
  applyImageSource(tx, "post", event.aggregateId, event.aggregateVersion, [], true);

const onUserState: EventHandler<"user.registered" | "user.profile.updated" | "user.status.changed"> = (
  tx,
  event,
) =>
  applyImageSource(
    tx,
    "avatar",
    event.aggregateId,
    event.aggregateVersion,
    event.payload.avatarUrl ? [event.payload.avatarUrl] : [],
    false,
  );

const onUserDeleted: EventHandler<"user.deleted"> = (tx, event) =>
  applyImageSource(tx, "avatar", event.aggregateId, event.aggregateVersion, [], true);

/** Keeps `image_refs`: which images posts (any status) and avatars use, so orphans can be found. */
export const imageReferenceHandlers: EventHandlers = {
  "post.created": onPostState,
  "post.updated": onPostState,
  "post.published": onPostState,
  "post.deleted": onPostDeleted,
  "user.registered": onUserState,
  "user.profile.updated": onUserState,
  "user.status.changed": onUserState,
  "user.deleted": onUserDeleted,
};
