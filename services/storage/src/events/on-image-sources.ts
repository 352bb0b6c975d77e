import type { EventEnvelope, EventPayload, EventType } from "@quire/contracts";
import { batchHandler, type EventHandlers, newestPerAggregate, type Tx } from "@quire/service-kit";
import { and, eq, inArray, sql } from "drizzle-orm";
import { imageIdFromUrl } from "../images/urls";
import { imageRefSources, imageRefs } from "../schema";

type SourceKind = "post" | "avatar";

/** What one event says of a post's or an avatar's images. */
interface ImageSource {
  aggregateId: string;
  aggregateVersion: number;
  urls: string[];
  deleted: boolean;
}

/**
 * Replaces the images posts or users' avatars use with those of these events, each only when its event is
 * newer than what was applied before; a delete leaves a tombstone so an older update cannot revive refs.
 */
export async function applyImageSources(tx: Tx, kind: SourceKind, events: ImageSource[]): Promise<void> {
  const newest = newestPerAggregate(events);
  const claimed = await tx
    .insert(imageRefSources)
    .values(
      newest.map((s) => ({
        sourceKind: kind,
        sourceId: s.aggregateId,
        version: s.aggregateVersion,
        deleted: s.deleted,
      })),
    )
    .onConflictDoUpdate({
      target: [imageRefSources.sourceKind, imageRefSources.sourceId],
      set: { version: sql`excluded.version`, deleted: sql`excluded.deleted` },
      setWhere: sql`${imageRefSources.version} < excluded.version`,
    })
    .returning({ sourceId: imageRefSources.sourceId });
  if (claimed.length === 0) return;

  const claimedIds = new Set(claimed.map((row) => row.sourceId));
  await tx
    .delete(imageRefs)
    .where(and(eq(imageRefs.sourceKind, kind), inArray(imageRefs.sourceId, [...claimedIds])));
  const rows = newest
    .filter((s) => claimedIds.has(s.aggregateId))
    .flatMap((s) => {
      const byImage = new Map<string, string>();
      for (const url of s.urls) {
        const imageId = imageIdFromUrl(url);
        if (imageId && !byImage.has(imageId)) byImage.set(imageId, url);
      }
      return [...byImage].map(([imageId, imageUrl]) => ({
        sourceKind: kind,
        sourceId: s.aggregateId,
        imageId,
        imageUrl,
        sourceVersion: s.aggregateVersion,
      }));
    });
  if (rows.length > 0) await tx.insert(imageRefs).values(rows);
}

/** A handler for one kind of source, given an event's image URLs, or null when the event deletes its source. */
function imageSourceHandler<T extends EventType>(
  kind: SourceKind,
  urlsOf: (event: EventEnvelope<EventPayload<T>>) => string[] | null,
) {
  return batchHandler<T>((tx, events) =>
    applyImageSources(
      tx,
      kind,
      events.map((event) => {
        const urls = urlsOf(event);
        return { ...event, urls: urls ?? [], deleted: urls === null };
      }),
    ),
  );
}

const onPostState = imageSourceHandler<"post.created" | "post.updated" | "post.published">(
  "post",
  (e) => e.payload.imageUrls,
);
const onPostDeleted = imageSourceHandler<"post.deleted">("post", () => null);
const onUserState = imageSourceHandler<"user.registered" | "user.profile.updated" | "user.status.changed">(
  "avatar",
  (e) => (e.payload.avatarUrl ? [e.payload.avatarUrl] : []),
);
const onUserDeleted = imageSourceHandler<"user.deleted">("avatar", () => null);

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
