import type { EventEnvelope, EventPayload, EventType } from "@quire/contracts";
import { and, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable, PgUpdateSetSource } from "drizzle-orm/pg-core";
import {
  batchHandler,
  type EventBatchHandler,
  type EventHandlers,
  newestPerAggregate,
} from "../inbox/consumer";

export interface VersionedUpsert<T extends EventType, TTable extends PgTable> {
  /** The events that carry the aggregate's full state; each is applied by the one upsert. */
  events: readonly T[];
  table: TTable;
  /** The replica's key (the conflict target): one row per aggregate. */
  key: PgColumn;
  /** The column holding the aggregate version the row was written from. */
  version: PgColumn;
  /** The row an event writes; every column in it but the key is overwritten on a newer event. */
  row: (event: EventEnvelope<EventPayload<T>>) => TTable["$inferInsert"];
  /** What else must hold for a row to be overwritten, beside its older version (say, not a tombstone). */
  onlyIf?: SQL;
}

/**
 * The handlers of a replica kept by upserting each event's full state over an older version: a run of events
 * is one statement, the newest of each aggregate (which is what applying them in order would leave).
 */
export function versionedUpsert<T extends EventType, TTable extends PgTable>(
  options: VersionedUpsert<T, TTable>,
): EventHandlers {
  const columns = getTableColumns(options.table) as Record<string, PgColumn>;
  const excluded = (column: PgColumn) => sql`excluded.${sql.identifier(column.name)}`;
  const newer = sql`${options.version} < ${excluded(options.version)}`;
  const setWhere = options.onlyIf ? (and(newer, options.onlyIf) as SQL) : newer;
  const upsert: EventBatchHandler<T> = batchHandler<T>(async (tx, events) => {
    const rows = newestPerAggregate(events).map(options.row);
    const set = Object.fromEntries(
      Object.keys(rows[0] as object)
        .filter((property) => columns[property] !== options.key)
        .map((property) => [property, excluded(columns[property] as PgColumn)]),
    ) as PgUpdateSetSource<TTable>;
    await tx.insert(options.table).values(rows).onConflictDoUpdate({ target: options.key, set, setWhere });
  });
  return Object.fromEntries(options.events.map((type) => [type, upsert])) as EventHandlers;
}
