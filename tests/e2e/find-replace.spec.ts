/**
 * Find and replace across a notebook, and its table of contents (issue 15), for two people in
 * real Chromium: Ada finds across three cells (a markdown cell's source too), replaces them all in
 * one step, and Grace's page shows the new text; one undo brings every cell back. The contents
 * list the markdown headings, nested, follow Grace's typing, and a heading jumps to its cell.
 */
import { expect, test, type Page } from "@playwright/test";
import { E2E_URL } from "./support/env";
import { addCell, cellIds, cellText, codeEditor, createNotebook, joinNotebook, notebookCell } from "./support/notebook-page";

// Two people, each page starting its Python, on a loaded two-core machine (as conflicts.spec.ts).
test.setTimeout(180_000);

const findBar = (page: Page) => page.getByRole("search", { name: "Find in notebook" });

test("find and replace across cells reaches my partner, and one undo restores them all; contents jump to headings", async ({ browser }) => {
  const slug = await createNotebook(E2E_URL, { title: "Find and replace" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  const grace = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Grace");
  const [code] = await cellIds(ada);

  // Three cells: code, markdown (rendered), code.
  await codeEditor(ada, code!).click();
  await ada.keyboard.insertText("total = 1\nprint(total)");
  const markdown = await addCell(ada);
  await ada.keyboard.press("m");
  await ada.keyboard.press("Enter");
  await ada.keyboard.insertText("# Totals\n\nThe total is kept.\n\n## Grand total");
  await ada.keyboard.press("Shift+Enter"); // renders it and adds a code cell, being edited
  await ada.keyboard.insertText("total += total");
  const last = (await cellIds(ada))[2]!;
  await expect.poll(() => cellText(grace, last)).toBe("total += total");

  await test.step("Ctrl-F in a cell's editor opens the notebook's find with the selected word", async () => {
    // Select the word "total" in print(total), as a person would with the keyboard.
    await codeEditor(ada, code!).click();
    await ada.keyboard.press("Control+End");
    await ada.keyboard.press("ArrowLeft");
    await ada.keyboard.press("Control+Shift+ArrowLeft");
    await ada.keyboard.press("Control+f");
    const bar = findBar(ada);
    await expect(bar.getByLabel("Find", { exact: true })).toBeFocused();
    await expect(bar.getByLabel("Find", { exact: true })).toHaveValue("total");
    await expect(ada.locator(".cm-panels")).toHaveCount(0); // not CodeMirror's own panel
    // Seven matches: two in each code cell, three in the markdown cell's source; the selected word is the current one.
    await expect(bar.getByTestId("find-status")).toHaveText("2 of 7");
    await expect(bar.getByTestId("find-status")).toHaveAttribute("aria-live", "polite");
    // Marked everywhere: in the code cells' editors, and in the rendered markdown's words.
    await expect(codeEditor(ada, last).locator(".cm-find-match")).toHaveCount(2);
    await expect.poll(() => ada.evaluate(() => CSS.highlights.get("tandem-find")?.size ?? 0)).toBe(3);
  });

  await test.step("Enter and Shift-Enter go through the matches in every cell; the options narrow them", async () => {
    const status = findBar(ada).getByTestId("find-status");
    await ada.keyboard.press("Enter");
    await expect(status).toHaveText("3 of 7");
    // In the rendered markdown cell: its source is shown, with the match marked.
    await expect(notebookCell(ada, markdown).locator(".cm-find-current")).toHaveText("Total");
    await ada.keyboard.press("Shift+Enter");
    await ada.keyboard.press("Shift+Enter");
    await expect(status).toHaveText("1 of 7");
    await expect(notebookCell(ada, code!).locator(".cm-find-current")).toHaveText("total");
    await ada.keyboard.press("F3");
    await expect(status).toHaveText("2 of 7");
    const bar = findBar(ada);
    await bar.getByRole("button", { name: "Match whole word" }).click();
    await expect(status).toHaveText(/ of 6$/); // not "Totals"
    await bar.getByRole("button", { name: "Match whole word" }).click();
    await bar.getByRole("button", { name: "Use regular expression" }).click();
    await bar.getByLabel("Find", { exact: true }).fill("^total");
    await expect(status).toHaveText(/ of 2$/); // at the start of a line: one in each code cell
    await bar.getByLabel("Find", { exact: true }).fill("(");
    await expect(status).toHaveText("Invalid regular expression");
    await bar.getByRole("button", { name: "Use regular expression" }).click();
    await bar.getByLabel("Find", { exact: true }).fill("total");
    await expect(status).toHaveText(/ of 7$/);
  });

  await test.step("Replace all: one command across the three cells, seen by my partner", async () => {
    await ada.keyboard.press("Control+h");
    const bar = findBar(ada);
    await bar.getByLabel("Replace with").fill("amount");
    await bar.getByRole("button", { name: "Replace all" }).click();
    await expect(bar.getByTestId("find-status")).toHaveText("No results");
    await expect.poll(() => cellText(grace, code!)).toBe("amount = 1\nprint(amount)");
    await expect.poll(() => cellText(grace, last)).toBe("amount += amount");
    await expect(notebookCell(grace, markdown).locator(".cell-rendered")).toContainText("The amount is kept.");
    await expect(notebookCell(grace, markdown).getByRole("heading", { level: 1 })).toHaveText("amounts");
  });

  await test.step("Escape closes the bar; one undo restores every cell, for both", async () => {
    await ada.keyboard.press("Escape");
    await expect(findBar(ada)).toHaveCount(0);
    await ada.keyboard.press("Control+z");
    await expect.poll(() => cellText(ada, code!)).toBe("total = 1\nprint(total)");
    await expect.poll(() => cellText(grace, code!)).toBe("total = 1\nprint(total)");
    await expect.poll(() => cellText(grace, last)).toBe("total += total");
    await expect(notebookCell(grace, markdown).getByRole("heading", { level: 1 })).toHaveText("Totals");
  });

  await test.step("The contents list the headings, nested, follow a partner's edits, and jump", async () => {
    await ada.keyboard.press("Escape");
    await ada.getByRole("button", { name: "Contents", exact: true }).click();
    const toc = ada.getByRole("navigation", { name: "Table of contents" });
    await expect(toc.locator(".toc-link")).toHaveText(["Totals", "Grand total"]);
    await expect(toc.locator("ul ul").getByRole("button", { name: "Grand total" })).toBeVisible();

    await notebookCell(grace, markdown).locator(".cell-rendered").dblclick();
    await grace.keyboard.press("Control+End");
    await grace.keyboard.insertText("\n\n### Running total");
    await expect(toc.locator("ul ul ul").getByRole("button", { name: "Running total" })).toBeVisible();

    await notebookCell(ada, last).click();
    await toc.getByRole("button", { name: "Grand total" }).click();
    await expect(notebookCell(ada, markdown)).toHaveAttribute("aria-current", "true");
    await expect(notebookCell(ada, markdown)).toBeInViewport();
  });

  await ada.context().close();
  await grace.context().close();
});
