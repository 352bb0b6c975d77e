import { expect, test } from "@playwright/test";

test("a comment written in one browser appears on the same post open in another, without a reload", async ({
  browser,
}) => {
  const reader = await (await browser.newContext()).newPage();
  const writer = await (await browser.newContext()).newPage();
  const post = "/posts/rate-limits-for-anonymous-writes";
  await reader.goto(post);
  const readerComments = reader.getByRole("main").getByRole("region", { name: /Comments/ });
  await expect(readerComments.getByRole("heading", { name: /Comments/ })).toBeVisible();
  // The subscription opens once the comments are on screen; give it a moment to connect.
  await reader.waitForTimeout(1_000);

  await writer.goto(post);
  const form = writer.getByRole("main").getByRole("form", { name: "Write a comment" });
  const text = `Live from another tab ${Date.now()}`;
  await form.getByLabel("Name").fill("Live guest");
  await form.getByLabel("Password", { exact: true }).fill("guest-pass");
  await form.getByLabel("Comment").fill(text);
  await form.getByRole("button", { name: "Post comment" }).click();
  await expect(writer.getByText(text)).toBeVisible();

  // Pushed over server-sent events through the shell's /graphql proxy: well under any polling period.
  await expect(reader.getByText(text)).toBeVisible({ timeout: 5_000 });
  await reader.context().close();
  await writer.context().close();
});
