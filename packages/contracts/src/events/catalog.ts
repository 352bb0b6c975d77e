import { z } from "zod";

/**
 * The event catalog: name, version and payload schema of every domain event.
 * Events carry the full state their consumers replicate (not deltas), so a late or reordered
 * delivery can be applied or ignored by comparing aggregate versions alone.
 */
const userState = z.object({
  id: z.string(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  bio: z.string().nullable(),
  role: z.enum(["USER", "ADMIN"]),
  status: z.enum(["ACTIVE", "SUSPENDED"]),
});

const postState = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  status: z.enum(["DRAFT", "PUBLIC", "PRIVATE"]),
  authorId: z.string(),
  categoryId: z.string().nullable(),
  publishedAt: z.string().nullable(),
});

export const eventCatalog = {
  "user.registered": { version: 1, payload: userState },
  "user.profile.updated": { version: 1, payload: userState },
  "user.status.changed": { version: 1, payload: userState },
  "user.deleted": { version: 1, payload: z.object({ id: z.string() }) },
  "post.created": { version: 1, payload: postState },
  "post.updated": { version: 1, payload: postState },
  "post.published": { version: 1, payload: postState },
  "post.deleted": { version: 1, payload: z.object({ id: z.string(), slug: z.string() }) },
} as const;

export type EventType = keyof typeof eventCatalog;
export type EventPayload<T extends EventType> = z.infer<(typeof eventCatalog)[T]["payload"]>;
export type UserState = z.infer<typeof userState>;
export type PostState = z.infer<typeof postState>;

export function isCatalogEvent(type: string): type is EventType {
  return Object.hasOwn(eventCatalog, type);
}

/** Validates a payload against the catalog; throws a ZodError on mismatch. */
export function parseEventPayload<T extends EventType>(type: T, payload: unknown): EventPayload<T> {
  return eventCatalog[type].payload.parse(payload) as EventPayload<T>;
}
