import type { Database } from "./database";

/**
 * Answers kept in memory while nothing they read has changed, checked against a read stamp
 * (migrations/0003_read_stamps.sql) with one indexed read instead of computing them again. The stamp is read
 * before the answer is computed, so an answer is never kept under a stamp newer than its data: a write that
 * commits in between only costs the next reader a recompute.
 */
export function createStampedReads(database: Database, maxEntries = 256) {
  const kept = new Map<string, { stamp: string; value: unknown }>();
  return {
    /** `compute`'s answer, or the one kept for `key` while the stamp `stampName` has not moved. */
    async read<T>(stampName: string, key: string, compute: () => Promise<T>): Promise<T> {
      const [row] = await database.query<{ stamp: string }>(
        "select stamp::text as stamp from read_stamps where name = $1",
        [stampName],
      );
      if (!row) throw new Error(`No read stamp "${stampName}": a migration of the service adds its row`);
      const id = `${stampName}\n${key}`;
      const entry = kept.get(id);
      if (entry?.stamp === row.stamp) {
        // Most recently used last, so the oldest use is the one to go when full.
        kept.delete(id);
        kept.set(id, entry);
        return entry.value as T;
      }
      const value = await compute();
      kept.delete(id);
      if (kept.size >= maxEntries) kept.delete(kept.keys().next().value as string);
      kept.set(id, { stamp: row.stamp, value });
      return value;
    },
  };
}

export type StampedReads = ReturnType<typeof createStampedReads>;
