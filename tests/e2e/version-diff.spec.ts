/**
 * A version's diff, as nbdime shows one: after a version is saved, one line of a cell changes and
 * another cell is deleted; the version's page marks the changed line (its changed word too) under
 * "Then" and "Now" and the deleted cell; "Restore this cell" brings the deleted cell back where it
 * was, and a second person on the notebook sees it return live.
 */
import { expect, test } from "@playwright/test";
import { ownerOfNewNotebook } from "./support/accounts";
import { addCell, cellIds, cellText, codeEditor, joinNotebook, notebookCell } from "./support/notebook-page";

/** A line longer than a phone is wide: it wraps in its box rather than widening the page. */
const LONG = "print('done, and this line goes on and on, well past the width of any phone screen, so it has to wrap')";

test("the diff highlights a changed line under Then / Now, marks a deleted cell, and restores it for the room", async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, url } = await ownerOfNewNotebook(browser, "Ada");
  const [kept] = await cellIds(page);
  await codeEditor(page, kept!).click();
  await page.keyboard.insertText(`total = 1 + 2\nprint('then', total)\n${LONG}`);
  const gone = await addCell(page);
  await codeEditor(page, gone).click();
  await page.keyboard.insertText("helper = 'bring me back'");
  await expect.poll(() => cellText(page, gone)).toBe("helper = 'bring me back'");

  await page.getByRole("button", { name: "Save version" }).click();
  await page.getByLabel("Version name").fill("Before the edit");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved “Before the edit”" })).toBeVisible();

  // A guest pairs in, and stays on the notebook throughout.
  const guest = await joinNotebook(browser, url, "Grace");
  await expect.poll(async () => (await cellIds(guest)).length).toBe(2);

  // One line of the first cell changes; the second cell goes.
  await codeEditor(page, kept!).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(`total = 1 + 2\nprint('now', total)\n${LONG}`);
  await notebookCell(page, gone).getByRole("button", { name: "Delete cell" }).click();
  await expect.poll(async () => cellIds(guest)).toEqual([kept]);

  await page.getByRole("link", { name: "History" }).click();
  await page.getByRole("link", { name: "Before the edit" }).click();
  const diff = page.getByTestId("version-diff");
  await expect(diff.locator(".diff-legend")).toContainText("Then “Before the edit”");
  await expect(diff.locator(".diff-legend")).toContainText("Now the notebook as it is");

  const changed = diff.locator(`[data-status="changed"][data-cell-id="${kept}"]`);
  await expect(changed.locator(".diff-head")).toHaveText("ThenNow");
  // Only the second line is marked, and within it only the word that changed.
  const changedRows = changed.locator('.diff-row[data-kind="changed"]');
  await expect(changedRows).toHaveCount(1);
  await expect(changedRows.locator(".diff-then .diff-text")).toHaveText("print('then', total)");
  await expect(changedRows.locator(".diff-now .diff-text")).toHaveText("print('now', total)");
  await expect(changedRows.locator("del")).toHaveText("then");
  await expect(changedRows.locator("ins")).toHaveText("now");
  await expect(changed.locator('.diff-row[data-kind="same"]')).toHaveCount(2);

  const deleted = diff.locator(`[data-status="deleted"][data-cell-id="${gone}"]`);
  await expect(deleted.locator(".diff-badge")).toHaveText("Deleted");
  await expect(deleted.locator(".diff-then .diff-text")).toHaveText("helper = 'bring me back'");

  await deleted.getByRole("button", { name: "Restore this cell" }).click();
  await expect(deleted.getByRole("status")).toHaveText("Restored: the cell is back in the notebook.");
  // The guest, still on the notebook, sees it come back in its old place, after the first cell.
  await expect.poll(async () => cellIds(guest)).toEqual([kept, gone]);
  await expect.poll(() => cellText(guest, gone)).toBe("helper = 'bring me back'");

  // Compared again, only the changed line is left.
  await deleted.getByRole("button", { name: "Compare again" }).click();
  await expect(diff.locator('[data-status="deleted"]')).toHaveCount(0);
  await expect(diff.getByTestId("diff-summary")).toHaveText("1 changed · 1 unchanged");

  // On a phone the columns stack and long lines wrap: the page never scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(changed.locator(".diff-head")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await guest.context().close();
  await page.context().close();
});
