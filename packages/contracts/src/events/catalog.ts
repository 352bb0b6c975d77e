import type { z } from "zod";
import { analyticsEvents } from "./analytics-events";
import { authEvents, type userState } from "./auth-events";
import { blogEvents, type postState } from "./blog-events";
import { contentEvents } from "./content-events";
import { pageEvents } from "./page-events";
import { storageEvents } from "./storage-events";

/**
 * The event catalog: name, version and payload schema of every domain event, one file per producer.
 * Events carry the full state their consumers replicate (not deltas), so a late or reordered delivery can
 * be applied or ignored by comparing aggregate versions alone.
 */
export const eventCatalog = {
  ...authEvents,
  ...blogEvents,
  ...contentEvents,
  ...pageEvents,
  ...analyticsEvents,
  ...storageEvents,
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
