import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { ADMIN_PASSWORD } from "./support";

/** Runs a GraphQL operation as the seeded admin, through the shell's origin. */
async function asAdmin<T>(request: APIRequestContext, query: string, variables = {}): Promise<T> {
  const login = await request.post("/graphql", {
    data: {
      query:
        'mutation E2eLogin($p: String!) { login(email: "admin@quire.local", password: $p) { accessToken } }',
      variables: { p: ADMIN_PASSWORD },
    },
  });
  const token = ((await login.json()) as { data: { login: { accessToken: string } } }).data.login.accessToken;
  const response = await request.post("/graphql", {
    data: { query, variables },
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (!body.data || body.errors?.length) throw new Error(body.errors?.[0]?.message ?? "no data");
  return body.data;
}

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

  // Search from the header's field, focused with "/", in English and in Korean, matches highlighted.
  await page.keyboard.press("/");
  const headerSearch = page.getByRole("banner").getByRole("searchbox", { name: "Search the blog" });
  await expect(headerSearch).toBeFocused();
  await page.keyboard.type("outbox");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=outbox$/);
  await expect(main.getByRole("heading", { level: 1, name: "Results for “outbox”" })).toBeVisible();
  const hit = main.getByRole("article").first();
  await expect(hit).toContainText(/outbox/i);
  // ARIA 1.3's `mark` role: Playwright finds it, its types do not list it yet.
  await expect(hit.getByRole("mark" as Parameters<typeof hit.getByRole>[0]).first()).toBeVisible();
  await page.goto(`/search?q=${encodeURIComponent("이벤트")}`);
  await expect(main.getByRole("article").first()).toContainText("이벤트");
  await page.keyboard.press("Control+k");
  await expect(headerSearch).toBeFocused();

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
  // What the BFF answers when the content service is down: the post, comments null, an UNAVAILABLE error,
  // both in the post's own query (which carries the first page of comments) and in the list's.
  const unavailable = {
    message: "content is unavailable",
    path: ["post", "comments"],
    extensions: { code: "UNAVAILABLE" },
  };
  await page.route("**/graphql", async (route) => {
    const body = route.request().postDataJSON() as { query: string };
    if (body.query.includes("query BlogPost(")) {
      const answer = await (await route.fetch()).json();
      answer.data.post.comments = null;
      return route.fulfill({ json: { ...answer, errors: [unavailable] } });
    }
    if (!body.query.includes("query BlogComments")) return route.fallback();
    await route.fulfill({ json: { data: { post: { id: "x", comments: null } }, errors: [unavailable] } });
  });
  await page.goto("/posts/rate-limits-for-anonymous-writes");
  const main = page.getByRole("main");
  await expect(
    main.getByRole("heading", { level: 1, name: "Rate limits for anonymous writes" }),
  ).toBeVisible();
  await expect(main.getByText("Comments are unavailable right now")).toBeVisible({ timeout: 15_000 });
});

