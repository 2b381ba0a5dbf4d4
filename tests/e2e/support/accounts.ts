/** Signing up in the browser, for end-to-end tests of what accounts can do. */
import { expect, type Page } from "@playwright/test";

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
