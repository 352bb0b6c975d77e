import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./paths";

export type ComponentName = "auth" | "blog" | "content" | "page" | "analytics" | "storage" | "bff";

const ENTRIES: Record<ComponentName, string> = {
  auth: "services/auth/src/main.ts",
  blog: "services/blog/src/main.ts",
  content: "services/content/src/main.ts",
  page: "services/page/src/main.ts",
  analytics: "services/analytics/src/main.ts",
  storage: "services/storage/src/main.ts",
  bff: "bff/src/main.ts",
};

/**
 * A process per service, as the distributed stack runs them, kept here rather than through the stack
 * launcher so one can be killed with SIGKILL and started again. Output goes to `<logDir>/<name>.log`.
 */
export class Processes {
  private readonly children = new Map<ComponentName, ChildProcess>();

  constructor(
    private readonly env: Record<string, string | undefined>,
    private readonly logDir: string,
  ) {
    // Whatever ends this suite, its services end with it.
    process.on("exit", () => {
      for (const child of this.children.values()) if (child.exitCode === null) child.kill("SIGKILL");
    });
  }

  logFile(name: ComponentName): string {
    return join(this.logDir, `${name}.log`);
  }

  async start(name: ComponentName): Promise<void> {
    const log = openSync(this.logFile(name), "a");
    const child = spawn(process.execPath, ["--import", "tsx", join(REPO_ROOT, ENTRIES[name])], {
      cwd: REPO_ROOT,
      env: this.env as NodeJS.ProcessEnv,
      stdio: ["ignore", log, log, "ipc"],
    });
    closeSync(log);
    this.children.set(name, child);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} did not start in 300 s\n${this.tail(name)}`)),
        90_000,
      );
      child.on("message", (msg: { type?: string }) => {
        if (msg?.type !== "ready") return;
        clearTimeout(timer);
        resolve();
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${code ?? signal}) before it was ready\n${this.tail(name)}`));
      });
    });
    // Ready now; a later exit is expected only when this suite kills it.
    child.removeAllListeners("exit");
  }

  /** SIGKILL: no graceful shutdown, in-flight handlers and transactions are cut where they stand. */
  async kill(name: ComponentName): Promise<void> {
    const child = this.children.get(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.children.values()].map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.kill("SIGTERM");
        await exited;
        clearTimeout(force);
      }),
    );
  }

  tail(name: ComponentName, lines = 30): string {
    try {
      return readFileSync(this.logFile(name), "utf8").split("\n").slice(-lines).join("\n");
    } catch {
      return "";
    }
  }
}
