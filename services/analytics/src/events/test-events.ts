import { randomUUID } from "node:crypto";
import type { EventEnvelope } from "@quire/contracts";
import { shuffle, testEnvelope } from "@quire/service-kit/testing";

export const envelope = testEnvelope;

export function postEvent(
  type: "post.created" | "post.updated" | "post.published",
  id: string,
  version: number,
  status: "DRAFT" | "PUBLIC" | "PRIVATE",
): EventEnvelope {
  return envelope(type, id, version, {
    id,
    slug: `post-${id}`,
    title: `Post ${id}`,
    status,
    authorId: "author-1",
    categoryId: null,
    publishedAt: status === "DRAFT" ? null : "2024-01-01T00:00:00.000Z",
    imageUrls: [],
  });
}

export function postDeleted(id: string, version: number): EventEnvelope {
  return envelope("post.deleted", id, version, { id, slug: `post-${id}` });
}

/** Content's events: the post's counters after the change, versioned per post. */
export function engagementEvent(
  type: "comment.created" | "comment.deleted" | "like.toggled",
  postId: string,
  version: number,
  likeCount: number,
  commentCount: number,
): EventEnvelope {
  const counters = { postId, likeCount, commentCount };
  if (type === "like.toggled") return envelope(type, postId, version, { ...counters, liked: true });
  return envelope(type, postId, version, {
    ...counters,
    comment: {
      id: randomUUID(),
      parentId: null,
      authorName: "Guest",
      excerpt: "Nice post",
      secret: false,
      status: "APPROVED",
      createdAt: "2024-01-01T00:00:00.000Z",
    },
  });
}

export function userRegistered(id: string, name: string, occurredAt: string): EventEnvelope {
  return envelope(
    "user.registered",
    id,
    1,
    { id, name, avatarUrl: null, bio: null, role: "USER", status: "ACTIVE" },
    occurredAt,
  );
}

export { shuffle };
