import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

/** axe's WCAG 2.x A and AA rules, on the whole page (shell and remote together). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(" "))
          .join(", ")})`,
    );
}

/** Each screen is checked once it has its content, not its skeleton. */
const screens: Array<{ name: string; path: string; ready: (page: Page) => Promise<void> }> = [
  {
    name: "home",
    path: "/",
    ready: async (page) => {
      await expect(page.getByRole("main").getByRole("article").first()).toBeVisible();
      await expect(
        page.getByRole("complementary", { name: "Sidebar" }).getByRole("link").first(),
      ).toBeVisible();
    },
  },
  {
    name: "a post",
    path: "/posts/writing-with-a-block-editor",
    ready: async (page) => {
      await expect(page.getByRole("main").getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByRole("main").getByRole("form", { name: "Write a comment" })).toBeVisible();
    },
  },
  {
    name: "a category",
    path: "/categories",
    ready: async (page) => {
      await page.getByRole("main").getByRole("link").first().click();
      await expect(page.getByRole("main").getByRole("article").first()).toBeVisible();
    },
  },
  {
    name: "search results",
    path: "/search?q=outbox",
    ready: async (page) => {
      await expect(page.getByRole("main").getByRole("article").first()).toBeVisible();
    },
  },
  {
    name: "sign in",
    path: "/login",
    ready: async (page) => {
      await expect(page.getByRole("main").getByRole("button", { name: "Sign in" })).toBeVisible();
    },
  },
  {
    name: "register",
    path: "/register",
    ready: async (page) => {
      await expect(page.getByRole("main").getByRole("button", { name: "Create account" })).toBeVisible();
    },
  },
];

// Every screen in the light theme; the dark theme's colours are checked on the screens that use most of them.
const DARK_SCREENS = new Set(["home", "a post"]);

for (const screen of screens) {
  for (const theme of ["light", "dark"] as const) {
    if (theme === "dark" && !DARK_SCREENS.has(screen.name)) continue;
    test(`${screen.name} (${theme} theme) has no serious or critical axe violations`, async ({ page }) => {
      await page.addInitScript((name) => localStorage.setItem("quire.theme", name), theme);
      await page.goto(screen.path);
      await screen.ready(page);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
}

test("My bookmarks, with a bookmark, has no serious or critical axe violations", async ({ page }) => {
  const main = page.getByRole("main");
  await page.goto("/register");
  await main.getByLabel("Email").fill(`a11y-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`);
  await main.getByLabel("Password").fill("Reader-Pass1");
  await main.getByLabel("Name").fill("Axe Reader");
  await main.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("banner").getByRole("button", { name: /Axe Reader/ })).toBeVisible();

  await page.goto("/posts/writing-with-a-block-editor");
  await main.getByRole("button", { name: "Bookmark" }).click();
  await expect(main.getByRole("button", { name: "Bookmark" })).toHaveAttribute("aria-pressed", "true");

  await page.goto("/my/bookmarks");
  await expect(main.getByRole("link", { name: "Writing with a block editor" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // The open user menu and the settings screen are part of the same reader's path.
  await page
    .getByRole("banner")
    .getByRole("button", { name: /Axe Reader/ })
    .click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Settings" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("banner").getByRole("link", { name: "Settings" }).click();
  await expect(main.getByLabel("Display name")).toHaveValue("Axe Reader");
  expect(await seriousViolations(page)).toEqual([]);
});
