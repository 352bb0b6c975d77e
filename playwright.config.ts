import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Playwright cannot download browsers on every machine: use an explicit one, then the system's Chromium,
// then Playwright's bundled browser (the usual case on a developer's machine).
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH || (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);

const CI = Boolean(process.env.CI);
// QUIRE_PORT_OFFSET runs the suite against its own stack beside one on the standard ports.
const PORT_OFFSET = Number(process.env.QUIRE_PORT_OFFSET ?? 0);
const BASE_URL = `http://localhost:${3000 + PORT_OFFSET}`;

export default defineConfig({
  testDir: "e2e",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // The whole stack shares two cores with the browser.
  workers: 1,
  reporter: [
    ["list"],
    ...(process.env.QUIRE_TEST_REPORT_DIR
      ? [["json", { outputFile: `${process.env.QUIRE_TEST_REPORT_DIR}/playwright.json` }] as const]
      : []),
  ],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        headless: true,
        launchOptions: {
          executablePath,
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node --import tsx tools/stack/src/main.ts",
    url: `${BASE_URL}/`,
    timeout: 180_000,
    reuseExistingServer: !CI,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      QUIRE_DATA_DIR: PORT_OFFSET ? `.data-e2e-${PORT_OFFSET}` : ".data-e2e",
      QUIRE_FRESH: "1",
      QUIRE_ADMIN_PASSWORD: "e2e-Admin-Password1",
    },
  },
});
