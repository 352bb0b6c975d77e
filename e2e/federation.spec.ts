import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, type Page, test } from "@playwright/test";
import { PORT_OFFSET, REMOTE_ORIGINS, SHELL_ORIGIN } from "./support";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Moves within the single-page app as a link would, without a document load. */
async function navigateInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState({}, "", to);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, path);
}

test("the shell and every remote share one React, one router and one query client", async ({ page }) => {
  test.setTimeout(60_000);
  const scripts: URL[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()));
  });
  await page.goto("/");
  const main = page.getByRole("main");
  await expect(main.getByRole("article").first()).toBeVisible({ timeout: 20_000 });
  // Survives only if no navigation below reloads the document: one router for the whole site.
  await page.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });

  await page.getByRole("banner").getByRole("link", { name: "Sign in" }).click();
  await expect(main.getByRole("button", { name: "Sign in" })).toBeVisible();
  await navigateInApp(page, "/admin");
  // The admin remote (anonymous: it sends the visitor to sign in) has loaded and rendered.
  await expect.poll(() => scripts.some((url) => url.origin === REMOTE_ORIGINS.admin)).toBe(true);
  await expect(main.getByRole("button", { name: "Sign in" })).toBeVisible();
  await page.getByRole("banner").getByRole("link", { name: "Posts" }).click();
  await expect(main.getByRole("article").first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(
    true,
  );

  // Each remote's entry and exposed module came from its own server...
  for (const origin of Object.values(REMOTE_ORIGINS)) {
    expect(scripts.some((url) => url.origin === origin && url.pathname.endsWith("/remoteEntry.js"))).toBe(
      true,
    );
  }
  // ...but every shared package came once, from the shell: a remote that loaded its own React, router, query
  // client or SDK would fetch its `__federation_shared_<package>` chunk from its own origin.
  const shared = scripts.filter((url) => url.pathname.includes("__federation_shared_"));
  for (const name of ["react", "react-dom", "@tanstack/react-query", "@quire/shell-sdk"]) {
    const copies = shared.filter((url) =>
      decodeURIComponent(url.pathname).match(new RegExp(`__federation_shared_${name}-[\\w-]{8}\\.js$`)),
    );
    expect(
      copies.map((url) => url.href),
      name,
    ).toHaveLength(1);
    expect(copies[0]?.origin).toBe(SHELL_ORIGIN);
  }
  expect(shared.filter((url) => url.origin !== SHELL_ORIGIN)).toEqual([]);
  // The router comes inside the SDK; no remote bundles a router of its own (its context would be empty).
  for (const url of scripts.filter((u) => u.origin !== SHELL_ORIGIN)) {
    const source = await (await page.request.get(url.href)).text();
    expect(source, url.href).not.toContain("may be used only in the context of a <Router> component");
  }
});

// ---------------------------------------------------------------------------------------------------------
// Independent deploy: only the blog remote is rebuilt and published; nothing else changes.

const DISTS = {
  shell: join(ROOT, "frontends/shell/dist"),
  admin: join(ROOT, "frontends/admin/dist"),
  user: join(ROOT, "frontends/user/dist"),
  blog: join(ROOT, "frontends/blog/dist"),
};

function hashTree(dir: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of readdirSync(current)) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else hashes[relative(dir, path)] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  walk(dir);
  return hashes;
}

/** Names of the GraphQL operations the page sends, in order. */
function trackOperations(page: Page): string[] {
  const operations: string[] = [];
  page.on("request", (request) => {
    if (request.method() !== "POST" || new URL(request.url()).pathname !== "/graphql") return;
    const query = (request.postDataJSON() as { query?: string } | null)?.query ?? "";
    operations.push(/^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "?");
  });
  return operations;
}

