import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Database, executedRows } from "../db/database";
import { conflict } from "../errors";
import type { App } from "./create-service";

export const serviceBackupSchema = z.object({
  service: z.string(),
  /** Applied migrations: a backup restores only into the same schema. */
  migrations: z.array(z.string()),
  createdAt: z.string(),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});

export type ServiceBackup = z.infer<typeof serviceBackupSchema>;

const RESTORE_BODY_LIMIT = 512 * 1024 * 1024;

/** Tables a service keeps out of its backups (and so out of restores), e.g. the record of backups itself. */
export interface BackupOptions {
  excludedTables?: string[];
}

async function tableNames(database: Database, options: BackupOptions = {}): Promise<string[]> {
  const rows = await database.query<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE'
       and table_name not in ('schema_migrations', 'read_stamps')
     order by table_name`,
  );
  const excluded = new Set(options.excludedTables ?? []);
  return rows.map((r) => r.name).filter((name) => !excluded.has(name));
}

async function appliedMigrations(database: Database): Promise<string[]> {
  const rows = await database.query<{ version: string }>(
    "select version from schema_migrations order by version",
  );
  return rows.map((r) => r.version);
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every row of every table the service owns (password hashes, outbox and inbox included). */
export async function exportServiceData(
  service: string,
  database: Database,
  options: BackupOptions = {},
): Promise<ServiceBackup> {
  const tables: ServiceBackup["tables"] = {};
  // One snapshot for all tables, so the backup is consistent.
  const names = await tableNames(database, options);
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read`);
    for (const name of names) {
      const result = await tx.execute(
        sql.raw(`select coalesce(json_agg(t), '[]'::json) as rows from ${ident(name)} t`),
      );
      tables[name] = executedRows<{ rows: Array<Record<string, unknown>> }>(result)[0]!.rows;
    }
  });
  return {
    service,
    migrations: await appliedMigrations(database),
    createdAt: new Date().toISOString(),
    tables,
  };
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
async function parentsFirst(database: Database, names: string[]): Promise<string[]> {
  const edges = await database.query<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent from pg_constraint k
     join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
     join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'f' and n.nspname = 'public' and c.relname <> p.relname`,
  );
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || path.has(name)) return;
    path.add(name);
    for (const e of edges) if (e.child === name) visit(e.parent, path);
    ordered.push(name);
  };
  for (const n of names) visit(n, new Set());
  return ordered.filter((n) => names.includes(n));
}

/**
 * Replaces all data with the backup's, in one transaction: all of it or none of it. Excluded tables are left
 * as they are (they must not reference the restored ones, or the truncate's cascade would reach them).
 */
export async function restoreServiceData(
  service: string,
  database: Database,
  backup: ServiceBackup,
  options: BackupOptions = {},
) {
  if (backup.service !== service) throw conflict(`This backup is of ${backup.service}, not ${service}`);
  const current = await appliedMigrations(database);
  if (JSON.stringify(current) !== JSON.stringify(backup.migrations)) {
    throw conflict("The backup was made with another schema version");
  }
  const names = await parentsFirst(database, await tableNames(database, options));
  const counts: Record<string, number> = {};
  await database.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`truncate ${names.map(ident).join(", ")} cascade`));
    // The rows go back as they were, derived columns included: a trigger deriving them again from the
    // inserts (blog's public post counts) would count everything twice.
    for (const name of names) await tx.execute(sql.raw(`alter table ${ident(name)} disable trigger user`));
    for (const name of names) {
      const rows = backup.tables[name] ?? [];
      counts[name] = rows.length;
      if (rows.length === 0) continue;
      await tx.execute(
        sql`insert into ${sql.raw(ident(name))}
            select * from json_populate_recordset(null::${sql.raw(ident(name))}, ${JSON.stringify(rows)}::json)`,
      );
    }
    for (const name of names) await tx.execute(sql.raw(`alter table ${ident(name)} enable trigger user`));
    // The triggers that move read stamps were off too: every answer kept from before is stale now. (Stamps
    // are not data: no backup carries them.)
    await tx.execute(sql`update read_stamps set stamp = txid_current()`);
    // Serial columns continue after the restored rows.
    const serials = await tx.execute(
      sql`select table_name, column_name from information_schema.columns
          where table_schema = 'public' and column_default like 'nextval(%'`,
    );
    for (const r of executedRows<{ table_name: string; column_name: string }>(serials)) {
      await tx.execute(
        sql.raw(`select setval(pg_get_serial_sequence('${ident(r.table_name)}', '${r.column_name}'),
                 coalesce((select max(${ident(r.column_name)}) from ${ident(r.table_name)}), 0) + 1, false)`),
      );
    }
  });
  return counts;
}

/** `/internal/backup` and `/internal/restore`, the same for every service; storage orchestrates them. */
export function registerBackupRoutes(
  app: App,
  service: string,
  database: Database,
  options: BackupOptions = {},
): void {
  app.get("/internal/backup", { schema: { hide: true } }, async () =>
    exportServiceData(service, database, options),
  );
  app.post(
    "/internal/restore",
    { schema: { hide: true, body: serviceBackupSchema }, bodyLimit: RESTORE_BODY_LIMIT },
    async (req) => ({ restored: await restoreServiceData(service, database, req.body, options) }),
  );
}
