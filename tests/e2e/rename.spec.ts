/**
 * Renaming from the notebook page: a guest on a notebook whose link edits clicks the title, and
 * Escape keeps the old one, an empty title is refused with a message, Enter saves; the owner, on
 * the page already, sees the new title at once (heading and tab) without reloading. A copy's title
 * says it is a copy, and can be renamed at once.
 */
import { expect, test } from "@playwright/test";
import { signUp } from "./support/accounts";
import { joinNotebook } from "./support/notebook-page";

test("a guest renames a shared notebook by clicking its title; the owner sees the new title live", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const owner = await context.newPage();
  await signUp(owner, "Ada");
  await owner.getByRole("button", { name: "New notebook" }).first().click();
  await expect(owner).toHaveURL(/\/n\//);
  const url = owner.url();
  await expect(owner.getByRole("heading", { level: 1 })).toHaveText("Untitled notebook");

  const guest = await joinNotebook(browser, url, "Grace");
  // The title itself (Rename beside it does the same from the keyboard).
  const title = guest.getByTitle("Click to rename");
  await title.click();
  const box = guest.getByLabel("Notebook title");
  await expect(box).toBeFocused();
  await box.fill("Never saved");
  await box.press("Escape");
  await expect(box).toHaveCount(0);
  await expect(guest.getByRole("heading", { level: 1 })).toHaveText("Untitled notebook");

  await title.click();
  await box.fill("   ");
  await box.press("Enter");
  await expect(guest.getByRole("alert").filter({ hasText: "A notebook needs a title" })).toBeVisible();
  await box.fill("Pair study: dictionaries");
  await box.press("Enter");
  await expect(guest.getByRole("heading", { level: 1 })).toHaveText("Pair study: dictionaries");
  await expect(guest).toHaveTitle(/Pair study: dictionaries/);

  // The owner, on the page all along, sees it without reloading; and after one too.
  await expect(owner.getByRole("heading", { level: 1 })).toHaveText("Pair study: dictionaries");
  await expect(owner).toHaveTitle(/Pair study: dictionaries/);
  await owner.reload();
  await expect(owner.getByRole("heading", { level: 1 })).toHaveText("Pair study: dictionaries");

  // Forking makes a copy that says so, with Rename at hand.
  await owner.getByRole("button", { name: "Fork" }).click();
  await expect(owner).not.toHaveURL(url);
  await expect(owner.getByRole("heading", { level: 1 })).toHaveText("Pair study: dictionaries (copy)");
  await owner.getByRole("button", { name: "Rename", exact: true }).click();
  await owner.getByLabel("Notebook title").fill("My dictionaries");
  await owner.getByLabel("Notebook title").press("Enter");
  await expect(owner.getByRole("heading", { level: 1 })).toHaveText("My dictionaries");
  await guest.context().close();
  await context.close();
});
