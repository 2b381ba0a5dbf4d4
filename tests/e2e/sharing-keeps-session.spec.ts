/**
 * Changing who may open a notebook never resets the owner's page under their feet: their Python
 * keeps its variables, their undo history stays, and the page does not reload.
 */
import { expect, test } from "@playwright/test";
import { ownerOfNewNotebook } from "./support/accounts";
import { cellIds, pythonReady, replaceCode, runCell } from "./support/notebook-page";

test("a sharing change keeps the owner's Python, undo history and page", async ({ browser }) => {
  test.setTimeout(120_000);
  const { page } = await ownerOfNewNotebook(browser, "Ada");
  await pythonReady(page);
  const [id] = await cellIds(page);
  await runCell(page, id!, "kept = 41 + 1");
  await expect(page.getByTestId("kernel-status")).toHaveAttribute("data-phase", "idle");
  await replaceCode(page, id!, "print(kept)");
  const undo = page.getByRole("button", { name: "Undo" });
  await expect(undo).toBeEnabled();
  // A mark that a reload would wipe.
  await page.evaluate(() => ((window as unknown as { unreloaded: boolean }).unreloaded = true));

  await page.getByRole("button", { name: "Share", exact: true }).click();
  for (const label of ["Public: anyone can view", "Anyone with the link can view", "Anyone with the link can edit (guests too)"]) {
    await page.getByLabel("General access").selectOption({ label });
    await expect(page.getByTestId("audience")).toHaveText(new RegExp(label.split(":")[0]!.split(" (")[0]!));
  }
  await page.getByRole("button", { name: "Done" }).click();
  await page.waitForTimeout(1_500); // a reconnect or restart, if one were coming, would have begun

  expect(await page.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded)).toBe(true);
  await expect(undo).toBeEnabled();
  await page.locator(`[data-cell-id="${id}"] .cm-content`).click();
  await page.keyboard.press("Control+Enter");
  await expect(page.locator(`[data-cell-id="${id}"]`).getByTestId("cell-outputs")).toContainText("42");
  await page.context().close();
});
