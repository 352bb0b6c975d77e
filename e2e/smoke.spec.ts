import { expect, type Page, test } from "@playwright/test";
import { REMOTE_ORIGINS } from "./support";

/** Collects uncaught exceptions and console errors, which a healthy page has none of. */
function trackErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  return errors;
}

test("the home page lists seeded posts from the blog remote, and a post opens", async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto("/");

  await expect(page.getByRole("banner").getByRole("link", { name: "Quire" })).toBeVisible();
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1, name: "Latest posts" })).toBeVisible();

  // Rendered by the blog remote: one <article> with an h2 link per post, a page of 10 out of 20+ seeded.
  const articles = main.getByRole("article");
  await expect(articles).toHaveCount(10);
  await expect(main.getByRole("heading", { level: 2 }).first()).toBeVisible();

  await main.getByRole("button", { name: "Load more" }).click();
  await expect.poll(() => articles.count()).toBeGreaterThan(10);

  const first = articles.first();
  const title = (await first.getByRole("heading", { level: 2 }).textContent())?.trim() ?? "";
  const author = (await first.getByTestId("post-author").textContent())?.trim() ?? "";
  expect(title).not.toBe("");
  expect(author).not.toBe("");
  expect(author).not.toBe("Unknown author");

  await first.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(/\/posts\/[^/]+$/);
  const post = main.getByRole("article");
  await expect(post.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(post.getByTestId("post-author")).toHaveText(author);
  await expect(page).toHaveTitle(`${title} · Quire`);

  expect(errors).toEqual([]);
});

test("a remote whose server is down shows its fallback while the rest of the site works", async ({
  page,
}) => {
  // The admin remote's server stops answering, as if it had crashed; the manifest still lists it.
  await page.route(`${REMOTE_ORIGINS.admin}/**`, (route) => route.abort("connectionrefused"));

  await page.goto("/admin");
  await expect(page.getByText("This part of the site is unavailable right now")).toBeVisible({
    timeout: 10_000,
  });
  await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();

  await page.getByRole("banner").getByRole("link", { name: "Home" }).click();
  await expect(page.getByRole("main").getByRole("article").first()).toBeVisible();
});
