/**
 * The library in the browser: a signed-in person's notebooks, found by what is in them, renamed,
 * moved to the trash (where its link stops working) and restored; recently opened lists it.
 */
import { expect, test } from "@playwright/test";
import { signUp } from "./support/accounts";
import { codeEditor, cellIds } from "./support/notebook-page";

test("find a notebook by its code, rename it, trash it and restore it", async ({ page }) => {
  test.setTimeout(90_000);
  await signUp(page, "Ada Lovelace");
  await page.getByRole("button", { name: "New notebook" }).first().click();
  await expect(page).toHaveURL(/\/n\//);
  const url = page.url();
  await expect(page.getByTestId("connection-status")).toHaveText("Connected");
  const [id] = await cellIds(page);
  await codeEditor(page, id!).click();
  await page.keyboard.insertText("bernoulli_numbers = [1, -1/2, 1/6]");

  // Leaving closes the room, which stores the text the search looks in.
  await page.getByRole("link", { name: "Library" }).click();
  await expect(page.getByRole("heading", { name: "Your library" })).toBeVisible();
  await expect(page.getByTestId("recent-list")).toContainText("Untitled notebook");
  await expect(async () => {
    await page.goto("/library?q=BERNOULLI");
    await expect(page.getByTestId("library-item")).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await page.goto("/library?q=no+such+words");
  await expect(page.getByText("Nothing of yours matches")).toBeVisible();
  await page.goto("/library");

  await page.getByRole("button", { name: "Rename Untitled notebook" }).click();
  await page.getByLabel("New title").fill("Bernoulli numbers");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("my-notebooks")).toContainText("Bernoulli numbers");

  await page.getByRole("button", { name: "Move Bernoulli numbers to the trash" }).click();
  await expect(page.getByTestId("trash-list")).toContainText("Bernoulli numbers");
  await expect(page.getByTestId("my-notebooks")).toHaveCount(0);
  // In the trash, its link is a 404 like any unknown notebook.
  const gone = await page.request.get(url);
  expect(gone.status()).toBe(404);

  await page.getByRole("button", { name: "Restore Bernoulli numbers" }).click();
  await expect(page.getByTestId("my-notebooks")).toContainText("Bernoulli numbers");
  await page.getByRole("link", { name: "Bernoulli numbers" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bernoulli numbers");
  await expect(codeEditor(page, id!)).toContainText("bernoulli_numbers");
});

test("the library asks a guest to sign in", async ({ page }) => {
  await page.goto("/library");
  await expect(page).toHaveURL(/\/sign-in\?next=(%2F|\/)library$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("forking the lesson puts a copy in my library, linked back to the untouched lesson", async ({ page }) => {
  test.setTimeout(90_000);
  await signUp(page, "Grace Hopper");
  await page.goto("/");
  await page.getByTestId("lesson-list").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/n\//);
  const lessonUrl = page.url();
  await expect(page.getByTestId("cell").first()).toBeVisible();
  const lessonCells = await page.getByTestId("cell").count();
  expect(lessonCells).toBeGreaterThan(10);
  await page.getByRole("button", { name: "Copy to edit together" }).click();
  await expect(page).not.toHaveURL(lessonUrl);
  const provenance = page.getByTestId("notebook-provenance");
  await expect(provenance).toContainText("by Grace Hopper");
  await expect(provenance.getByRole("link", { name: "Python Internals" })).toBeVisible();
  await expect(page.getByTestId("cell")).toHaveCount(lessonCells);

  // A fork of the fork, from its own "Fork" button.
  const forkUrl = page.url();
  await page.getByRole("button", { name: "Fork", exact: true }).click();
  await expect(page).not.toHaveURL(forkUrl);
  await expect(page.getByTestId("notebook-provenance").getByRole("link", { name: "Python Internals" })).toBeVisible();

  await page.getByRole("link", { name: "Library" }).click();
  await expect(page.getByTestId("my-notebooks").getByTestId("library-item")).toHaveCount(2);
  await page.goto(lessonUrl);
  await expect(page.getByTestId("cell")).toHaveCount(lessonCells);
  await expect(page.getByRole("button", { name: "Copy to edit together" })).toBeVisible();
});
