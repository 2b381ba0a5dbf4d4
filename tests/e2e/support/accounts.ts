/** Signing up in the browser, for end-to-end tests of what accounts can do. */
import { expect, type Browser, type Page } from "@playwright/test";

export const PASSWORD = "a long enough password";

/** Signs up `name` in this page's context (a unique email) and returns the email. */
export async function signUp(page: Page, name: string): Promise<string> {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("account-menu")).toContainText(name);
  return email;
}

/**
 * A new person (a browser context of their own) who signs up as `name` and presses New notebook:
 * their page on it, connected, and its URL.
 */
export async function ownerOfNewNotebook(browser: Browser, name: string): Promise<{ page: Page; url: string }> {
  const page = await (await browser.newContext()).newPage();
  await signUp(page, name);
  await page.getByRole("button", { name: "New notebook" }).first().click();
  await expect(page).toHaveURL(/\/n\//);
  await expect(page.getByTestId("connection-status")).toHaveText("Connected");
  return { page, url: page.url() };
}

/**
 * Makes the notebook `id` (this page's person owns it) view-only by link: what an embed needs
 * (lib/server/embeds/embeds.ts: a notebook whose link edits is never embedded).
 */
export async function makeLinkViewOnly(page: Page, id: string): Promise<void> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.put(`${origin}/api/notebooks/${id}/sharing`, { headers: { origin }, data: { visibility: "link", linkRole: "viewer" } });
  expect(response.status(), await response.text()).toBe(204);
}
