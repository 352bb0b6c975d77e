import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPglite, stackPorts } from "@quire/service-kit";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./paths";

// The launcher's own embedded mode, whichever mode the suite runs in: the broker under test is the one in
// the launcher's memory, so the distributed suite's database and broker settings are left out.
const PORT_OFFSET = 21_000;
const ports = stackPorts({ QUIRE_PORT_OFFSET: String(PORT_OFFSET) });
const dataDir = mkdtempSync(join(tmpdir(), "quire-embedded-broker-"));
const embeddedEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^(AMQP_URL|DATABASE_URL|QUIRE_TEST_DATABASE_URL|QUIRE_WITHOUT|QUIRE_FRESH)/.test(key),
  ),
);

let running: ChildProcess | null = null;

async function startStack(env: Record<string, string> = {}): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "tools/stack/src/main.ts"], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...embeddedEnv,
      QUIRE_PORT_OFFSET: String(PORT_OFFSET),
      QUIRE_DATA_DIR: dataDir,
      QUIRE_ADMIN_PASSWORD: "Broker-Test-Pass1",
      LOG_LEVEL: "warn",
      ...env,
    },
  });
  running = child;
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Quire is running")) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the stack exited (${code}) while starting:\n${output}`)));
  });
}

/** SIGTERM, as Ctrl+C or a service manager would stop it. */
async function stopStack(): Promise<void> {
  const child = running;
  running = null;
  if (!child?.pid || child.exitCode !== null) return;
  const exited = once(child, "exit");
  process.kill(-child.pid, "SIGTERM");
  await exited;
}

/** The posts in content's replica, read from its data dir with the stack stopped. */
async function postsInContentReplica(): Promise<number> {
  const db = await openPglite({ dataDir: join(dataDir, "content") });
  try {
    const [row] = await db.query<{ n: number }>("select count(*)::int as n from posts");
    return row?.n ?? 0;
  } finally {
    await db.close();
  }
}

/** How many events blog's relay has published since this stack started. */
async function publishedByBlog(): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${ports.blog}/metrics?name=outbox_events_published_total`);
  const text = await res.text();
  const count = /^outbox_events_published_total(?:\{[^}]*\})?\s+(\d+)/m.exec(text)?.[1];
  if (count === undefined) throw new Error(`blog's metrics have no published counter:\n${text}`);
  return Number(count);
}

describe("the embedded broker across stops", () => {
  afterAll(async () => {
    await stopStack();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("delivers after a restart what its memory held for a consumer that was not there, and nothing twice after a clean stop", async () => {
    // Seeded without content: the demo posts' events reach no queue of content's, and the stop is not clean.
    await startStack({ QUIRE_WITHOUT: "content" });
    await stopStack();
    const seeded = JSON.parse(readFileSync(join(dataDir, "seeded.json"), "utf8")) as { posts: number };
    expect(seeded.posts).toBeGreaterThan(0);
    expect(existsSync(join(dataDir, "broker-empty.json"))).toBe(false);

    // Every service publishes its retained outbox again, and content's replica gets every post.
    await startStack();
    await stopStack();
    expect(await postsInContentReplica()).toBe(seeded.posts);
    expect(existsSync(join(dataDir, "broker-empty.json"))).toBe(true);

    // A clean stop left the broker empty: nothing is published again.
    await startStack();
    await new Promise((r) => setTimeout(r, 5_000));
    expect(await publishedByBlog()).toBe(0);
    await stopStack();
    expect(existsSync(join(dataDir, "broker-empty.json"))).toBe(true);
  }, 300_000);
});
