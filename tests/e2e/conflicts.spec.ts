/**
 * Conflicts never lose a partner's work (issue 15): two people in one notebook, in real Chromium.
 * - Ada inserts a cell, Grace types in it, Ada undoes: the cell stays with Grace's text, and Ada is
 *   told why.
 * - Grace deletes the cell Ada is typing in: Ada is told who did it, and "Bring it back" restores
 *   the cell with her text, for both of them.
 */
import { expect, test } from "@playwright/test";
import { E2E_URL } from "./support/env";
import { cellIds, cellText, codeEditor, createNotebook, joinNotebook, notebookCell } from "./support/notebook-page";

// Two people's pages, each starting its Python, on two cores.
test.describe.configure({ timeout: 180_000 });

test("undoing my insert keeps the cell my partner typed in, and says so", async ({ browser }) => {
  const slug = await createNotebook(E2E_URL, { title: "Undo with a partner" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  const grace = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Grace");
  const [first] = await cellIds(ada);

  // Ada adds a cell below the first (B in command mode).
  await codeEditor(ada, first!).click();
  await ada.keyboard.press("Escape");
  await ada.keyboard.press("b");
  await expect.poll(async () => (await cellIds(grace)).length).toBe(2);
  const added = (await cellIds(ada))[1]!;

  await codeEditor(grace, added).click();
  await grace.keyboard.insertText("grace_was_here = True");
  await expect.poll(() => cellText(ada, added)).toBe("grace_was_here = True");

  // Ada's undo: her insert. The cell stays, with Grace's text, on both pages.
  await ada.keyboard.press("Escape");
  await ada.keyboard.press("z");
  await expect(ada.getByTestId("notebook-notices")).toContainText("Undo kept cell 2: Grace has typed in it.");
  expect(await cellIds(ada)).toEqual([first, added]);
  await expect.poll(() => cellText(grace, added)).toBe("grace_was_here = True");
  expect(await cellIds(grace)).toEqual([first, added]);

  await ada.context().close();
  await grace.context().close();
});

test("a cell deleted while I type in it: I am told who, and can bring it back with my text", async ({ browser }) => {
  const slug = await createNotebook(E2E_URL, { title: "Delete under my feet" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  const grace = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Grace");
  const [first] = await cellIds(ada);

  await codeEditor(ada, first!).click();
  await ada.keyboard.insertText("my_work = 42");
  await expect.poll(() => cellText(grace, first!)).toBe("my_work = 42");

  // Grace deletes it (D D in command mode) while Ada is still in it.
  await codeEditor(grace, first!).click();
  await grace.keyboard.press("Escape");
  await grace.keyboard.press("d");
  await grace.keyboard.press("d");
  await expect(notebookCell(ada, first!)).toHaveCount(0);

  const notices = ada.getByTestId("notebook-notices");
  await expect(notices).toContainText("Grace deleted the cell you were editing.");
  await notices.getByRole("button", { name: "Bring it back" }).click();
  await expect(notices).not.toContainText("Grace deleted");
  await expect.poll(() => cellText(ada, first!)).toBe("my_work = 42");
  await expect.poll(() => cellText(grace, first!)).toBe("my_work = 42");

  await ada.context().close();
  await grace.context().close();
});
