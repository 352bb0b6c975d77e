import type { EventEnvelope, PostState, UserState } from "@quire/contracts";
import { shuffle, testEnvelope } from "@quire/service-kit/testing";

export const fakeId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const envelope = testEnvelope;

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

export { shuffle };
