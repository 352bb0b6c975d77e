import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { bundleBackend, type ComponentName } from "@quire/stack/backend-bundle";
import { REPO_ROOT } from "./paths";

export type { ComponentName };

/**
 * A process per service, as the distributed stack runs them, kept here rather than through the stack
 * launcher so one can be killed with SIGKILL and started again. Output goes to `<logDir>/<name>.log`.
 */
export class Processes {
  private readonly children = new Map<ComponentName, ChildProcess>();
  /** The same plain-JavaScript bundles the launcher runs, built once into the log folder. */
  private bundles: ReturnType<typeof bundleBackend> | null = null;

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
    this.bundles ??= bundleBackend(join(this.logDir, "backend"));
    const bundle = (await this.bundles)[name];
    const log = openSync(this.logFile(name), "a");
    const child = spawn(process.execPath, [bundle], {
      cwd: REPO_ROOT,
      env: this.env as NodeJS.ProcessEnv,
      stdio: ["ignore", log, log, "ipc"],
    });
    closeSync(log);
    this.children.set(name, child);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} did not start in 90 s\n${this.tail(name)}`)),
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
