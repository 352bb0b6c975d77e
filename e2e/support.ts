import { expect, type Page } from "@playwright/test";

/** The stack's port offset (`QUIRE_PORT_OFFSET`), as playwright.config.ts starts it. */
export const PORT_OFFSET = Number(process.env.QUIRE_PORT_OFFSET ?? 0);
export const SHELL_ORIGIN = `http://localhost:${3000 + PORT_OFFSET}`;
/** Where each remote is served, as the stack deploys them (shell port + 100, 200, 300). */
export const REMOTE_ORIGINS = {
  blog: `http://localhost:${3100 + PORT_OFFSET}`,
  admin: `http://localhost:${3200 + PORT_OFFSET}`,
  user: `http://localhost:${3300 + PORT_OFFSET}`,
};

// The stack Playwright starts uses this password; a developer's own stack passes theirs in the environment.
export const ADMIN_EMAIL = "admin@quire.local";
export const ADMIN_PASSWORD = process.env.QUIRE_ADMIN_PASSWORD ?? "e2e-Admin-Password1";

/** Signs in as the seeded admin through the login screen, landing on `path`. */
export async function signInAsAdmin(page: Page, path: string) {
  await page.goto(`/login?returnTo=${encodeURIComponent(path)}`);
  const main = page.getByRole("main");
  await main.getByLabel("Email").fill(ADMIN_EMAIL);
  await main.getByLabel("Password").fill(ADMIN_PASSWORD);
  await main.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

/** Runs a GraphQL operation in the page with the signed-in tab's token, as the remotes do. */
export async function graphql<T>(
  page: Page,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
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
