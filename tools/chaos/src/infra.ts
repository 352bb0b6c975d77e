import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { REPO_ROOT } from "./paths";

const exec = promisify(execFile);

export const SERVICES = ["auth", "blog", "content", "page", "analytics", "storage"] as const;
export type ServiceName = (typeof SERVICES)[number];

/** One database per service, named apart from a developer's own `quire_<svc>` databases. */
export const databaseName = (svc: ServiceName) => `quire_chaos_${svc}`;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates a fresh database per service on the server of `adminUrl`; returns each one's URL. */
export async function createDatabases(adminUrl: string): Promise<Record<ServiceName, string>> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const urls = {} as Record<ServiceName, string>;
    for (const svc of SERVICES) {
      const name = databaseName(svc);
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
      urls[svc] = withDatabase(adminUrl, name);
    }
    return urls;
  } finally {
    await admin.end();
  }
}

/** Cuts every connection a service holds to its database; returns how many were cut. */
export async function cutDatabaseConnections(adminUrl: string, svc: ServiceName): Promise<number> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ cut: boolean }>(
      "select pg_terminate_backend(pid) as cut from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [databaseName(svc)],
    );
    return rows.filter((r) => r.cut).length;
  } finally {
    await admin.end();
  }
}

/**
 * The RabbitMQ node `.ci/services.sh` started under `root` (its SVC_ROOT): killed with SIGKILL, as a crash
 * would, and started again with the same node name, ports and data directory.
 */
export class BrokerControl {
  constructor(private readonly root: string) {}

  private async sh(script: string): Promise<string> {
    const { stdout } = await exec(
      "bash",
      ["-c", `set -euo pipefail; source .ci/services.sh; rmq_env; d=$SVC_ROOT/rmq; ${script}`],
      { cwd: REPO_ROOT, env: { ...process.env, SVC_ROOT: this.root }, timeout: 600_000 },
    );
    return stdout;
  }

  async kill(): Promise<void> {
    await this.sh(`
      pid=$(cat "$RABBITMQ_PID_FILE")
      kill -9 "$pid"
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      rm -f "$RABBITMQ_PID_FILE"`);
  }

  async start(): Promise<void> {
    await this.sh(`
      rabbitmq-server >>"$d/log/server.out" 2>&1 </dev/null & echo $! >"$d/server.pid"
      rabbitmqctl wait --timeout 300 "$RABBITMQ_PID_FILE" >/dev/null
      rabbitmqctl await_startup --timeout 300 >/dev/null`);
  }
}
