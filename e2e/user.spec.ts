import { expect, type Page, test } from "@playwright/test";

const PASSWORD = "Reader-Pass1";

function uniqueEmail(): string {
  return `reader-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

/** Runs a GraphQL operation in the page with the signed-in tab's token, as the remotes do. */
async function graphql<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return page.evaluate(
    async ({ query, variables }) => {
      const stored = sessionStorage.getItem("quire.session");
      const token = stored ? (JSON.parse(stored) as { accessToken: string }).accessToken : null;
      const response = await fetch("/graphql", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> };
      if (body.errors?.length) throw new Error(body.errors[0]?.message);
      return body.data as never;
    },
    { query, variables },
  ) as Promise<T>;
}

async function signIn(page: Page, email: string, password: string) {
  const main = page.getByRole("main");
  await main.getByLabel("Email").fill(email);
  await main.getByLabel("Password").fill(password);
  await main.getByRole("button", { name: "Sign in" }).click();
}

test("a reader registers, signs out and in, renames themself and files a bug report", async ({ page }) => {
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

test("a bookmarked post shows in My bookmarks and can be removed", async ({ page }) => {
  const email = uniqueEmail();
  const main = page.getByRole("main");
  await page.goto("/register");
  await main.getByLabel("Email").fill(email);
  await main.getByLabel("Password").fill(PASSWORD);
  await main.getByLabel("Name").fill("Bookmarker");
  await main.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("banner").getByText("Bookmarker")).toBeVisible();

  const { posts } = await graphql<{ posts: { edges: Array<{ node: { id: string; title: string } }> } }>(
    page,
    "query { posts(first: 2) { edges { node { id title } } } }",
  );
  const [first, second] = posts.edges.map((edge) => edge.node);
  if (!first || !second) throw new Error("the seeded site needs two posts");
  for (const post of [first, second]) {
    await graphql(page, "mutation ($id: ID!) { toggleBookmark(postId: $id) { bookmarked } }", {
      id: post.id,
    });
  }

  await page.goto("/my/bookmarks");
  await expect(main.getByRole("heading", { level: 1, name: "My bookmarks" })).toBeVisible();
  await expect(main.getByRole("link", { name: first.title })).toBeVisible();
  await expect(main.getByRole("link", { name: second.title })).toBeVisible();

  await main.getByRole("button", { name: `Remove bookmark: ${first.title}` }).click();
  await expect(main.getByRole("link", { name: first.title })).toHaveCount(0);

  await main.getByRole("checkbox", { name: `Select ${second.title}` }).check();
  await main.getByRole("button", { name: /Remove selected/ }).click();
  await expect(main.getByRole("heading", { name: "No bookmarks yet" })).toBeVisible();
});
