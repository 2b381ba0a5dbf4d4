/**
 * The notebook by keyboard alone, with one tab stop per cell (a roving tabindex,
 * lib/react/use-cell-tab-stops.ts): Tab from the notebook bar reaches the selected cell, then only
 * that cell's own controls (its toolbar is one stop, ← → along it), then leaves the cells; arrow
 * keys and J/K move the focus from cell to cell, visibly; Enter edits, Escape comes back to the
 * cell. axe-core checks the page as the keyboard left it, and that every control's visible words
 * are part of its accessible name.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/accessibility";
import { E2E_URL } from "./support/env";
import { cellIds, cellText, codeEditor, joinNotebook, notebookCell } from "./support/notebook-page";

const lines = (text: string) => text.split(/(?<=\n)/);

/** Five cells, markdown and code, with outputs and a link: each of them a focusable thing. */
async function fiveCells(): Promise<string> {
  const code = (id: string, source: string, output: string | null) => ({
    id,
    cell_type: "code",
    metadata: {},
    execution_count: output === null ? null : 1,
    source: lines(source),
    outputs: output === null ? [] : [{ output_type: "stream", name: "stdout", text: [output] }],
  });
  const markdown = (id: string, source: string) => ({ id, cell_type: "markdown", metadata: {}, source: lines(source) });
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      markdown("c1", "# By keyboard\n\nOne tab stop per cell."),
      code("c2", "x = 1\nprint(x)", "1\n"),
      code("c3", "y = 2", null),
      markdown("c4", "A [link](https://example.org/) in a cell that is not selected."),
      code("c5", "print(x + y)", "3\n"),
    ],
  };
  const response = await fetch(`${E2E_URL}/api/notebooks/import?name=keyboard.ipynb`, {
    method: "POST",
    headers: { "content-type": "application/x-ipynb+json", origin: E2E_URL },
    body: JSON.stringify(notebook),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { slug: string }).slug;
}

interface Stop {
  /** The cell the focus is in (its accessible name), or null outside the cells. */
  cell: string | null;
  /** The focused element: the cell itself, or a control's role and name. */
  what: string;
  inCells: boolean;
}

/** Where the focus is now. */
function focused(page: Page): Promise<Stop> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { cell: null, what: "body", inCells: false };
    const cell = el.closest('[data-testid="cell"]');
    const name = el.getAttribute("aria-label") ?? (el.textContent ?? "").trim().slice(0, 40);
    return {
      cell: cell?.getAttribute("aria-label") ?? null,
      what: el === cell ? "the cell" : `${el.tagName.toLowerCase()} "${name}"`,
      inCells: el.closest('[data-testid="notebook-cells"]') !== null,
    };
  });
}

/** Whether the focused element shows the keyboard's focus ring. */
function focusVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el !== null && el.matches(":focus-visible") && getComputedStyle(el).outlineStyle !== "none";
  });
}

