/**
 * Versions: save one by name, change the notebook, compare, and restore it as a new change that a
 * second person in the room sees at once; leaving the room keeps an automatic version.
 */
import { expect, test } from "@playwright/test";
import { ownerOfNewNotebook } from "./support/accounts";
import { cellIds, cellText, codeEditor, joinNotebook } from "./support/notebook-page";

test("save a version, change more, compare, restore it for the whole room", async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, url } = await ownerOfNewNotebook(browser, "Ada");
  const [cell] = await cellIds(page);
  await codeEditor(page, cell!).click();
  await page.keyboard.insertText("answer = 41");

  await page.getByRole("button", { name: "Save version" }).click();
  await page.getByLabel("Version name").fill("Before the fix");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved “Before the fix”" })).toBeVisible();

  // A guest pairs in; Ada changes the code.
  const guest = await joinNotebook(browser, url, "Grace");
  await codeEditor(page, cell!).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText("answer = 42");
  await expect.poll(() => cellText(guest, cell!)).toBe("answer = 42");

  await page.getByRole("link", { name: "History" }).click();
  await page.getByRole("link", { name: "Before the fix" }).click();
  await expect(page.getByRole("heading", { name: "Before the fix" })).toBeVisible();
  const change = page.getByTestId("version-diff").locator('[data-status="changed"]');
  await expect(change.locator(".diff-then .diff-text")).toHaveText("answer = 41");
  await expect(change.locator(".diff-now .diff-text")).toHaveText("answer = 42");

  await page.getByRole("button", { name: "Restore this version" }).click();
  await expect(page).toHaveURL(url);
  // The restore is a change like any other: the guest, still in the room, sees it at once.
  const [restored] = await cellIds(guest);
  await expect.poll(() => cellText(guest, restored!)).toBe("answer = 41");
  await expect.poll(() => cellText(page, restored!)).toBe("answer = 41");
  await guest.context().close();

  // One more change, then everyone leaves: the room goes idle and keeps an automatic version
  // (none when it matches the latest version, as right after the restore).
  await codeEditor(page, restored!).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText("\nprint(answer)");
  await expect.poll(() => cellText(page, restored!)).toBe("answer = 41\nprint(answer)");
  await page.goto("/");
  await expect(async () => {
    await page.goto(`${url}/history`);
    await expect(page.getByTestId("version").filter({ hasText: "Automatic version" })).not.toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("version").filter({ hasText: "Before the fix" })).toContainText("saved by Ada");
  await page.context().close();
});
