import type { EventEnvelope } from "@quire/contracts";
import { processEvent } from "@quire/service-kit";
import { createTestDatabase, eventually, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storageService } from "../service";
import { fakeId, postDeleted, postEvent, shuffle, userDeleted, userEvent } from "../testing/events";
import { imageReferenceHandlers } from "./on-image-sources";

type Ref = {
  source_kind: string;
  source_id: string;
  image_id: string;
  image_url: string;
  source_version: number;
};

const img = (n: number, purpose = "post") => `/v1/images/${fakeId(n)}/${purpose}.webp`;
const [P1, P2, P3, P4] = [101, 102, 103, 104].map(fakeId) as [string, string, string, string];
const [U1, U2, U3, U4] = [201, 202, 203, 204].map(fakeId) as [string, string, string, string];
const absolute3 = `http://localhost:3000/v1/images/${fakeId(3)}/post.webp?v=2`;

/** Posts of every status and users, with updates, deletes, and URLs that are not stored images. */
const history: EventEnvelope[] = [
  postEvent("post.created", P1, 1, [img(1)]),
  postEvent("post.updated", P1, 2, [img(1), img(2), "https://elsewhere.example/x.png"]),
  postEvent("post.published", P1, 3, [img(2), absolute3, img(2)], "PUBLIC"),
  postEvent("post.created", P2, 1, [img(4)], "PRIVATE"),
  postEvent("post.updated", P2, 2, [img(4), img(5)], "PRIVATE"),
  postDeleted(P2, 3),
  postEvent("post.created", P3, 1, [img(6)]),
  postEvent("post.created", P4, 1, [img(7)], "PUBLIC"),
  postDeleted(P4, 2),
  userEvent("user.registered", U1, 1, null),
  userEvent("user.profile.updated", U1, 2, img(8, "avatar")),
  userEvent("user.profile.updated", U1, 3, img(9, "avatar")),
  userEvent("user.registered", U2, 1, img(10, "avatar")),
  userEvent("user.status.changed", U2, 2, img(10, "avatar")),
  userEvent("user.registered", U3, 1, img(11, "avatar")),
  userEvent("user.profile.updated", U3, 2, null),
  userEvent("user.registered", U4, 1, img(12, "avatar")),
  userDeleted(U4, 2),
];

const truth: Ref[] = [
  {
    source_kind: "avatar",
    source_id: U1,
    image_id: fakeId(9),
    image_url: img(9, "avatar"),
    source_version: 3,
  },
  {
    source_kind: "avatar",
    source_id: U2,
    image_id: fakeId(10),
    image_url: img(10, "avatar"),
    source_version: 2,
  },
  { source_kind: "post", source_id: P1, image_id: fakeId(2), image_url: img(2), source_version: 3 },
  { source_kind: "post", source_id: P1, image_id: fakeId(3), image_url: absolute3, source_version: 3 },
  { source_kind: "post", source_id: P3, image_id: fakeId(6), image_url: img(6), source_version: 1 },
];

const refs = (db: { query<T>(s: string): Promise<T[]> }) =>
  db.query<Ref>(
    `select source_kind, source_id, image_id, image_url, source_version from image_refs
      order by source_kind, source_id, image_id`,
  );

describe("image references from post and user events", () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack([storageService()]);
  });
  afterAll(async () => stack?.close());

  it("follows posts and avatars through the bus", async () => {
    const bus = await stack.broker.connect();
    await bus.publish(history);
    const storage = stack.services.storage!.ctx.database;
    await eventually(async () => JSON.stringify(await refs(storage)) === JSON.stringify(truth));
  });

  it.each([1, 7, 99])(
    "ends equal when every event arrives twice and out of order (seed %i)",
    async (seed) => {
      const fresh = await createTestDatabase(storageService().migrations);
      try {
        for (const e of shuffle([...history, ...history], seed)) {
          await processEvent(fresh, "storage.image-references", e, imageReferenceHandlers);
        }
        expect(await refs(fresh)).toEqual(truth);
        const tombstones = await fresh.query<{ source_id: string }>(
          "select source_id from image_ref_sources where deleted order by source_id",
        );
        expect(tombstones.map((t) => t.source_id)).toEqual([P2, P4, U4]);
      } finally {
        await fresh.close();
      }
    },
  );

  it("stays equal when the broker redelivers every event twice, shuffled", async () => {
    const storage = stack.services.storage!.ctx.database;
    const bus = await stack.broker.connect();
    await bus.publish(shuffle([...history, ...history], 5));
    await eventually(async () => {
      const [row] = await storage.query<{ n: number }>(
        "select count(*)::int as n from inbox where consumer = 'storage.image-references'",
      );
      return row?.n === history.length;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await refs(storage)).toEqual(truth);
  });

  it("ignores an update older than a delete, and an older update after a newer one", async () => {
    const fresh = await createTestDatabase(storageService().migrations);
    try {
      const apply = (e: EventEnvelope) =>
        processEvent(fresh, "storage.image-references", e, imageReferenceHandlers);
      await apply(postDeleted(P1, 5));
      await apply(postEvent("post.updated", P1, 4, [img(1)]));
      await apply(userEvent("user.profile.updated", U1, 3, img(9, "avatar")));
      await apply(userEvent("user.profile.updated", U1, 2, img(8, "avatar")));
      expect((await refs(fresh)).map((r) => [r.source_id, r.image_id])).toEqual([[U1, fakeId(9)]]);
    } finally {
      await fresh.close();
    }
  });
});
