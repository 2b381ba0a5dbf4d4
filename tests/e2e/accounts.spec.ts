/**
 * Accounts in the browser: sign up, and the header and the notebook's presence name the person
 * (no guest name to pick); a guest pairing with them sees that name; sign out and back in, with a
 * plain message for a wrong password.
 */
import { expect, test } from "@playwright/test";
import { joinNotebook } from "./support/notebook-page";

const password = "a long enough password";

test("sign up, work in a notebook under your name, sign out and back in", async ({ browser }) => {
  test.setTimeout(90_000);
  const email = `grace-${Date.now()}@example.com`;
  const context = await browser.newContext();
  const page = await context.newPage();

  await page.goto("/");
  await page.getByRole("link", { name: "Sign up" }).click();
  await page.getByLabel("Your name").fill("Grace Hopper");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("account-menu")).toContainText("Grace Hopper");
  await expect(page).toHaveURL(/\/$/);

  // A new notebook: presence is the account's, so there is no name to pick.
  await page.getByRole("button", { name: "New notebook" }).first().click();
  await expect(page).toHaveURL(/\/n\//);
  await expect(page.getByTestId("connection-status")).toHaveText("Connected");
  await expect(page.getByRole("dialog", { name: "Working together?" })).toHaveCount(0);
  await expect(page.getByTestId("participants")).toContainText("Grace Hopper (you)");

  // A guest with the link pairs in, and sees her by her account's name.
  const guest = await joinNotebook(browser, page.url(), "Alan");
  await expect(guest.getByTestId("participants")).toContainText("Grace Hopper");
  await expect(page.getByTestId("participants")).toContainText("Alan");
  await guest.context().close();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("That email and password do not match an account.");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("account-menu")).toContainText("Grace Hopper");
  // Back where the sign-in started.
  await expect(page).toHaveURL(/\/n\//);
  await context.close();
});

test("the session cookie is HttpOnly, SameSite=Lax and Secure", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Ada");
  await page.getByLabel("Email").fill(`ada-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("account-menu")).toContainText("Ada");
  const session = (await page.context().cookies()).find((c) => c.name.includes("session_token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: true });
  expect(await page.evaluate(() => document.cookie)).not.toContain("session_token");
});