test("one tab stop per cell: Tab through five cells, arrows and J/K between them, Enter edits, Escape returns", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = await fiveCells();
  const page = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  const ids = await cellIds(page);
  expect(ids).toEqual(["c1", "c2", "c3", "c4", "c5"]);
  const cell = (n: number, type: "Code" | "Markdown") => page.getByRole("article", { name: `${type} cell ${n}`, exact: true });

  // From the notebook bar's last control (the guest's own name), Tab goes to the first cell.
  await page.getByTestId("participants").getByRole("button").focus();
  const stops: Stop[] = [];
  for (let press = 0; press < 40; press++) {
    await page.keyboard.press("Tab");
    const stop = await focused(page);
    if (!stop.inCells) break;
    stops.push(stop);
  }
  console.log(`Tab stops from the notebook bar through 5 cells: ${stops.length}\n${stops.map((s) => `  ${s.cell ?? "-"}: ${s.what}`).join("\n")}`);
  expect(stops[0]).toEqual({ cell: "Markdown cell 1", what: "the cell", inCells: true });
  // The first cell, its toolbar (one stop), then the "+ Code" / "+ Text" row after the last cell.
  expect(stops.length).toBeLessThanOrEqual(5);
  expect(stops.filter((s) => s.cell !== null && s.cell !== "Markdown cell 1")).toEqual([]);
  expect(stops.filter((s) => s.cell === null).map((s) => s.what)).toEqual(['button "Code"', 'button "Text"']);

  // Back with Shift-Tab to the cell, which Tab selected.
  for (let press = 0; press < stops.length && (await focused(page)).what !== "the cell"; press++) await page.keyboard.press("Shift+Tab");
  await expect(cell(1, "Markdown")).toBeFocused();
  await expect(cell(1, "Markdown")).toHaveAttribute("aria-current", "true");
  expect(await focusVisible(page)).toBe(true);

  // Arrow keys and J/K move the focus between cells, with the ring on the focused one.
  await page.keyboard.press("ArrowDown");
  await expect(cell(2, "Code")).toBeFocused();
  await expect(cell(2, "Code")).toHaveAttribute("aria-current", "true");
  expect(await focusVisible(page)).toBe(true);
  await page.keyboard.press("j");
  await expect(cell(3, "Code")).toBeFocused();
  await page.keyboard.press("j");
  await expect(cell(4, "Markdown")).toBeFocused();
  await page.keyboard.press("k");
  await page.keyboard.press("ArrowUp");
  await expect(cell(2, "Code")).toBeFocused();
  expect(await focusVisible(page)).toBe(true);
  // Only the focused cell is a tab stop; the others' controls are out of the order.
  await expect(page.locator('[data-testid="cell"][tabindex="0"]')).toHaveCount(1);
  await expect(notebookCell(page, "c4").getByRole("link", { name: "link" })).toHaveAttribute("tabindex", "-1");
  await expect(notebookCell(page, "c3").getByRole("button", { name: "Run cell" })).toHaveAttribute("tabindex", "-1");
  await expect(notebookCell(page, "c2").getByRole("button", { name: "Run cell" })).toHaveAttribute("tabindex", "0");

  // Tab from a cell goes into its own toolbar (one stop), ← → along it, Escape back to the cell.
  await page.keyboard.press("Tab");
  const toolbar = notebookCell(page, "c2").getByRole("toolbar", { name: "Cell actions" });
  await expect(toolbar.getByRole("button", { name: "Run cell" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(toolbar.getByRole("button", { name: "Run all cells above" })).toBeFocused();
  // Past the toolbar (its output is text, nothing to focus): out of the cells, to the row after them.
  await page.keyboard.press("Tab");
  expect(await focused(page)).toEqual({ cell: null, what: 'button "Code"', inCells: true });
  await page.keyboard.press("Shift+Tab");
  await expect(toolbar.getByRole("button", { name: "Run all cells above" })).toBeFocused(); // the toolbar remembers
  await page.keyboard.press("Escape");
  await expect(cell(2, "Code")).toBeFocused();

  // Enter edits the cell; Escape leaves the editor for the cell's own tab stop.
  await page.keyboard.press("Enter");
  await expect(codeEditor(page, "c2")).toBeFocused();
  await expect(page.getByTestId("notebook-cells")).toHaveAttribute("data-mode", "edit");
  await page.keyboard.type("\nprint(x * 2)");
  await page.keyboard.press("Escape");
  await expect(cell(2, "Code")).toBeFocused();
  await expect(page.getByTestId("notebook-cells")).toHaveAttribute("data-mode", "command");
  expect(await focusVisible(page)).toBe(true);
  expect(await cellText(page, "c2")).toBe("x = 1\nprint(x)\nprint(x * 2)");
  // The command keys still act on the focused cell: B inserts below, and the new cell has the focus.
  await page.keyboard.press("b");
  await expect.poll(async () => (await cellIds(page)).length).toBe(6);
  await expect(cell(3, "Code")).toBeFocused();
  await page.keyboard.press("d");
  await page.keyboard.press("d");
  await expect.poll(async () => (await cellIds(page)).length).toBe(5);

  // axe-core on the page as the keyboard left it (light and dark), and no control whose visible
  // words are missing from its accessible name (WCAG 2.5.3; an experimental axe rule, run alone).
  await expectAccessible(page, "notebook page, by keyboard");
  const names = await new AxeBuilder({ page }).withRules(["label-content-name-mismatch"]).analyze();
  expect(names.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`))).toEqual([]);
  await page.context().close();
});
