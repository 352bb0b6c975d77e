import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { exportServiceData, restoreServiceData } from "../http/backup-routes";
import { createTestDatabase, testModes } from "../testing";
import type { Database } from "./database";
import { createStampedReads } from "./read-stamps";

const migrations = new URL("../__fixtures__/migrations/", import.meta.url);

describe(`read stamps (${testModes.database})`, () => {
  const open: Database[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
  });

  async function setup() {
    const database = await createTestDatabase(migrations);
    open.push(database);
    const reads = createStampedReads(database);
    let computed = 0;
    const names = () =>
      reads.read("replica_names", "all", async () => {
        computed += 1;
        const rows = await database.query<{ name: string }>("select name from replica order by name");
        return rows.map((r) => r.name);
      });
    const insert = (id: string, name: string) =>
      database.db.execute(sql`insert into replica (id, name, version) values (${id}, ${name}, 1)`);
    return { database, reads, names, insert, computed: () => computed };
  }

  it("keeps an answer while nothing it reads was written", async () => {
    const { names, insert, computed } = await setup();
    await insert("a", "Ada");
    expect(await names()).toEqual(["Ada"]);
    expect(await names()).toEqual(["Ada"]);
    expect(computed()).toBe(1);
  });

  it("computes again after a committed write, and not after a rolled-back one", async () => {
    const { database, names, insert, computed } = await setup();
    expect(await names()).toEqual([]);
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into replica (id, name, version) values ('x', 'Never', 1)`);
        tx.rollback();
      })
      .catch(() => {});
    expect(await names()).toEqual([]);
    expect(computed()).toBe(1);

    // Many rows in one transaction move the stamp once; the next read sees all of them.
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into replica (id, name, version) values ('b', 'Bo', 1), ('c', 'Cy', 1)`);
      await tx.execute(sql`update replica set name = 'Cyd' where id = 'c'`);
    });
    expect(await names()).toEqual(["Bo", "Cyd"]);
    expect(computed()).toBe(2);
    await insert("d", "Di");
    await database.db.execute(sql`delete from replica where id = 'b'`);
    expect(await names()).toEqual(["Cyd", "Di"]);
    expect(computed()).toBe(3);
  });

  it("never keeps an answer under a stamp older than a write it may have missed", async () => {
    const { database, reads, insert } = await setup();
    let calls = 0;
    const racing = () =>
      reads.read("replica_names", "racing", async () => {
        calls += 1;
        // A write commits after the stamp was read and before this answer is computed.
        if (calls === 1) await insert("r", "Raced");
        const rows = await database.query<{ name: string }>("select name from replica order by name");
        return rows.map((r) => r.name);
      });
    expect(await racing()).toEqual(["Raced"]);
    // Kept under the stamp read before the write: the next read recomputes instead of trusting it.
    expect(await racing()).toEqual(["Raced"]);
    expect(calls).toBe(2);
    expect(await racing()).toEqual(["Raced"]);
    expect(calls).toBe(2);
  });

  it("drops every kept answer when a backup is restored, though no backup carries the stamps", async () => {
    const { database, names, insert, computed } = await setup();
    await insert("a", "Ada");
    const backup = await exportServiceData("kit-test", database);
    expect(Object.keys(backup.tables)).not.toContain("read_stamps");
    await insert("b", "Bo");
    expect(await names()).toEqual(["Ada", "Bo"]);
    // The restore writes its rows with the triggers off; it moves every stamp itself.
    await restoreServiceData("kit-test", database, backup);
    expect(await names()).toEqual(["Ada"]);
    expect(computed()).toBe(2);
  });

  it("refuses a stamp no migration added", async () => {
    const { database } = await setup();
    const reads = createStampedReads(database);
    await expect(reads.read("nothing_here", "", async () => 1)).rejects.toThrow(
      /No read stamp "nothing_here"/,
    );
  });
});