test("a first visit's screen data is asked for once, though the shell starts it before rendering", async ({
  page,
}) => {
  const operations = trackOperations(page);
  await page.goto("/");
  const main = page.getByRole("main");
  const first = main.getByRole("region", { name: "Latest posts" }).getByRole("article").first();
  await expect(first).toBeVisible();
  const postPath =
    (await first.getByRole("heading", { level: 2 }).getByRole("link").getAttribute("href")) ?? "";
  await expect(main.getByRole("heading", { name: "Top categories" })).toBeVisible();
  expect(operations.filter((name) => name === "BlogHome")).toHaveLength(1);

  operations.length = 0;
  await page.goto(postPath);
  await expect(main.getByRole("article").getByRole("heading", { level: 1 })).toBeVisible();
  await expect(main.getByRole("heading", { name: /^Comments/ })).toBeVisible();
  expect(operations.filter((name) => name === "BlogPost")).toHaveLength(1);
  // The post's query brought its first comments: the list does not ask again.
  expect(operations).not.toContain("BlogComments");
});

/**
 * Publishes a build the way a static host is deployed: new files are copied over the live folder and
 * nothing is deleted, so tabs still running the previous build keep loading its hashed chunks.
 */
function publish(buildDir: string, liveDir: string): void {
  cpSync(buildDir, liveDir, { recursive: true, force: true });
}

test("the blog remote is rebuilt and redeployed alone: a reload shows it, nothing else changes", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  for (const remote of ["admin", "user", "blog"] as const) {
    expect(existsSync(join(DISTS[remote], "assets/remoteEntry.js")), `${remote} is built`).toBe(true);
  }
  const label = `e2e-${Date.now()}`;
  const main = page.getByRole("main");
  await page.goto("/");
  await expect(main.getByRole("article").first()).toBeVisible();
  await expect(page.getByText(`Blog build ${label}`)).toHaveCount(0);

  const before = { shell: hashTree(DISTS.shell), admin: hashTree(DISTS.admin), user: hashTree(DISTS.user) };
  const blogBefore = hashTree(DISTS.blog);
  const work = mkdtempSync(join(tmpdir(), "quire-deploy-"));
  const backup = join(work, "blog-dist-before");
  cpSync(DISTS.blog, backup, { recursive: true });
  try {
    // The blog remote's own build, with a label baked in: no other app is built.
    const next = join(work, "blog-dist-next");
    await promisify(execFile)(
      process.execPath,
      [
        join(ROOT, "frontends/blog/node_modules/vite/bin/vite.js"),
        "build",
        "--outDir",
        next,
        "--emptyOutDir",
      ],
      { cwd: join(ROOT, "frontends/blog"), env: { ...process.env, QUIRE_BUILD_LABEL: label } },
    );
    publish(next, DISTS.blog);

    // remoteEntry.js is served no-cache: a reload picks up the new build with no shell change.
    await page.reload();
    await expect(page.getByText(`Blog build ${label}`)).toBeVisible();
    await expect(main.getByRole("article").first()).toBeVisible();

    // The shell and the other remotes: byte for byte what they were.
    expect(hashTree(DISTS.shell)).toEqual(before.shell);
    expect(hashTree(DISTS.admin)).toEqual(before.admin);
    expect(hashTree(DISTS.user)).toEqual(before.user);
    // The previous build's hashed assets are still served, unchanged, for tabs that run it.
    const blogAfter = hashTree(DISTS.blog);
    const oldAssets = Object.keys(blogBefore).filter(
      (file) => file.startsWith("assets/") && !file.endsWith("remoteEntry.js"),
    );
    expect(oldAssets.length).toBeGreaterThan(0);
    for (const file of oldAssets) expect(blogAfter[file], file).toBe(blogBefore[file]);
    const oldChunk = oldAssets.find(
      (file) => file.includes("__federation_expose_App") && file.endsWith(".js"),
    );
    const served = await request.get(`${REMOTE_ORIGINS.blog}/${oldChunk}`);
    expect(served.status()).toBe(200);
    expect(
      createHash("sha256")
        .update(await served.body())
        .digest("hex"),
    ).toBe(blogBefore[oldChunk ?? ""]);
  } finally {
    // Back to the build the tree had, exactly.
    rmSync(DISTS.blog, { recursive: true, force: true });
    cpSync(backup, DISTS.blog, { recursive: true });
    rmSync(work, { recursive: true, force: true });
  }
  expect(hashTree(DISTS.blog)).toEqual(blogBefore);
  await page.reload();
  await expect(main.getByRole("article").first()).toBeVisible();
  await expect(page.getByText(`Blog build ${label}`)).toHaveCount(0);
});

