import { randomUUID } from "node:crypto";
import type { EventEnvelope } from "@quire/contracts";
import { type Database, processEvent } from "@quire/service-kit";
import { createTestDatabase, shuffle, testEnvelope } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blogService } from "../service";
import { engagementCounterHandlers, viewCounterHandlers } from "./on-engagement-changed";

const envelope = testEnvelope;

/** Delivers as the blog's consumers do: payload checked against the catalog, event id recorded in the inbox. */
async function deliver(db: Database, event: EventEnvelope): Promise<void> {
  const views = event.type === "post.viewed";
  await processEvent(
    db,
    views ? "blog.view-counter" : "blog.engagement-counter",
    event,
    views ? viewCounterHandlers : engagementCounterHandlers,
  );
}

const comment = {
  id: "c1",
  parentId: null,
  authorName: "Guest",
  excerpt: "Nice",
  secret: false,
  status: "APPROVED",
  createdAt: new Date().toISOString(),
};

/** A content event of `type` with the counters as they stand after it. */
function engagementEvent(
  type: string,
  postId: string,
  version: number,
  likeCount: number,
  commentCount: number,
) {
  const extra =
    type === "like.toggled"
      ? { liked: true }
      : type === "bookmark.toggled"
        ? { userId: "u1", bookmarked: true }
        : { comment };
  return envelope(type, postId, version, { postId, likeCount, commentCount, ...extra });
}

type Counters = {
  view_count: number;
  like_count: number;
  comment_count: number;
  views_version: number;
  engagement_version: number;
};

describe("post counters from analytics' and content's events", () => {
  let db: Database;
  const postId = randomUUID();
  const counters = async (id = postId) =>
    (
      await db.query<Counters>(
        "select view_count, like_count, comment_count, views_version, engagement_version from posts where id = $1",
        [id],
      )
    )[0];

  beforeAll(async () => {
    db = await createTestDatabase(blogService().migrations);
    await db.query(
      `insert into posts (id, slug, title, excerpt, content_html, status, author_id, reading_minutes)
       values ($1, 'counted', 'Counted', '', '', 'PUBLIC', 'author', 1)`,
      [postId],
    );
  });
  afterAll(async () => db?.close());

  it("ends at the newest totals of each stream when every event arrives twice and out of order", async () => {
    const views = [1, 2, 3, 4, 5, 6].map((n) => envelope("post.viewed", postId, n, { postId, viewCount: n }));
    const engagement = (
      [
        ["comment.created", 0, 1],
        ["like.toggled", 1, 1],
        ["like.toggled", 2, 1],
        ["comment.created", 2, 2],
        ["bookmark.toggled", 2, 2],
        ["comment.updated", 2, 2],
        ["like.toggled", 1, 2],
        ["comment.deleted", 1, 1],
      ] as const
    ).map(([type, likes, comments], i) => engagementEvent(type, postId, i + 1, likes, comments));
    const all = [...views, ...engagement];
    for (const e of shuffle([...all, ...all])) await deliver(db, e);
    expect(await counters()).toEqual({
      view_count: 6,
      like_count: 1,
      comment_count: 1,
      views_version: 6,
      engagement_version: 8,
    });
    // A late, older event changes nothing.
    await deliver(db, envelope("post.viewed", postId, 3, { postId, viewCount: 3 }));
    await deliver(db, engagementEvent("like.toggled", postId, 2, 9, 9));
    expect(await counters()).toMatchObject({ view_count: 6, like_count: 1, comment_count: 1 });
  });

  it("ignores counters of a post it does not have (deleted, or not yet replicated)", async () => {
    const ghost = randomUUID();
    await deliver(db, envelope("post.viewed", ghost, 5, { postId: ghost, viewCount: 5 }));
    await deliver(db, engagementEvent("comment.created", ghost, 1, 0, 1));
    expect(await counters(ghost)).toBeUndefined();
  });

  it("refuses a malformed payload, writing nothing, so the event is retried and then dead-lettered", async () => {
    const before = await counters();
    await expect(
      deliver(
        db,
        envelope("like.toggled", postId, 99, { postId, likeCount: "many", commentCount: 1, liked: true }),
      ),
    ).rejects.toThrow();
    await expect(
      deliver(db, envelope("post.viewed", postId, 99, { postId, viewCount: -1 })),
    ).rejects.toThrow();
    expect(await counters()).toEqual(before);
  });
});
