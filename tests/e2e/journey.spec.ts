/**
 * The learner's path through issue 5 in one go: sign up, fork the lesson, edit and run a cell,
 * save a version, change more, and restore the version.
 */
import { expect, test } from "@playwright/test";
import { signUp } from "./support/accounts";
import { cellIds, cellText, codeEditor, notebookCell } from "./support/notebook-page";

test("sign up, fork the lesson, edit, run, save a version, change more, restore it", async ({ page }) => {
  test.setTimeout(150_000);
  await signUp(page, "Ada Lovelace");
  await page.goto("/");
  await page.getByTestId("lesson-list").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/n\//);
  await page.getByRole("button", { name: "Copy to edit together" }).click();
  await expect(page.getByTestId("notebook-provenance")).toContainText("forked from");
  await expect(page.getByTestId("connection-status")).toHaveText("Connected");

  // Edit the first code cell and run it in this browser's Python.
  const code = page.locator('[data-testid="cell"][data-cell-type="code"]').first();
  const id = (await code.getAttribute("data-cell-id"))!;
  // Below the lesson's introduction: its editor mounts once it is near the screen.
  await code.scrollIntoViewIfNeeded();
  await codeEditor(page, id).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText("greeting = 'hello'\ngreeting.upper()");
  await page.keyboard.press("Control+Enter");
  await expect(notebookCell(page, id).getByTestId("cell-outputs")).toContainText("'HELLO'", { timeout: 60_000 });

  await page.getByRole("button", { name: "Save version" }).click();
  await page.getByLabel("Version name").fill("It says hello");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

  await codeEditor(page, id).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText("greeting = 'goodbye'");
  await expect.poll(() => cellText(page, id)).toBe("greeting = 'goodbye'");
  const cellsBefore = (await cellIds(page)).length;

  await page.getByRole("link", { name: "History" }).click();
  await page.getByRole("link", { name: "It says hello" }).click();
  await page.getByRole("button", { name: "Restore this version" }).click();
  await expect(page.getByTestId("connection-status")).toHaveText("Connected");
  await notebookCell(page, id).scrollIntoViewIfNeeded();
  await expect.poll(() => cellText(page, id)).toBe("greeting = 'hello'\ngreeting.upper()");
  await expect(notebookCell(page, id).getByTestId("cell-outputs")).toContainText("'HELLO'");
  expect((await cellIds(page)).length).toBe(cellsBefore);
});
