import { expect, type Page, test } from "@playwright/test";

/** Collects uncaught exceptions, which a healthy page has none of. */
function trackPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

test("a reader goes from the home page to a post, its category, a tag, a search and the notices", async ({
  page,
}) => {
  const errors = trackPageErrors(page);
  await page.goto("/");
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { name: "Featured post" })).toBeVisible();
  await expect(main.getByRole("heading", { name: "Top categories" })).toBeVisible();

  const first = main.getByRole("region", { name: "Latest posts" }).getByRole("article").first();
  const title = (await first.getByRole("heading", { level: 2 }).textContent())?.trim() ?? "";
  await first.getByRole("link", { name: title }).click();

  // The post: its author, reading time and a table of contents that links to the headings.
  const post = main.getByRole("article");
  await expect(post.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(post.getByTestId("post-author")).not.toHaveText("Unknown author");
  await expect(post.getByText(/\d+ min read/)).toBeVisible();
  const toc = main.getByRole("navigation", { name: "Table of contents" });
  await expect(toc.getByRole("link", { name: "Details" })).toHaveAttribute("href", /^#/);
  await toc.getByRole("link", { name: "Details" }).click();
  await expect(post.getByRole("heading", { level: 2, name: "Details" })).toBeInViewport();

  // Its category.
  const categoryLink = main.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link").nth(1);
  const categoryName = (await categoryLink.textContent())?.trim() ?? "";
  const tagLink = post.getByRole("list", { name: "Tags" }).getByRole("link").first();
  const tagName = ((await tagLink.textContent())?.trim() ?? "").replace(/^#/, "");
  await categoryLink.click();
  await expect(page).toHaveURL(/\/categories\/[^/]+$/);
  await expect(main.getByRole("heading", { level: 1, name: categoryName })).toBeVisible();
  await expect(main.getByRole("article").first()).toBeVisible();

  // A tag of the post.
  await page.goBack();
  await main
    .getByRole("list", { name: "Tags" })
    .getByRole("link", { name: `#${tagName}` })
    .click();
  await expect(page).toHaveURL(/\/tags\/[^/]+$/);
  await expect(main.getByRole("heading", { level: 1, name: `#${tagName}` })).toBeVisible();
  await expect(main.getByRole("article").first()).toBeVisible();

  // Search, in English and in Korean, with the matches highlighted.
  await page.goto("/search");
  await main.getByRole("searchbox", { name: "Search posts" }).fill("outbox");
  await main.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/search\?q=outbox$/);
  await expect(main.getByRole("heading", { level: 1, name: "Results for “outbox”" })).toBeVisible();
  const hit = main.getByRole("article").first();
  await expect(hit).toContainText(/outbox/i);
  await expect(hit.locator("mark").first()).toBeVisible();
  await page.goto(`/search?q=${encodeURIComponent("이벤트")}`);
  await expect(main.getByRole("article").first()).toContainText("이벤트");

  // The seed has no notices: the list says so.
  await page.goto("/notices");
  await expect(main.getByRole("heading", { level: 1, name: "Notices" })).toBeVisible();
  await expect(main.getByRole("heading", { name: "No notices yet" })).toBeVisible();

  expect(errors).toEqual([]);
});

test("a guest comments with a password, then edits and deletes the comment", async ({ page }) => {
  const errors = trackPageErrors(page);
  await page.goto("/posts/rate-limits-for-anonymous-writes");
  const main = page.getByRole("main");
  const form = main.getByRole("form", { name: "Write a comment" });
  const text = `A guest's note ${Date.now()}`;
  await form.getByLabel("Name").fill("E2E guest");
  await form.getByLabel("Password", { exact: true }).fill("guest-pass");
  await form.getByLabel("Comment").fill(text);
  await form.getByRole("button", { name: "Post comment" }).click();

  const comments = main.getByRole("list", { name: "Comments" });
  const mine = comments.getByRole("listitem").filter({ hasText: "E2E guest" }).filter({ hasText: text });
  await expect(mine).toBeVisible();
  await expect(form.getByLabel("Comment")).toHaveValue("");

  // Editing asks for the password: a wrong one is refused with a message.
  await mine.getByRole("button", { name: "Edit" }).click();
  const editForm = mine.getByRole("form", { name: "Edit the comment" });
  const edited = `${text} (edited)`;
  await editForm.getByLabel("Edit comment").fill(edited);
  await editForm.getByLabel("Password").fill("wrong-pass");
  await editForm.getByRole("button", { name: "Save" }).click();
  await expect(editForm.getByRole("alert")).toContainText("password");
  await editForm.getByLabel("Password").fill("guest-pass");
  await editForm.getByRole("button", { name: "Save" }).click();
  const editedItem = comments.getByRole("listitem").filter({ hasText: edited });
  await expect(editedItem).toBeVisible();

  await editedItem.getByRole("button", { name: "Delete" }).click();
  const deleteForm = editedItem.getByRole("form", { name: "Delete the comment" });
  await deleteForm.getByLabel("Password").fill("guest-pass");
  await deleteForm.getByRole("button", { name: "Delete comment" }).click();
  await expect(main.getByText(edited)).toHaveCount(0);

  expect(errors).toEqual([]);
});

test("liking a post changes its count, and liking again takes it back", async ({ page }) => {
  await page.goto("/posts/writing-with-a-block-editor");
  const like = page.getByRole("main").getByRole("button", { name: "Like" });
  await expect(like).toBeVisible();
  const count = like.getByTestId("like-count");
  const before = Number(await count.textContent());
  const pressed = (await like.getAttribute("aria-pressed")) === "true";

  await like.click();
  await expect(like).toHaveAttribute("aria-pressed", String(!pressed));
  await expect(count).toHaveText(String(pressed ? before - 1 : before + 1));

  await like.click();
  await expect(like).toHaveAttribute("aria-pressed", String(pressed));
  await expect(count).toHaveText(String(before));
});

test("the post still renders when the comment service is unavailable", async ({ page }) => {
  // What the BFF answers when the content service is down: the post, comments null, an UNAVAILABLE error.
  await page.route("**/graphql", async (route) => {
    const body = route.request().postDataJSON() as { query: string };
    if (!body.query.includes("query BlogComments")) return route.fallback();
    await route.fulfill({
      json: {
        data: { post: { id: "x", comments: null } },
        errors: [
          {
            message: "content is unavailable",
            path: ["post", "comments"],
            extensions: { code: "UNAVAILABLE" },
          },
        ],
      },
    });
  });
  await page.goto("/posts/rate-limits-for-anonymous-writes");
  const main = page.getByRole("main");
  await expect(
    main.getByRole("heading", { level: 1, name: "Rate limits for anonymous writes" }),
  ).toBeVisible();
  await expect(main.getByText("Comments are unavailable right now")).toBeVisible({ timeout: 15_000 });
});