test.describe("a pinned notice", () => {
  let noticeId: string | null = null;

  // A hook runs even when the test times out: other specs open the home page, where the pop-up of a
  // leftover notice would be in their way.
  test.afterEach(async ({ request }) => {
    if (!noticeId) return;
    await asAdmin(request, "mutation E2eDeleteNotice($id: ID!) { deleteNotice(id: $id) }", { id: noticeId });
    noticeId = null;
  });

  test("pops up on the home page until the reader says not today", async ({ page, request }) => {
    test.setTimeout(60_000);
    const title = `Maintenance window ${Date.now()}`;
    const { createNotice } = await asAdmin<{ createNotice: { id: string; slug: string } }>(
      request,
      `mutation E2eCreateNotice($input: NoticeInput!) { createNotice(input: $input) { id slug } }`,
      {
        input: {
          title,
          contentHtml: "<p>The site is read-only on Sunday morning.</p>",
          badge: "Ops",
          pinned: true,
          status: "PUBLISHED",
        },
      },
    );
    noticeId = createNotice.id;

    // A signed-in reader: the BFF caches anonymous answers (up to a minute), and this is about the pop-up,
    // not about how soon the cache learns of a new notice.
    await page.goto("/register");
    const form = page.getByRole("main");
    await form
      .getByLabel("Email")
      .fill(`notices-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`);
    await form.getByLabel("Password").fill("Reader-Pass1");
    await form.getByLabel("Name").fill("Notice Reader");
    await form.getByRole("button", { name: "Create account" }).click();
    const dialog = page.getByRole("dialog", { name: title });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("read-only on Sunday morning");
    await dialog.getByRole("button", { name: "Don't show today" }).click();
    await expect(dialog).toBeHidden();

    // Remembered in this browser: a reload and a new visit of the home page do not show it again.
    await page.reload();
    await expect(page.getByRole("main").getByRole("article").first()).toBeVisible();
    await expect(page.getByRole("dialog")).toHaveCount(0);

    // The notice list and the notice itself.
    await page.getByRole("banner").getByRole("link", { name: "Notices" }).click();
    const main = page.getByRole("main");
    await expect(main.getByRole("heading", { level: 1, name: "Notices" })).toBeVisible();
    await main.getByRole("link", { name: title }).click();
    await expect(page).toHaveURL(new RegExp(`/notices/${createNotice.slug}$`));
    await expect(main.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(main.getByText("The site is read-only on Sunday morning.")).toBeVisible();
    await expect(page).toHaveTitle(`${title} · Quire`);
  });
});

test("a post's code has a Copy button, and the page carries its description and BlogPosting data", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/posts/the-transactional-outbox-explained-with-one-table");
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1 })).toHaveText(
    "The transactional outbox, explained with one table",
  );
  const copy = main.getByRole("article").getByRole("button", { name: "Copy" }).first();
  await copy.click();
  await expect(page.getByRole("status").filter({ hasText: "Code copied to the clipboard" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.length).toBeGreaterThan(10);

  const description = await page.evaluate(
    () => document.querySelector('meta[name="description"]')?.getAttribute("content") ?? "",
  );
  expect(description.length).toBeGreaterThan(10);
  const jsonLd = await page.evaluate(() =>
    Array.from(document.querySelectorAll('script[type="application/ld+json"]')).map((s) =>
      JSON.parse(s.textContent ?? "null"),
    ),
  );
  const posting = jsonLd.flat().find((entry: { "@type"?: string }) => entry?.["@type"] === "BlogPosting");
  expect(posting).toMatchObject({ headline: "The transactional outbox, explained with one table" });
});

test("a signed-in reader likes and bookmarks a post, and the dark theme stays after a reload", async ({
  page,
}) => {
  const main = page.getByRole("main");
  const banner = page.getByRole("banner");
  await page.goto("/register");
  await main.getByLabel("Email").fill(`liker-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`);
  await main.getByLabel("Password").fill("Reader-Pass1");
  await main.getByLabel("Name").fill("Liker");
  await main.getByRole("button", { name: "Create account" }).click();
  await expect(banner.getByRole("button", { name: /Liker/ })).toBeVisible();

  await page.goto("/posts/dark-mode-that-remembers");
  const like = main.getByRole("button", { name: "Like" });
  const bookmark = main.getByRole("button", { name: "Bookmark" });
  await expect(like).toHaveAttribute("aria-pressed", "false");
  await like.click();
  await expect(like).toHaveAttribute("aria-pressed", "true");
  await bookmark.click();
  await expect(bookmark).toHaveAttribute("aria-pressed", "true");

  await banner.getByRole("button", { name: "Switch to dark theme" }).click();
  await expect(banner.getByRole("button", { name: "Switch to light theme" })).toBeVisible();
  await page.reload();
  // Still signed in (the tab keeps its session), still liked and bookmarked, still dark.
  await expect(like).toHaveAttribute("aria-pressed", "true");
  await expect(bookmark).toHaveAttribute("aria-pressed", "true");
  await expect(banner.getByRole("button", { name: "Switch to light theme" })).toBeVisible();
  await banner.getByRole("button", { name: "Switch to light theme" }).click();
});
