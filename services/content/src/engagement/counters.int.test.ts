import { processEvent } from "@quire/service-kit";
import { createTestDatabase } from "@quire/service-kit/testing";
import { describe, expect, it } from "vitest";
import { postReplicaHandlers } from "../events/on-post-changed";
import { bookmarks } from "../schema";
import { contentService } from "../service";
import { postEnvelope } from "../test-support";
import { lockEngagement } from "./counters";

const P = "00000000-0000-4000-8000-0000000000a1";

const leftovers = async (db: { query<T>(s: string): Promise<T[]> }) => ({
  bookmarks: await db.query("select post_id from bookmarks"),
  engagement: await db.query("select post_id from engagement"),
});

describe("a post's delete against writes on the post", () => {
  // Found by `npm run test:chaos`: a bookmark committed while the delete's cascade ran outlived its post.
  it("deletes a bookmark whose writer held the counter lock while the delete arrived", async () => {
    const db = await createTestDatabase(contentService().migrations);
    try {
      await processEvent(
        db,
        "content.post-replica",
        postEnvelope("post.created", { id: P }, 1),
        postReplicaHandlers,
      );
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked!: () => void;
      const lockTaken = new Promise<void>((resolve) => {
        locked = resolve;
      });
      const writer = db.db.transaction(async (tx) => {
        expect(await lockEngagement(tx, P)).toBe(true);
        locked();
        await held;
        await tx.insert(bookmarks).values({ userId: "u1", postId: P, createdAt: new Date().toISOString() });
      });
      await lockTaken;
      const deleting = processEvent(
        db,
        "content.post-replica",
        postEnvelope("post.deleted", { id: P }, 2),
        postReplicaHandlers,
      );
      // On PostgreSQL the delete now runs until it needs the writer's lock; PGlite runs it after the writer.
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      await Promise.all([writer, deleting]);
      expect(await leftovers(db)).toEqual({ bookmarks: [], engagement: [] });
    } finally {
      await db.close();
    }
  });

  it("refuses a write that takes the lock after the delete, and keeps no counters for the post", async () => {
    const db = await createTestDatabase(contentService().migrations);
    try {
      await processEvent(
        db,
        "content.post-replica",
        postEnvelope("post.created", { id: P }, 1),
        postReplicaHandlers,
      );
      await processEvent(
        db,
        "content.post-replica",
        postEnvelope("post.deleted", { id: P }, 2),
        postReplicaHandlers,
      );
      const live = await db.db.transaction((tx) => lockEngagement(tx, P));
      expect(live).toBe(false);
      expect(await leftovers(db)).toEqual({ bookmarks: [], engagement: [] });
    } finally {
      await db.close();
    }
  });
});
