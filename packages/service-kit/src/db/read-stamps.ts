import type { Database } from "./database";

/**
 * Answers kept in memory while nothing they read has changed, checked against a read stamp
 * (migrations/0003_read_stamps.sql) instead of computing them again. The stamp is taken before the answer is
 * computed, so an answer is never kept under a stamp newer than its data: a write that commits in between only
 * costs the next reader a recompute.
 *
 * On PostgreSQL the stamp is one indexed read per request: other instances write the same database, and their
 * notices arrive after their commits. An embedded database has one session, this process's, and a moved stamp
 * notifies it with the commit's own answer (migrations/0004_read_stamps_notify.sql), before the writer's code
 * goes on; there the stamp is a count of those notices, kept in memory.
 */
export function createStampedReads(database: Database, maxEntries = 256) {
  const kept = new Map<string, { stamp: string; value: unknown }>();
  const stampOf =
    database.driver === "pglite" ? notifiedStamps(database) : (name: string) => storedStamp(database, name);
  return {
    /** `compute`'s answer, or the one kept for `key` while the stamp `stampName` has not moved. */
    async read<T>(stampName: string, key: string, compute: () => Promise<T>): Promise<T> {
      const stamp = await stampOf(stampName);
      const id = `${stampName}\n${key}`;
      const entry = kept.get(id);
      if (entry?.stamp === stamp) {
        // Most recently used last, so the oldest use is the one to go when full.
        kept.delete(id);
        kept.set(id, entry);
        return entry.value as T;
      }
      const value = await compute();
      kept.delete(id);
      if (kept.size >= maxEntries) kept.delete(kept.keys().next().value as string);
      kept.set(id, { stamp, value });
      return value;
    },
  };
}

export type StampedReads = ReturnType<typeof createStampedReads>;

async function storedStamp(database: Database, name: string): Promise<string> {
  const [row] = await database.query<{ stamp: string }>(
    "select stamp::text as stamp from read_stamps where name = $1",
    [name],
  );
  if (!row) throw new Error(`No read stamp "${name}": a migration of the service adds its row`);
  return row.stamp;
}

/** One counter for every stamp: any moved stamp drops every kept answer, which is rare next to the reads. */
function notifiedStamps(database: Database) {
  let moves = 0;
  let listening: Promise<unknown> | undefined;
  const known = new Set<string>();
  return async (name: string) => {
    listening ??= database
      .listen("read_stamps", () => {
        moves += 1;
      })
      .catch((error: unknown) => {
        listening = undefined;
        throw error;
      });
    await listening;
    if (!known.has(name)) {
      await storedStamp(database, name);
      known.add(name);
    }
    return String(moves);
  };
}
