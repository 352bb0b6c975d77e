import { sql } from "drizzle-orm";
import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { afterEach, describe, expect, it } from "vitest";
import { userRenamed } from "../__fixtures__/events";
import type { Database } from "../db/database";
import { createEventApplier } from "../inbox/consumer";
import { createTestDatabase, testModes } from "../testing";
import { versionedUpsert } from "./versioned-upsert";

const migrations = new URL("../__fixtures__/migrations/", import.meta.url);

const replica = pgTable("replica", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  version: integer("version").notNull(),
});

const rows = (db: Database) => db.query("select id, name, version from replica order by id");

describe(`versionedUpsert (${testModes.database})`, () => {
  const open: Database[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
  });

  const applierOver = async (onlyIf?: ReturnType<typeof sql>) => {
    const db = await createTestDatabase(migrations);
    open.push(db);
    const handlers = versionedUpsert({
      events: ["user.profile.updated"],
      table: replica,
      key: replica.id,
      version: replica.version,
      row: (e) => ({ id: e.aggregateId, name: e.payload.name, version: e.aggregateVersion }),
      ...(onlyIf ? { onlyIf } : {}),
    });
    return { db, apply: createEventApplier(db, "c", handlers) };
  };

  it("writes a group holding several versions of one row as its newest, whatever their order", async () => {
    const { db, apply } = await applierOver();
    const group = [
      userRenamed("a", "A2", 2),
      userRenamed("b", "B1", 1),
      userRenamed("a", "A3", 3),
      userRenamed("a", "A1", 1),
    ];
    expect(await Promise.all(group.map((e) => apply(e)))).toEqual(group.map(() => "processed"));
    expect(await rows(db)).toEqual([
      { id: "a", name: "A3", version: 3 },
      { id: "b", name: "B1", version: 1 },
    ]);
    // An older version later changes nothing; a newer one overwrites every column but the key.
    await apply({ ...userRenamed("a", "Old", 2), id: "late" });
    await apply(userRenamed("b", "B4", 4));
    expect(await rows(db)).toEqual([
      { id: "a", name: "A3", version: 3 },
      { id: "b", name: "B4", version: 4 },
    ]);
  });

  it("leaves a row that fails `onlyIf` as it is, even under a newer version", async () => {
    const { db, apply } = await applierOver(sql`${replica.name} <> 'Frozen'`);
    await apply(userRenamed("a", "Frozen", 1));
    await Promise.all([userRenamed("a", "Thawed", 2), userRenamed("b", "B1", 1)].map((e) => apply(e)));
    expect(await rows(db)).toEqual([
      { id: "a", name: "Frozen", version: 1 },
      { id: "b", name: "B1", version: 1 },
    ]);
  });
});
