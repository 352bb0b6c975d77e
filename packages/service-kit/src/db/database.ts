import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { workerData } from "node:worker_threads";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";

/** The Drizzle database type both drivers satisfy: services are written against this only. */
// biome-ignore lint/suspicious/noExplicitAny: drizzle's common Postgres type is generic over the driver's result shape
export type Db = PgDatabase<PgQueryResultHKT, any>;
/** A transaction handle: inside `db.transaction()` use only this, never the outer `db`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

/** The rows of a `db.execute()` answer: both drivers answer `{ rows }`, which drizzle's shared type leaves unknown. */
export function executedRows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export interface Database {
  readonly driver: "pglite" | "pg";
  readonly db: Db;
  /** Runs a multi-statement SQL script (migrations) on one connection; rolls back an open transaction on error. */
  exec(sqlText: string): Promise<void>;
  /** Plain parameterised query returning rows. */
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
  /** Calls `onNotify` whenever NOTIFY <channel> is committed; returns an unsubscribe function. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  ping(): Promise<void>;
  /** PGlite only: the whole data dir as a tarball (test templates, embedded backups). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

// PGlite's defaults reserve ~160 MB of shared buffers per instance; a blog service needs far less.
const PGLITE_START_PARAMS = [
  "--single",
  "-F",
  "-O",
  "-j",
  "-c",
  "search_path=public",
  "-c",
  "exit_on_error=false",
  "-c",
  "log_checkpoints=false",
  "-c",
  "max_worker_processes=0",
  "-c",
  "max_parallel_workers=0",
  "-c",
  "max_parallel_workers_per_gather=0",
  "-c",
  "io_method=sync",
  "-c",
  "max_parallel_maintenance_workers=0",
  "-c",
  "shared_buffers=16MB",
];

export interface OpenPgliteOptions {
  /** Folder of the data dir; omitted means in memory. */
  dataDir?: string;
  /** A `dumpDataDir()` tarball to start from (tests clone a migrated template this way). */
  loadDataDir?: Blob;
}

/**
 * The embedded launcher compiles PGlite's WebAssembly once and hands it to each service's worker thread, which
 * then shares the machine code instead of compiling its own.
 */
function sharedWasmModule(): PGliteOptions["pgliteWasmModule"] {
  return (workerData as Pick<PGliteOptions, "pgliteWasmModule"> | null)?.pgliteWasmModule ?? undefined;
}

export async function openPglite(options: OpenPgliteOptions = {}): Promise<Database> {
  const releaseLock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  const wasmModule = sharedWasmModule();
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      ...(wasmModule ? { pgliteWasmModule: wasmModule } : {}),
      startParams: PGLITE_START_PARAMS,
    });
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = drizzlePglite(client) as unknown as Db;
  return {
    driver: "pglite",
    db,
    async exec(sqlText) {
      try {
        await client.exec(sqlText);
      } catch (error) {
        await client.exec("rollback").catch(() => {});
        throw error;
      }
    },
    async query<T>(sqlText: string, params: unknown[] = []) {
      return (await client.query<T>(sqlText, params)).rows;
    },
    async listen(channel, onNotify) {
      const unsubscribe = await client.listen(channel, () => onNotify());
      return async () => unsubscribe();
    },
    async ping() {
      await client.query("select 1");
    },
    async dumpDataDir() {
      return (await client.dumpDataDir("none")) as Blob;
    },
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        releaseLock();
      }
    },
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const db = drizzlePg(pool) as unknown as Db;
  const listeners = new Set<pg.PoolClient>();
  let closed: Promise<void> | null = null;
  return {
    driver: "pg",
    db,
    async exec(sqlText) {
      const c = await pool.connect();
      try {
        await c.query(sqlText);
      } catch (error) {
        await c.query("rollback").catch(() => {});
        throw error;
      } finally {
        c.release();
      }
    },
    async query<T>(sqlText: string, params: unknown[] = []) {
      return (await pool.query(sqlText, params)).rows as T[];
    },
    async listen(channel, onNotify) {
      // LISTEN needs one dedicated connection; if it drops, reconnect and signal once so nothing waits forever.
      let client: pg.PoolClient | null = null;
      let stopped = false;
      const connect = async (): Promise<void> => {
        if (stopped) return;
        try {
          const c = await pool.connect();
          client = c;
          listeners.add(c);
          c.on("notification", (msg) => {
            if (msg.channel === channel) onNotify();
          });
          c.on("error", () => {
            // After unlisten or close the client is already back in the pool; nothing to recover.
            if (!listeners.delete(c)) return;
            c.release(true);
            client = null;
            setTimeout(() => void connect(), 500);
          });
          await c.query(`LISTEN ${quoteIdent(channel)}`);
          onNotify();
        } catch {
          setTimeout(() => void connect(), 1_000);
        }
      };
      await connect();
      return async () => {
        stopped = true;
        const c = client;
        if (c && listeners.delete(c)) {
          await c.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => {});
          c.release();
        }
      };
    },
    async ping() {
      await pool.query("select 1");
    },
    close() {
      closed ??= (async () => {
        const open = [...listeners];
        listeners.clear();
        for (const c of open) c.release();
        await pool.end();
      })();
      return closed;
    },
  };
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** PGlite would happily open one data dir twice and corrupt it; a pid lock file prevents that. */
function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  mkdirSync(dirname(lockFile), { recursive: true });
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, "utf8"));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(`data dir ${dataDir} is in use by process ${pid}`);
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
