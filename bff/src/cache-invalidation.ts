import type { EventEnvelope } from "@quire/contracts";
import type { Bus } from "@quire/service-kit";

/** What the response cache drops: one entity (`Post:<id>`) or every response holding a type (`HomePage`). */
export type CacheEntity = { typename: string; id?: string };

export const CACHE_QUEUE = "bff.cache";
export const CACHE_BINDINGS = ["user.#", "post.#", "comment.#", "like.toggled", "page.#", "post.viewed"];

// The cache records a response under the type and id of every object in it, and under the item type of
// every empty list, but never under a type without an id (HomePage, PostConnection). So a change to a list
// drops every response holding an item of that type: a new, removed or renamed post changes lists and link
// texts without carrying those responses' ids.
const POST_LISTS = ["Post", "PostLink", "RecentComment", "Category", "Tag"];

/**
 * The cached responses an event makes stale. Entity ids are the `id` fields the cache collected: a post's
 * id, an author's user id, a comment's id, a notice's id. Dropping an entry twice is harmless, so a
 * redelivered event needs no inbox.
 */
export function staleEntities(event: EventEnvelope): CacheEntity[] {
  const payload = event.payload as Record<string, unknown>;
  const type = event.type;
  if (type.startsWith("user.")) {
    return ["Author", "CommentAuthor", "User"].map((typename) => ({ typename, id: event.aggregateId }));
  }
  if (type === "post.viewed" || type === "like.toggled") {
    return [{ typename: "Post", id: String(payload.postId ?? event.aggregateId) }];
  }
  if (type.startsWith("post.")) {
    return [{ typename: "Post", id: event.aggregateId }, ...POST_LISTS.map((typename) => ({ typename }))];
  }
  if (type.startsWith("comment.")) {
    const comment = payload.comment as { id?: string } | undefined;
    return [
      { typename: "Post", id: String(payload.postId ?? event.aggregateId) },
      ...(comment?.id ? [{ typename: "Comment", id: comment.id }] : []),
      { typename: "RecentComment" },
    ];
  }
  if (type.startsWith("page.")) {
    if (payload.kind === "page") return [{ typename: "StaticPage" }];
    // Every response with a notice or an empty notice list: a pinned one joins the home page's pop-up.
    return [{ typename: "Notice" }];
  }
  return [];
}

/**
 * The BFF hears an event at the same time as the services whose replicas the answers are read from (a
 * renamed author reaches blog's author replica on blog's own queue). A read between the BFF's invalidation
 * and the replica's update would put the old answer back in the cache, so each invalidation is repeated
 * once those replicas have had time to apply the event.
 */
export const REPEAT_INVALIDATION_AFTER_MS = [250, 1_500];

export async function subscribeCacheInvalidation(
  bus: Bus,
  invalidate: (entities: CacheEntity[]) => void | Promise<void>,
): Promise<{ close(): void }> {
  const timers = new Set<NodeJS.Timeout>();
  await bus.subscribe({
    queue: CACHE_QUEUE,
    bindings: CACHE_BINDINGS,
    handler: async ({ envelope }) => {
      const entities = staleEntities(envelope);
      if (entities.length === 0) return;
      await invalidate(entities);
      for (const delay of REPEAT_INVALIDATION_AFTER_MS) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          void Promise.resolve(invalidate(entities)).catch(() => {});
        }, delay);
        timers.add(timer);
      }
    },
  });
  return {
    close: () => {
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
