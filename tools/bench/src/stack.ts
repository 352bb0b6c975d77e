import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { stackPorts } from "@quire/service-kit";

export const REPO_ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));

export interface StackOptions {
  portOffset: number;
  dataDir: string;
  adminPassword: string;
  distributed: boolean;
  /** Extra environment for every component (BFF switches, database URLs). */
  env?: Record<string, string>;
}

export interface RunningStack {
  pid: number;
  ports: ReturnType<typeof stackPorts>;
  graphqlUrl: string;
  siteUrl: string;
  /** Seconds from spawn to the launcher's "running" line. */
  startSeconds: number;
  stop(): Promise<void>;
}

/**
 * Starts tools/stack's launcher as a child in its own process group, and resolves when it prints that Quire is
 * running. Its output is kept and shown only if it fails.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  // A fixed port can be taken for a moment by another program's ephemeral one: try again a few times.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startStackOnce(options);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes("EADDRINUSE")) throw error;
      await new Promise((r) => setTimeout(r, 5_000));
    }
  }
}

async function startStackOnce(options: StackOptions): Promise<RunningStack> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    QUIRE_PORT_OFFSET: String(options.portOffset),
    QUIRE_DATA_DIR: options.dataDir,
    QUIRE_ADMIN_PASSWORD: options.adminPassword,
    // The load comes from one address; per-visitor rate limits would measure the limiter, not the stack.
    QUIRE_RATE_LIMIT_FACTOR: "100000",
    LOG_LEVEL: "warn",
    ...options.env,
  };
  const ports = stackPorts(env);
  const args = [
    "--import",
    "tsx",
    "tools/stack/src/main.ts",
    ...(options.distributed ? ["--distributed"] : []),
  ];
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stderr?.on("data", keep);
  const failed = (error: Error) => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGKILL");
    return error;
  };
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(
      () => fail(failed(new Error(`the stack did not start in 600 s:\n${output}`))),
      600_000,
    );
    child.stdout?.on("data", (chunk: Buffer) => {
      keep(chunk);
      if (output.includes("Quire is running")) {
        clearTimeout(timer);
        ready();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(failed(new Error(`the stack exited with code ${code} while starting:\n${output}`)));
    });
  });
  const startSeconds = (performance.now() - started) / 1000;
  running.add(child);
  return {
    pid: child.pid as number,
    ports,
    graphqlUrl: `http://127.0.0.1:${ports.bff}/graphql`,
    siteUrl: `http://localhost:${ports.shell}`,
    startSeconds,
    stop: () => stopChild(child),
  };
}

const running = new Set<ChildProcess>();

/** Stops every stack this process started (on a failure or Ctrl+C). */
export async function stopAllStacks(): Promise<void> {
  await Promise.all([...running].map(stopChild));
}

async function stopChild(child: ChildProcess): Promise<void> {
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  child.kill("SIGTERM");
  const force = setTimeout(() => {
    // The launcher's own group only: it was started detached, so its pid is the group id.
    if (child.pid) process.kill(-child.pid, "SIGKILL");
  }, 30_000);
  await exited;
  clearTimeout(force);
}

/** Resident memory of a process and all its descendants (the distributed mode's services), in bytes. */
export function treeRss(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may hold spaces and parentheses: fields start after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // Gone while listing.
    }
  }
  let total = 0;
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.pop() as number;
    total += rssOf(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
