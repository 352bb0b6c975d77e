import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "./support";

const IMAGE = fileURLToPath(new URL("./fixtures/editor-image.png", import.meta.url));

test("an admin writes a post with blocks, it autosaves as a draft, is published, edited and deleted", async ({
  page,
}) => {
  // The autosave waits 15 s of idle time by design.
  test.setTimeout(90_000);
  const title = `Editor post ${Date.now().toString(36)}`;
  const main = page.getByRole("main");
  const admin = page.getByRole("navigation", { name: "Admin" });

  await signInAsAdmin(page, "/admin/posts/new");
  await expect(main.getByRole("heading", { level: 1, name: "New post" })).toBeVisible();

  await main.getByLabel("Title").fill(title);
  const content = main.getByRole("textbox", { name: "Post content" });
  await content.click();
  await page.keyboard.type("An introduction.");
  await page.keyboard.press("Enter");

  const toolbar = main.getByRole("toolbar", { name: "Formatting" });
  await toolbar.getByRole("button", { name: "Heading 2" }).click();
  await page.keyboard.type("Section heading");
  await page.keyboard.press("Enter");

  // The slash menu: "/" opens it, typing filters, Enter inserts the highlighted block.
  await page.keyboard.type("/callo");
  await expect(
    page.getByRole("listbox", { name: "Insert a block" }).getByRole("option", { name: /Callout/ }),
  ).toBeVisible();
  await page.keyboard.press("Enter");
  await page.keyboard.type("Remember this.");
  // Enter on an empty line leaves the callout.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");

  await toolbar.getByRole("button", { name: "Code block" }).click();
  await page.keyboard.type("const answer = 42;");
  // Three Enters leave a code block.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");

  await main.getByLabel("Upload images").setInputFiles(IMAGE);
  const image = content.getByRole("img", { name: "editor image" });
  await expect(image).toHaveAttribute("src", /\/v1\/images\//, { timeout: 20_000 });

  await main.getByLabel("Code language").selectOption("typescript");
  await main.getByLabel("Category").selectOption({ index: 1 });
  await main.getByLabel("Tags").fill("editor-e2e");
  await main.getByLabel("Tags").press("Enter");
  await expect(main.getByRole("list", { name: "Tags of this post" })).toContainText("#editor-e2e");

  // Autosave after 15 s idle: the status says so and the URL becomes the draft's.
  await expect(main.getByText(/Saved as draft at \d\d:\d\d/)).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(/\/admin\/drafts\/[\w-]+$/);

  await admin.getByRole("link", { name: "Drafts", exact: true }).click();
  await expect(main.getByRole("heading", { level: 1, name: "Drafts" })).toBeVisible();
  await main.getByRole("link", { name: title, exact: true }).click();

  // The draft comes back from the server with its blocks.
  await expect(main.getByRole("heading", { level: 1, name: "Edit draft" })).toBeVisible();
  await expect(main.getByLabel("Title")).toHaveValue(title);
  await expect(content.getByRole("heading", { level: 2, name: "Section heading" })).toBeVisible();
  await expect(main.getByLabel("Code language")).toHaveValue("typescript");
  await expect(content.getByRole("img", { name: "editor image" })).toBeVisible();

  await main.getByRole("button", { name: "Publish" }).click();
  await expect(page).toHaveURL(/\/admin\/posts\/[\w-]+\/edit\?slug=/);
  await expect(main.getByRole("heading", { level: 1, name: "Edit post" })).toBeVisible();

  await main.getByRole("link", { name: "View on blog" }).click();
  const article = main.getByRole("article");
  await expect(article.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(article.getByRole("heading", { level: 2, name: "Section heading" })).toBeVisible();
  await expect(article.getByText("Remember this.")).toBeVisible();
  await expect(article.getByText("const answer = 42;")).toBeVisible();
  await expect(article.getByRole("img", { name: "editor image" })).toBeVisible();
  await expect(article.getByRole("link", { name: "#editor-e2e" })).toBeVisible();
  const postUrl = page.url();

  // Back in the editor (in the app, no reload), edit the title.
  await page.goBack();
  await expect(main.getByRole("heading", { level: 1, name: "Edit post" })).toBeVisible();
  await main.getByLabel("Title").fill(`${title} (edited)`);
  await main.getByRole("button", { name: "Update" }).click();
  await expect(main.getByRole("status").filter({ hasText: "No changes" })).toBeVisible();
  await main.getByRole("link", { name: "View on blog" }).click();
  await expect(
    main.getByRole("article").getByRole("heading", { level: 1, name: `${title} (edited)` }),
  ).toBeVisible();

  // Delete it.
  await page.goBack();
  await expect(main.getByLabel("Title")).toHaveValue(`${title} (edited)`);
  await main.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this post?" });
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/admin\/posts$/);
  await expect(main.getByRole("link", { name: `${title} (edited)` })).toHaveCount(0);

  await page.goto(new URL(postUrl).pathname);
  await expect(main.getByRole("heading", { level: 1, name: "Post not found" })).toBeVisible();
});

test("an address dialog cancels cleanly, and the editor asks before Back drops unsaved changes", async ({
  page,
}) => {
  await signInAsAdmin(page, "/admin/posts");
  const main = page.getByRole("main");
  await main.getByRole("link", { name: "New post" }).first().click();
  await expect(main.getByRole("heading", { level: 1, name: "New post" })).toBeVisible();
  await main.getByLabel("Title").fill("Not saved yet");

  // A block that asks for an address opens a dialog; Cancel closes it and leaves the post as it was.
  await main.getByRole("toolbar", { name: "Formatting" }).getByRole("button", { name: "YouTube" }).click();
  const video = page.getByRole("dialog", { name: "YouTube video" });
  await expect(video.getByLabel("Video address")).toBeFocused();
  await video.getByRole("button", { name: "Cancel" }).click();
  await expect(video).toBeHidden();

  await page.goBack();
  const dialog = page.getByRole("dialog", { name: "Leave without saving?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/admin\/posts\/new$/);
  await expect(main.getByLabel("Title")).toHaveValue("Not saved yet");

  await page.goBack();
  await page
    .getByRole("dialog", { name: "Leave without saving?" })
    .getByRole("button", { name: "Leave" })
    .click();
  await expect(page).toHaveURL(/\/admin\/posts$/);
});
