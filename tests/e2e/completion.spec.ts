/**
 * Code intelligence from the person's own kernel, in real Chromium: completion of what Python
 * knows (after a dot by itself, Tab, Ctrl-Space), Shift-Tab's docs, closing brackets; and that a
 * completion is an edit like typing: the partner sees it, and the completer's undo takes it back
 * without touching the partner's typing.
 */
import { expect, test, type Page } from "@playwright/test";
import { E2E_URL } from "./support/env";
import { cellIds, cellText, codeEditor, createNotebook, joinNotebook, notebookCell, pythonReady } from "./support/notebook-page";

async function runCode(page: Page, id: string, code: string, expected: string): Promise<void> {
  await codeEditor(page, id).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
  await page.keyboard.press("Control+Enter");
  await expect(notebookCell(page, id).getByTestId("cell-outputs")).toContainText(expected);
}

/** Empties the cell and leaves the caret in it. */
async function clearCell(page: Page, id: string): Promise<void> {
  await codeEditor(page, id).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Delete");
}

/**
 * CodeMirror ignores Enter and Tab for 75 ms after a list opens (its interactionDelay: a list that
 * pops up as one types must not take the Enter meant for a new line). A person never meets it; a
 * test that presses at once would, so it lets that time pass first.
 */
const pastGuard = (page: Page) => page.waitForTimeout(100);

const list = (page: Page) => page.locator(".cm-tooltip-autocomplete");
const option = (page: Page, label: string) => list(page).locator("li", { has: page.locator(".cm-completionLabel", { hasText: new RegExp(`^${label}$`) }) });

