import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, testModes } from "../testing";
import { type Database, executedRows } from "./database";

const migrations = new URL("../__fixtures__/migrations/", import.meta.url);

// Drizzle brings its own type parsers with each query (timestamps stay text); PGlite is patched to look them
// up in front of its own table instead of copying that table per query (pnpm-workspace.yaml). Both drivers
// must still parse the same way.
describe(`type parsing (${testModes.database})`, () => {
  const open: Database[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
  });

  const rowSql = `select timestamptz '2026-01-02 03:04:05+00' as at,
    array[timestamptz '2026-01-02 03:04:05+00'] as ats, 42::int as n, '{"a":1}'::jsonb as doc`;
  const row = sql.raw(rowSql);
  type Row = Record<string, unknown>;

  it("keeps a query's own parsers first, and the driver's for every other type", async () => {
    const database = await createTestDatabase(migrations);
    open.push(database);

    const [viaDrizzle] = executedRows<Row>(await database.db.execute(row));
    expect(typeof viaDrizzle?.at).toBe("string");
    expect(new Date(viaDrizzle?.at as string).toISOString()).toBe("2026-01-02T03:04:05.000Z");
    expect(viaDrizzle?.n).toBe(42);
    expect(viaDrizzle?.doc).toEqual({ a: 1 });

    const [plain] = await database.query<{ at: unknown; ats: unknown; n: unknown }>(rowSql);
    expect(plain?.at).toBeInstanceOf(Date);
    expect((plain?.ats as Date[] | undefined)?.[0]).toBeInstanceOf(Date);
    expect(plain?.n).toBe(42);
  });

  it("parses the same inside a transaction", async () => {
    const database = await createTestDatabase(migrations);
    open.push(database);
    const [inTx] = await database.db.transaction(async (tx) => executedRows<Row>(await tx.execute(row)));
    expect(typeof inTx?.at).toBe("string");
    expect(inTx?.n).toBe(42);
  });
});
