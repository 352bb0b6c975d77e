import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";

export interface FirstVisit {
  requests: number;
  /** JavaScript as it would travel gzip-compressed (each script gzipped here at level 9 if not already). */
  jsKiBGzip: number;
  /** From navigation start until the first post title is visible. */
  titleVisibleMs: number;
}

const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * First visits of a path in a fresh browser context each (no HTTP cache, no service worker), `samples` times.
 * `titleSelector` names the element that shows the first post title on that screen.
 */
export async function firstVisits(
  url: string,
  titleSelector: string,
  samples: number,
): Promise<FirstVisit[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  const visits: FirstVisit[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      let requests = 0;
      const jsSizes: Promise<number>[] = [];
      page.on("request", () => {
        requests += 1;
      });
      page.on("response", (response) => {
        const type = response.request().resourceType();
        if (type !== "script") return;
        jsSizes.push(
          response
            .body()
            .then((body) =>
              response.headers()["content-encoding"] === "gzip"
                ? Number(response.headers()["content-length"] ?? body.length)
                : gzipSync(body, { level: 9 }).length,
            )
            .catch(() => 0),
        );
      });
      const started = Date.now();
      await page.goto(url, { waitUntil: "commit" });
      await page.locator(titleSelector).first().waitFor({ state: "visible", timeout: 30_000 });
      const titleVisibleMs = Date.now() - started;
      // Let lazy chunks the screen asks for right after its first paint arrive too. A post page keeps its
      // live-comments subscription open, so the network is never idle there: wait at most 3 s.
      await page.waitForLoadState("networkidle", { timeout: 3_000 }).catch(() => {});
      const jsBytes = (await Promise.all(jsSizes)).reduce((a, b) => a + b, 0);
      visits.push({ requests, jsKiBGzip: jsBytes / 1024, titleVisibleMs });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return visits;
}
