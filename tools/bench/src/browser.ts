import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";

export interface FirstVisit {
  requests: number;
  /** JavaScript as it would travel gzip-compressed (each script gzipped here at level 9 if not already). */
  jsKiBGzip: number;
  /** From navigation start until the frame that shows the first post title has painted. */
  titleVisibleMs: number;
}

const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";

/** What the page logs when the title has been painted; read from the console events. */
const TITLE_PAINTED = "quire-bench:title-painted";

/**
 * Runs in the page before its own scripts: each animation frame looks for the title, and once it is visible,
 * logs the time after that frame (paint included) on the page's own clock, which starts at navigation.
 * Waiting from outside with a locator would evaluate Playwright's injected script in the page while it
 * boots (about 60 ms of its main thread), and count Playwright's round trips. Source text, not a function:
 * tsx compiles functions with helpers (`__name`) the page does not have.
 */
const reportTitlePainted = (selector: string) => `(() => {
  const check = () => {
    const title = document.querySelector(${JSON.stringify(selector)});
    if (title?.checkVisibility() && title.getBoundingClientRect().height > 0 && title.textContent.trim()) {
      setTimeout(() => console.debug(${JSON.stringify(TITLE_PAINTED)}, performance.now()), 0);
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

/**
 * First visits of a path in a fresh browser context each (no HTTP cache, no service worker), `samples` times,
 * after one visit that is not counted: a browser's first navigation also starts its own helper processes.
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
    for (let i = 0; i <= samples; i++) {
      const context = await browser.newContext();
      await context.addInitScript({ content: reportTitlePainted(titleSelector) });
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
      const painted = page.waitForEvent("console", {
        predicate: (message) => message.text().startsWith(TITLE_PAINTED),
        timeout: 30_000,
      });
      await page.goto(url, { waitUntil: "commit" });
      const titleVisibleMs = Math.round(Number((await painted).text().slice(TITLE_PAINTED.length)));
      // Let lazy chunks the screen asks for right after its first paint arrive too. A post page keeps its
      // live-comments subscription open, so the network is never idle there: wait at most 3 s.
      await page.waitForLoadState("networkidle", { timeout: 3_000 }).catch(() => {});
      const jsBytes = (await Promise.all(jsSizes)).reduce((a, b) => a + b, 0);
      if (i > 0) visits.push({ requests, jsKiBGzip: jsBytes / 1024, titleVisibleMs });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return visits;
}