test("after import math, math.sq offers sqrt; Enter takes it, the partner sees it, and the completer's undo removes it", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = await createNotebook(E2E_URL, { title: "Completion together" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  const grace = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Grace");
  await pythonReady(ada);
  const [id] = await cellIds(ada);
  await runCode(ada, id!, "import math\nmath.pi", "3.14159");

  await codeEditor(ada, id!).click();
  await ada.keyboard.press("Control+End");
  await ada.keyboard.type("\nx = math.sq");
  // By itself after the dot: the list holds math's attributes.
  await expect(option(ada, "sqrt")).toBeInViewport();
  await pastGuard(ada);
  await ada.keyboard.press("Enter");
  await expect(list(ada)).toBeHidden();
  await expect.poll(() => cellText(ada, id!)).toBe("import math\nmath.pi\nx = math.sqrt");
  await expect.poll(() => cellText(grace, id!)).toBe("import math\nmath.pi\nx = math.sqrt");

  // Grace types at the top while Ada undoes: Ada's undo takes back her completed line only.
  await codeEditor(grace, id!).click();
  await grace.keyboard.press("Control+Home");
  await grace.keyboard.type("# Grace\n");
  await expect.poll(() => cellText(ada, id!)).toBe("# Grace\nimport math\nmath.pi\nx = math.sqrt");
  await codeEditor(ada, id!).click();
  await ada.keyboard.press("Control+z");
  for (const page of [ada, grace]) {
    await expect.poll(() => cellText(page, id!)).not.toContain("sqrt");
    await expect.poll(() => cellText(page, id!)).toContain("# Grace\nimport math\nmath.pi");
  }

  await ada.context().close();
  await grace.context().close();
});

test("Tab completes after a name and indents at a line's start; Ctrl-Space lists my names; Escape leaves the list, not the editor", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = await createNotebook(E2E_URL, { title: "Completion keys" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  await pythonReady(ada);
  const [id] = await cellIds(ada);
  await runCode(ada, id!, "import math\nmy_variable = 41\nmy_variable + 1", "42");

  await clearCell(ada, id!);
  await ada.keyboard.type("math.fac");
  await expect(option(ada, "factorial")).toBeVisible();
  await ada.keyboard.press("Escape"); // closes the list that opened by itself after the dot
  await expect(list(ada)).toBeHidden();
  await expect(notebookCell(ada, id!)).toHaveClass(/is-editing/);
  await ada.keyboard.press("Tab");
  await expect(option(ada, "factorial")).toBeVisible();
  await pastGuard(ada);
  await ada.keyboard.press("Tab");
  await expect.poll(() => cellText(ada, id!)).toBe("math.factorial");

  await clearCell(ada, id!);
  await ada.keyboard.type("my_v");
  await ada.keyboard.press("Control+Space");
  await expect(option(ada, "my_variable")).toBeInViewport();
  await expect(list(ada).locator(".cm-completionIcon-variable").first()).toBeVisible();
  await pastGuard(ada);
  await ada.keyboard.press("Enter");
  await expect.poll(() => cellText(ada, id!)).toBe("my_variable");

  // Nothing to complete at the start of a line: Tab indents.
  await clearCell(ada, id!);
  await ada.keyboard.type("if True:\n");
  await ada.keyboard.press("Shift+Tab"); // dedent what the editor indented
  await ada.keyboard.press("Tab");
  await ada.keyboard.type("pass");
  await expect.poll(() => cellText(ada, id!)).toBe("if True:\n    pass");
  await expect(list(ada)).toBeHidden();

  await ada.context().close();
});

test("Shift-Tab on print( shows print's docstring; brackets and quotes close themselves", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = await createNotebook(E2E_URL, { title: "Docs" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  await pythonReady(ada);
  const [id] = await cellIds(ada);

  await clearCell(ada, id!);
  await ada.keyboard.type("print(");
  await expect.poll(() => cellText(ada, id!)).toBe("print()");
  await ada.keyboard.press("Shift+Tab");
  const docs = ada.getByTestId("python-docs");
  await expect(docs).toBeInViewport();
  await expect(docs).toContainText("print(*args, sep=' ', end='\\n', file=None, flush=False)");
  await expect(docs).toContainText("Prints the values to a stream");
  await ada.keyboard.press("Escape");
  await expect(docs).toBeHidden();
  await expect(notebookCell(ada, id!)).toHaveClass(/is-editing/);

  await ada.keyboard.type('"hi');
  await expect.poll(() => cellText(ada, id!)).toBe('print("hi")');
  await ada.keyboard.press("Escape");
  await expect(notebookCell(ada, id!)).not.toHaveClass(/is-editing/);

  await ada.context().close();
});

test("the Shortcuts popover lists the completion and docs keys under edit mode", async ({ browser }) => {
  const slug = await createNotebook(E2E_URL, { title: "Shortcuts" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  // The bar's button (the notebook's title, "Shortcuts" too, is a button that renames it).
  await ada.getByTestId("notebook-bar").getByRole("button", { name: "Shortcuts" }).click();
  const help = ada.getByRole("dialog", { name: "Keyboard shortcuts" });
  const assist = help.getByTestId("assist-shortcuts");
  await expect(help.getByRole("heading", { name: "In a Python cell: completion and docs" })).toBeVisible();
  const rows = await assist.locator(".shortcut").evaluateAll((els) => els.map((el) => (el as HTMLElement).innerText.replace(/\s+/g, " ").trim()));
  expect(rows).toEqual([
    "Tab Complete the name before the cursor (else indent)",
    "Shift+Tab Show the signature and docs of the name at the cursor (else dedent)",
    "Ctrl+Space Show completions",
    "↑ or ↓ In the completion list: choose",
    "Enter or Tab In the completion list: take the chosen one",
    "Esc Close the completion list or the docs (else command mode)",
  ]);
  await ada.context().close();
});

/** How many times this page's editor asked Python for completions (the client's measure). */
const askedPython = (page: Page) => page.evaluate(() => performance.getEntriesByName("tandem:complete").length);

test("a word typed on past what matches asks Python no more; a new dot asks again", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = await createNotebook(E2E_URL, { title: "Completion asks once" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  await pythonReady(ada);
  const [id] = await cellIds(ada);
  await runCode(ada, id!, "import math\nmath.pi", "3.14159");

  await clearCell(ada, id!);
  const before = await askedPython(ada);
  await ada.keyboard.type("math.");
  await expect(option(ada, "sqrt")).toBeVisible();
  expect(await askedPython(ada)).toBe(before + 1);
  // Nothing in math starts with zz: the list closes, and each further key would ask again.
  await ada.keyboard.type("zzq");
  await expect(list(ada)).toBeHidden();
  // `math.zzq.` is a new word: it asks. Python answers in order, so any ask for the keys before
  // it has been answered by then.
  await ada.keyboard.type(".");
  await expect.poll(() => askedPython(ada)).toBeGreaterThanOrEqual(before + 2);
  expect(await askedPython(ada)).toBe(before + 2);

  await ada.context().close();
});

test("while a run waits for input(), Ctrl-Space lists the names Python gave last, and the run goes on", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = await createNotebook(E2E_URL, { title: "Completion while busy" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  await pythonReady(ada);
  const [id] = await cellIds(ada);
  await runCode(ada, id!, "my_variable = 41\nmy_variable + 1", "42");
  await clearCell(ada, id!);
  await ada.keyboard.type("my_v");
  await ada.keyboard.press("Control+Space");
  await expect(option(ada, "my_variable")).toBeVisible();
  await ada.keyboard.press("Escape");

  await clearCell(ada, id!);
  await ada.keyboard.insertText('answer = input("Go? ")');
  await ada.keyboard.press("Control+Enter");
  const field = notebookCell(ada, id!).getByTestId("input-prompt").getByRole("textbox");
  await expect(field).toBeVisible();
  await expect(ada.getByTestId("kernel-status")).toHaveAttribute("data-phase", "busy");

  await codeEditor(ada, id!).click();
  await ada.keyboard.press("Control+End");
  await ada.keyboard.type("\nmy_v");
  await ada.keyboard.press("Control+Space");
  await expect(option(ada, "my_variable")).toBeVisible();
  await ada.keyboard.press("Escape");
  await expect(list(ada)).toBeHidden();

  await field.fill("yes");
  await field.press("Enter");
  await expect(notebookCell(ada, id!).getByTestId("cell-outputs")).toContainText("Go? yes");
  await pythonReady(ada);

  await ada.context().close();
});
