import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Database } from "./database";

const KIT_MIGRATIONS = new URL("../../migrations/", import.meta.url);

export interface Migration {
  version: string;
  sql: string;
}

/** Versioned SQL files (`0001_name.sql`) from a folder, in order. */
export function readMigrations(dir: URL, prefix = ""): Migration[] {
  const path = fileURLToPath(dir);
  return readdirSync(path)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => ({
      version: `${prefix}${f.replace(/\.sql$/, "")}`,
      sql: readFileSync(`${path}/${f}`, "utf8"),
    }));
}

/**
 * Applies the kit's own tables (outbox, inbox, dead letters) and then the service's migrations, each once,
 * each in its own transaction. The version row is inserted first under an advisory lock, so of two replicas
 * starting together one applies a migration and the other fails on the duplicate key and moves on.
 */
export async function migrate(database: Database, serviceMigrations: URL): Promise<string[]> {
  const all = [...readMigrations(KIT_MIGRATIONS, "kit/"), ...readMigrations(serviceMigrations)];
  await database.exec(
    "create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())",
  );
  const applied: string[] = [];
  for (const m of all) {
    if (await isApplied(database, m.version)) continue;
    const version = m.version.replaceAll("'", "''");
    try {
      await database.exec(
        `begin;\nselect pg_advisory_xact_lock(727274);\ninsert into schema_migrations(version) values ('${version}');\n${m.sql}\n;commit;`,
      );
      applied.push(m.version);
    } catch (error) {
      if (!(await isApplied(database, m.version))) throw error;
    }
  }
  return applied;
}

async function isApplied(database: Database, version: string): Promise<boolean> {
  const rows = await database.query("select 1 from schema_migrations where version = $1", [version]);
  return rows.length > 0;
}