// ---------------------------------------------------------------------------------------------------------
// Fault isolation, for real: a second stack without the content service, whose admin remote server can be
// stopped and started again (QUIRE_TEST_CONTROLS).

const FAULT_OFFSET = PORT_OFFSET + 500;
const FAULT_ORIGIN = `http://localhost:${3000 + FAULT_OFFSET}`;

async function isUp(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

test.describe("with the content service and then the admin remote down", () => {
  let stack: ChildProcess | null = null;

  test.beforeAll(async () => {
    // The first run initialises the second stack's databases (kept for the next runs): allow for it.
    test.setTimeout(300_000);
    if (await isUp(`${FAULT_ORIGIN}/healthz`)) throw new Error(`${FAULT_ORIGIN} is already taken`);
    stack = spawn(process.execPath, ["--import", "tsx", "tools/stack/src/main.ts"], {
      cwd: ROOT,
      detached: true,
      stdio: "ignore",
      env: {
        ...process.env,
        QUIRE_PORT_OFFSET: String(FAULT_OFFSET),
        QUIRE_DATA_DIR: `.data-e2e-${FAULT_OFFSET}`,
        QUIRE_WITHOUT: "content",
        QUIRE_TEST_CONTROLS: "1",
        QUIRE_ADMIN_PASSWORD: "e2e-Admin-Password1",
      },
    });
    const deadline = Date.now() + 280_000;
    while (!(await isUp(`${FAULT_ORIGIN}/`))) {
      if (stack.exitCode !== null) throw new Error(`the second stack exited with ${stack.exitCode}`);
      if (Date.now() > deadline) throw new Error("the second stack did not start");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  });

  test.afterAll(async () => {
    if (!stack?.pid) return;
    // The launcher stops its workers on SIGTERM; the group covers anything it spawned.
    process.kill(-stack.pid, "SIGTERM");
    const deadline = Date.now() + 20_000;
    while ((await isUp(`${FAULT_ORIGIN}/healthz`)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });

  test("a post renders without its comments and says so; the admin remote falls back and comes back", async ({
    page,
    request,
  }) => {
    test.setTimeout(90_000);
    const main = page.getByRole("main");
    const banner = page.getByRole("banner");

    await page.goto(`${FAULT_ORIGIN}/posts/rate-limits-for-anonymous-writes`);
    await expect(
      main.getByRole("heading", { level: 1, name: "Rate limits for anonymous writes" }),
    ).toBeVisible();
    await expect(main.getByText("Comments are unavailable right now")).toBeVisible({ timeout: 20_000 });
    await expect(main.getByRole("form", { name: "Write a comment" })).toHaveCount(0);

    const stopped = await request.post(`${FAULT_ORIGIN}/__test__/remotes/admin/stop`);
    expect(stopped.ok()).toBe(true);
    try {
      await page.goto(`${FAULT_ORIGIN}/admin`);
      await expect(
        main.getByRole("heading", { name: "This part of the site is unavailable right now" }),
      ).toBeVisible({
        timeout: 15_000,
      });
      const retry = main.getByRole("button", { name: "Retry" });
      await expect(retry).toBeVisible();

      // The blog and user remotes keep working beside it.
      await banner.getByRole("link", { name: "Home" }).click();
      await expect(main.getByRole("article").first()).toBeVisible();
      await banner.getByRole("link", { name: "Sign in" }).click();
      await expect(main.getByRole("button", { name: "Sign in" })).toBeVisible();

      // Back up: Retry loads the admin remote without a page reload.
      await page.goto(`${FAULT_ORIGIN}/admin`);
      await expect(retry).toBeVisible({ timeout: 15_000 });
      expect((await request.post(`${FAULT_ORIGIN}/__test__/remotes/admin/start`)).ok()).toBe(true);
      await retry.click();
      await expect(
        main.getByRole("heading", { name: "This part of the site is unavailable right now" }),
      ).toHaveCount(0, { timeout: 15_000 });
      // Anonymous, the admin remote sends the visitor to sign in.
      await expect(page).toHaveURL(/\/login/);
    } finally {
      await request.post(`${FAULT_ORIGIN}/__test__/remotes/admin/start`);
    }
  });
});
