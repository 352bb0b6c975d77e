import { randomUUID } from "node:crypto";
import type { EventEnvelope, PostState, UserState } from "@quire/contracts";

export const fakeId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

function envelope(
  type: string,
  aggregateId: string,
  aggregateVersion: number,
  payload: unknown,
): EventEnvelope {
  return {
    id: randomUUID(),
    type,
    version: 1,
    aggregateId,
    aggregateVersion,
    occurredAt: new Date().toISOString(),
    traceparent: null,
    payload,
  };
}

export function postEvent(
  type: "post.created" | "post.updated" | "post.published",
  id: string,
  version: number,
  imageUrls: string[],
  status: PostState["status"] = "DRAFT",
): EventEnvelope {
  const state: PostState = {
    id,
    slug: `post-${id.slice(-4)}`,
    title: `Post ${id.slice(-4)}`,
    status,
    authorId: "author-1",
    categoryId: null,
    publishedAt: status === "DRAFT" ? null : "2026-01-01T00:00:00.000Z",
    imageUrls,
  };
  return envelope(type, id, version, state);
}

export const postDeleted = (id: string, version: number) =>
  envelope("post.deleted", id, version, { id, slug: `post-${id.slice(-4)}` });

export function userEvent(
  type: "user.registered" | "user.profile.updated" | "user.status.changed",
  id: string,
  version: number,
  avatarUrl: string | null,
): EventEnvelope {
  const state: UserState = { id, name: "Someone", avatarUrl, bio: null, role: "USER", status: "ACTIVE" };
  return envelope(type, id, version, state);
}

export const userDeleted = (id: string, version: number) => envelope("user.deleted", id, version, { id });

/** A deterministic shuffle, so a failure replays the same order. */
export function shuffle<T>(items: T[], seed = 42): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
