import { expect, type Page, test } from "@playwright/test";
import { graphql } from "./support";

const PASSWORD = "Reader-Pass1";

function uniqueEmail(): string {
  return `reader-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

async function signIn(page: Page, email: string, password: string) {
  const main = page.getByRole("main");
  await main.getByLabel("Email").fill(email);
  await main.getByLabel("Password").fill(password);
  await main.getByRole("button", { name: "Sign in" }).click();
}

test("a reader registers, signs out and in, renames themself and files a bug report", async ({ page }) => {
  test.setTimeout(60_000);
  const email = uniqueEmail();
  const name = `Reader ${Date.now() % 100000}`;
  const banner = page.getByRole("banner");
  const main = page.getByRole("main");

  await page.goto("/");
  await banner.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await main.getByRole("link", { name: "Create an account" }).click();

  // The server's field errors show beside the field.
  await main.getByLabel("Email").fill(email);
  await main.getByLabel("Password").fill("weak");
  await main.getByLabel("Name").fill(name);
  await main.getByRole("button", { name: "Create account" }).click();
  await expect(main.getByRole("alert")).toBeVisible();
  await expect(main.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

  await main.getByLabel("Password").fill(PASSWORD);
  await main.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(banner.getByText(name)).toBeVisible();

  // The user menu: a button named after the reader, listing their pages and "Sign out".
  await banner.getByRole("button", { name }).click();
  await expect(banner.getByRole("link", { name: "My bookmarks" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(banner.getByRole("link", { name: "My bookmarks" })).toBeHidden();
  await expect(banner.getByRole("button", { name })).toBeFocused();
  await banner.getByRole("button", { name }).click();
  await banner.getByRole("button", { name: "Sign out" }).click();
  await expect(banner.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(banner.getByText(name)).toHaveCount(0);

  // The reader's pages send anonymous visitors to sign in, then back.
  await page.goto("/my/settings");
  await expect(page).toHaveURL(/\/login\?returnTo=%2Fmy%2Fsettings$/);
  await signIn(page, email, "Wrong-Pass1");
  await expect(main.getByRole("alert")).toHaveText("Invalid email or password");
  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/my\/settings$/);
  await expect(banner.getByText(name)).toBeVisible();

  const renamed = `${name} Renamed`;
  await expect(main.getByLabel("Display name")).toHaveValue(name);
  await main.getByLabel("Display name").fill(renamed);
  await main.getByLabel("Bio").fill("Reads everything twice.");
  await main.getByLabel("Website").fill("https://example.com");
  await main.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved")).toBeVisible();
  await expect(banner.getByText(renamed)).toBeVisible();
  await page.reload();
  await expect(main.getByLabel("Bio")).toHaveValue("Reads everything twice.");
  await expect(main.getByLabel("Website")).toHaveValue("https://example.com");

  await page.goto("/bug-report");
  await main.getByLabel("Title").fill("The header overlaps on small screens");
  await main.getByLabel("Category").selectOption("UI");
  await main.getByLabel("Priority").selectOption("LOW");
  await main.getByLabel("Description").fill("At 360 px the theme button covers the brand.");
  await main.getByRole("button", { name: "Send report" }).click();
  await expect(main.getByRole("status")).toContainText("The header overlaps on small screens");

  await main.getByRole("link", { name: "See all reports" }).click();
  await expect(page).toHaveURL(/\/bug-reports$/);
  await expect(main.getByText("The header overlaps on small screens").first()).toBeVisible();
});

test("a reader bookmarks a post from its page, finds it in My bookmarks and removes it", async ({ page }) => {
  const email = uniqueEmail();
  const main = page.getByRole("main");
  await page.goto("/register");
  await main.getByLabel("Email").fill(email);
  await main.getByLabel("Password").fill(PASSWORD);
  await main.getByLabel("Name").fill("Bookmarker");
  await main.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("banner").getByText("Bookmarker")).toBeVisible();

  const { posts } = await graphql<{
    posts: { edges: Array<{ node: { id: string; slug: string; title: string } }> };
  }>(page, "query E2ePosts { posts(first: 2) { edges { node { id slug title } } } }");
  const [first, second] = posts.edges.map((edge) => edge.node);
  if (!first || !second) throw new Error("the seeded site needs two posts");
  for (const post of [first, second]) {
    await page.goto(`/posts/${encodeURIComponent(post.slug)}`);
    const bookmark = main.getByRole("button", { name: "Bookmark" });
    await bookmark.click();
    await expect(bookmark).toHaveAttribute("aria-pressed", "true");
  }

  await page.getByRole("banner").getByRole("button", { name: "Bookmarker" }).click();
  await page.getByRole("banner").getByRole("link", { name: "My bookmarks" }).click();
  await expect(main.getByRole("heading", { level: 1, name: "My bookmarks" })).toBeVisible();
  await expect(main.getByRole("link", { name: first.title })).toBeVisible();
  await expect(main.getByRole("link", { name: second.title })).toBeVisible();

  await main.getByRole("button", { name: `Remove bookmark: ${first.title}` }).click();
  await expect(main.getByRole("link", { name: first.title })).toHaveCount(0);

  await main.getByRole("checkbox", { name: `Select ${second.title}` }).check();
  await main.getByRole("button", { name: /Remove selected/ }).click();
  await expect(main.getByRole("heading", { name: "No bookmarks yet" })).toBeVisible();
});

// A 4x4 PNG: enough for the storage service to decode and re-encode as a 256x256 WebP.
const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGM4Y2wMRwzEcQD7ExMhLF3NIwAAAABJRU5ErkJggg==",
  "base64",
);

test("a reader uploads an avatar, renames themself, and the new name shows on their comments", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const main = page.getByRole("main");
  const banner = page.getByRole("banner");
  const name = `Commenter ${Date.now() % 100000}`;
  await page.goto("/register");
  await main.getByLabel("Email").fill(uniqueEmail());
  await main.getByLabel("Password").fill(PASSWORD);
  await main.getByLabel("Name").fill(name);
  await main.getByRole("button", { name: "Create account" }).click();
  await expect(banner.getByRole("button", { name })).toBeVisible();

  // A comment under the reader's name.
  await page.goto("/posts/keyboard-first-navigating-a-blog-without-a-mouse");
  const text = `Signed-in note ${Date.now()}`;
  const form = main.getByRole("form", { name: "Write a comment" });
  await form.getByLabel("Comment").fill(text);
  await form.getByRole("button", { name: "Post comment" }).click();
  const comments = main.getByRole("list", { name: "Comments" });
  await expect(comments.getByRole("listitem").filter({ hasText: text })).toContainText(name);

  // The avatar: uploaded, saved in the profile, shown in the settings and the header.
  await banner.getByRole("button", { name }).click();
  await banner.getByRole("link", { name: "Settings" }).click();
  await main
    .getByLabel("Upload avatar")
    .setInputFiles({ name: "me.png", mimeType: "image/png", buffer: TINY_PNG });
  await expect(main.getByRole("img", { name: "Your avatar" })).toBeVisible();
  await expect(main.getByRole("status").filter({ hasText: "256×256 WebP" })).toBeVisible();
  const src = await main.getByRole("img", { name: "Your avatar" }).getAttribute("src");
  expect(src).toMatch(/\.webp/);
  const image = await page.request.get(src ?? "");
  expect(image.ok()).toBe(true);
  expect(image.headers()["content-type"]).toContain("image/webp");
  await expect(main.getByRole("button", { name: "Remove avatar" })).toBeVisible();

  // The new name: on the reader's comments (an event updates the comment service's copy of the author).
  const renamed = `${name} Renamed`;
  await main.getByLabel("Display name").fill(renamed);
  await main.getByRole("button", { name: "Save profile" }).click();
  await expect(banner.getByRole("button", { name: renamed })).toBeVisible();
  await banner.getByRole("button", { name: renamed }).click();
  await banner.getByRole("link", { name: "My comments" }).click();
  await expect(main.getByText(text)).toBeVisible();
  await main.getByRole("link", { name: "Keyboard first: navigating a blog without a mouse" }).click();
  await expect(async () => {
    await page.reload();
    await expect(
      main.getByRole("list", { name: "Comments" }).getByRole("listitem").filter({ hasText: text }),
    ).toContainText(renamed, { timeout: 8_000 });
  }).toPass({ timeout: 45_000 });
});

test("the session outlives a rejected access token and carries over to a new tab", async ({
  page,
  context,
}) => {
  const main = page.getByRole("main");
  const banner = page.getByRole("banner");
  await page.goto("/register");
  await main.getByLabel("Email").fill(uniqueEmail());
  await main.getByLabel("Password").fill(PASSWORD);
  await main.getByLabel("Name").fill("Long Reader");
  await main.getByRole("button", { name: "Create account" }).click();
  await expect(banner.getByRole("button", { name: "Long Reader" })).toBeVisible();

  // An access token the BFF rejects (as an expired one is): the shell refreshes silently and goes on.
  await page.evaluate(() => {
    const stored = JSON.parse(sessionStorage.getItem("quire.session") ?? "{}") as { accessToken?: string };
    sessionStorage.setItem("quire.session", JSON.stringify({ ...stored, accessToken: "not-a-valid-token" }));
  });
  await page.goto("/my/settings");
  await expect(main.getByLabel("Display name")).toHaveValue("Long Reader");
  await expect(banner.getByRole("button", { name: "Long Reader" })).toBeVisible();

  // A new tab has no session of its own yet: it is restored from the refresh cookie before the page asks.
  const second = await context.newPage();
  await second.goto("/my/bookmarks");
  await expect(
    second.getByRole("main").getByRole("heading", { level: 1, name: "My bookmarks" }),
  ).toBeVisible();
  await expect(second.getByRole("banner").getByRole("button", { name: "Long Reader" })).toBeVisible();

  // Signing out ends it for new tabs too.
  await second.getByRole("banner").getByRole("button", { name: "Long Reader" }).click();
  await second.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(second.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  const third = await context.newPage();
  await third.goto("/my/bookmarks");
  await expect(third).toHaveURL(/\/login\?returnTo=/);
});
