import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";

type Cell = { id: string; cell_type: string; metadata: { tandem?: { reference?: unknown; exercise?: boolean } } };
const lesson = JSON.parse(readFileSync("notebooks/python-internals.ipynb", "utf8")) as { cells: Cell[] };
const codeCells = lesson.cells.filter((c) => c.cell_type === "code");
const withReference = codeCells.filter((c) => c.metadata.tandem?.reference);

test.beforeEach(async ({ page }) => {
  await page.goto("/n/python-internals");
  await expect(page.getByTestId("notebook-cells")).toBeVisible();
});

test("shows every cell of the lesson in order", async ({ page }) => {
  const ids = await page.getByTestId("cell").evaluateAll((els) => els.map((el) => el.getAttribute("data-cell-id")));
  expect(ids).toEqual(lesson.cells.map((c) => c.id));
});

test("renders markdown as headings, lists and inline code", async ({ page }) => {
  const markdown = page.locator(".cell-markdown");
  await expect(markdown.locator("h2").first()).toBeVisible();
  await expect(markdown.getByRole("heading", { name: /Everything is an object/ })).toBeVisible();
  expect(await markdown.locator("code").count()).toBeGreaterThan(5);
  // Raw markdown syntax must not show through.
  await expect(markdown.first()).not.toContainText("## ");
});

test("renders math with KaTeX and fenced code blocks", async ({ page }) => {
  const markdown = page.locator(".cell-markdown");
  // Inline $O(n)$ and a display formula, typeset (not left as dollar signs).
  await expect(markdown.locator(".katex").first()).toBeVisible();
  expect(await markdown.locator(".katex-display").count()).toBeGreaterThan(0);
  await expect(markdown.filter({ hasText: "$O(n)$" })).toHaveCount(0);
  await expect(markdown.locator("pre code").filter({ hasText: "BINARY_ADD" })).toBeVisible();
});

test("highlights code cells with CodeMirror", async ({ page }) => {
  const editors = page.locator(".cell-code .cm-editor");
  await expect(editors).toHaveCount(codeCells.length);
  const first = editors.first();
  await expect(first).toContainText("import sys");
  // Highlighted tokens are styled spans inside the lines.
  expect(await first.locator(".cm-line span").count()).toBeGreaterThan(3);
  await expect(first.locator(".cm-content")).toHaveAttribute("contenteditable", "false");
});

test("shows the lesson's reference output with the reason it differs", async ({ page }) => {
  expect(withReference.length).toBeGreaterThan(0);
  const threads = page.locator('[data-cell-id="gil-threads"]');
  await expect(threads.getByText("Expected in the lesson")).toBeVisible();
  await expect(threads).toContainText("In your browser this cell raises RuntimeError");
  await expect(page.getByText("Expected in the lesson")).toHaveCount(withReference.length);
});

test("marks exercises", async ({ page }) => {
  const exercises = lesson.cells.filter((c) => c.metadata.tandem?.exercise).length;
  expect(exercises).toBeGreaterThan(0);
  await expect(page.locator(".cell-exercise")).toHaveCount(exercises);
});

test("runs in the reader's own Python: Run all fills in results, the code stays as shipped", async ({ page }) => {
  test.setTimeout(120_000);
  const cells = page.getByTestId("cell");
  const first = cells.filter({ has: page.locator(".cm-editor") }).first();
  await expect(page.getByTestId("embed-kernel")).toHaveText("Python loads when you run a cell");
  await page.getByRole("button", { name: "Run all" }).click();
  // Each code cell shows who ran it (you), and the one the lesson expects to fail keeps its explanation.
  await expect(first.getByTestId("run-by")).toContainText("You", { timeout: 90_000 });
  await expect(page.locator('[data-cell-id="gil-threads"]').getByTestId("cell-outputs")).toContainText("RuntimeError", { timeout: 90_000 });
  await expect(page.getByRole("button", { name: "Run all" })).toBeEnabled({ timeout: 90_000 });
  const ran = await page.getByTestId("run-by").filter({ hasText: "You" }).count();
  expect(ran).toBe(codeCells.length);
  await expect(first.locator(".cm-content")).toHaveAttribute("contenteditable", "false");
  // Nothing of it reached the lesson: a fresh visit shows the lesson as shipped.
  await page.reload();
  await expect(page.getByTestId("run-by").filter({ hasText: "You" })).toHaveCount(0);
});
