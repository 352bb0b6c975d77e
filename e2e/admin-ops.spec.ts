import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { graphql, signInAsAdmin } from "./support";

function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

// One signed-in tab for the whole file: the screens are reached through the admin navigation, as an admin
// moves around, so the shell and the admin remote load once.
test.describe.configure({ mode: "serial" });

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await signInAsAdmin(page, "/admin/dashboard");
});

test.afterAll(async () => {
  await page.close();
});

/** Opens an admin screen from the admin navigation and waits for its heading. */
async function openScreen(link: string, heading = link) {
  await page
    .getByRole("navigation", { name: "Admin" })
    .getByRole("link", { name: link, exact: true })
    .click();
  await expect(page.getByRole("main").getByRole("heading", { level: 1, name: heading })).toBeVisible();
}

async function registerUser(request: APIRequestContext, email: string, name: string) {
  // A separate request context, so the admin's tab keeps its own refresh cookie.
  const response = await request.post("/graphql", {
    data: {
      query:
        "mutation ($email: String!, $password: String!, $name: String) { register(email: $email, password: $password, name: $name) { user { id } } }",
      variables: { email, password: "Reader-Pass1", name },
    },
  });
  expect(response.ok()).toBe(true);
}

test("the dashboard shows its charts", async () => {
  await openScreen("Dashboard");
  const main = page.getByRole("main");
  await expect(main.getByRole("img", { name: /^Views, last 7 days/ })).toBeVisible();
  await expect(main.getByRole("img", { name: /^Visitors, last 7 days/ })).toBeVisible();
  await main.getByRole("button", { name: "30 days" }).click();
  await expect(main.getByRole("img", { name: /^Views, last 30 days/ })).toBeVisible();
  await expect(main.getByRole("table", { name: "Views, last 30 days" })).toHaveCount(1);
  await expect(main.getByRole("heading", { name: "Popular posts" })).toBeVisible();
  await expect(main.getByRole("heading", { name: "Recent comments" })).toBeVisible();
});

test("a comment is hidden and shown again", async () => {
  const text = unique("Moderate me");
  const { posts } = await graphql<{ posts: { edges: Array<{ node: { id: string } }> } }>(
    page,
    "query { posts(first: 1) { edges { node { id } } } }",
  );
  const postId = posts.edges[0]?.node.id;
  if (!postId) throw new Error("the seeded site needs a post");
  await graphql(
    page,
    "mutation ($postId: ID!, $input: CommentInput!) { addComment(postId: $postId, input: $input) { id } }",
    { postId, input: { content: text } },
  );

  await openScreen("Comments");
  const item = page.getByRole("main").getByRole("listitem").filter({ hasText: text });
  await expect(item).toBeVisible();
  await item.getByRole("button", { name: /^Hide/ }).click();
  await expect(item.getByText("Hidden", { exact: true })).toBeVisible();
  await item.getByRole("button", { name: /^Show/ }).click();
  await expect(item.getByText("Shown", { exact: true })).toBeVisible();
});

test("a category is created, renamed and deleted", async () => {
  await openScreen("Categories & tags");
  const categories = page.getByRole("main").getByRole("region", { name: "Categories", exact: true });
  const name = unique("E2E category");
  const renamed = `${name} renamed`;

  await categories.getByRole("form", { name: "New category" }).getByLabel("Name").fill(name);
  await categories.getByRole("button", { name: "Add category" }).click();
  const item = categories.getByRole("listitem").filter({ hasText: name });
  await expect(item).toBeVisible();

  await item.getByRole("button", { name: `Rename ${name}` }).click();
  const form = categories.getByRole("form", { name: `Rename ${name}` });
  await form.getByLabel("Name").fill(renamed);
  await form.getByRole("button", { name: "Save" }).click();
  const renamedItem = categories.getByRole("listitem").filter({ hasText: renamed });
  await expect(renamedItem).toBeVisible();

  await renamedItem.getByRole("button", { name: `Delete ${renamed}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(renamed);
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(dialog).toBeHidden();
  await expect(categories.getByRole("listitem").filter({ hasText: renamed })).toHaveCount(0);
});

test("a newly registered user is suspended and restored", async ({ request }) => {
  const email = `suspend-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const name = unique("Suspendable");
  await registerUser(request, email, name);

  await openScreen("Users");
  const main = page.getByRole("main");
  await main.getByLabel("Search by name or email").fill(email);
  await main.getByRole("button", { name: "Search", exact: true }).click();
  const item = main.getByRole("listitem").filter({ hasText: email });
  await expect(item).toBeVisible();

  await item.getByRole("button", { name: `Suspend ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Suspend" }).click();
  await expect(item.getByText("Suspended", { exact: true })).toBeVisible();

  await item.getByRole("button", { name: `Restore ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Restore" }).click();
  await expect(item.getByText("Active", { exact: true })).toBeVisible();
});

test("the event pipeline console lists every service's backlog", async () => {
  await openScreen("Event pipeline");
  const main = page.getByRole("main");
  await expect(main.getByRole("region", { name: "Blog" })).toContainText("Outbox backlog");
  await expect(main.getByRole("region", { name: "Storage" })).toContainText("Outbox backlog");
});

test("a backup is created and completes", async () => {
  await openScreen("Backups");
  const main = page.getByRole("main");
  const description = unique("E2E backup");
  await main.getByLabel("Description").fill(description);
  await main.getByRole("button", { name: "Create backup" }).click();
  await expect(main.getByRole("status").filter({ hasText: "Backup complete" })).toBeVisible({
    timeout: 30_000,
  });
  await expect(main.getByRole("listitem").filter({ hasText: description })).toBeVisible();
});
