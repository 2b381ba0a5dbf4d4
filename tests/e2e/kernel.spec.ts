/**
 * Python in the browser, end to end: each person's Pyodide worker runs cells and writes the results
 * into the shared notebook, so the room sees them with who ran them. Stop interrupts for real
 * (the pages are cross-origin isolated), restart forgets, input() asks, and untrusted HTML stays in
 * its sandbox.
 */
import { createHash } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { SNAPSHOT_CACHE } from "../../lib/kernel/snapshot-cache";
import { E2E_URL } from "./support/env";
import { addCell, cellIds, codeEditor, createNotebook, joinNotebook, notebookCell, pythonReady, runCell } from "./support/notebook-page";

/** Python can take several seconds to start on a cold page. */
/** How many start-up snapshots the page's origin has stored (snapshot-cache.ts). */
const storedSnapshots = (page: Page) =>
  page.evaluate(async (name) => (await (await caches.open(name)).keys()).length, SNAPSHOT_CACHE);

const outputs = (page: Page, id: string) => notebookCell(page, id).getByTestId("cell-outputs");

/** Restart asks first (restart-dialog.tsx): the plain restart. */
async function restartPython(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Restart Python" }).click();
  await page.getByRole("dialog", { name: "Restart Python?" }).getByRole("button", { name: "Restart", exact: true }).click();
}

test("one person runs a cell; the other sees its output live, with who ran it", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = await createNotebook(E2E_URL, { title: "Run together" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  const grace = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Grace");
  await pythonReady(ada);
  const [id] = await cellIds(ada);

  await runCell(ada, id!, 'import sys\nprint("hello from", sys.platform)\n6 * 7');
  for (const page of [ada, grace]) {
    await expect(outputs(page, id!)).toContainText("hello from emscripten");
    await expect(outputs(page, id!)).toContainText("42");
    await expect(notebookCell(page, id!).getByTestId("run-by")).toContainText("Ada ran this as [1]");
    await expect(notebookCell(page, id!).getByTestId("run-by")).toContainText("Python 3.14");
  }
  await expect(notebookCell(ada, id!).getByTestId("cell-prompt")).toHaveText("[1]:");
  // Ada's Python has run it; Grace's has not.
  await expect(notebookCell(ada, id!).getByTestId("run-here")).toHaveText("run in your Python");
  await expect(notebookCell(grace, id!).getByTestId("run-here")).toHaveText("not run in your Python");

  // Grace changes the code: the output is stale for both of them.
  await codeEditor(grace, id!).click();
  await grace.keyboard.press("Control+End");
  await grace.keyboard.type("\n# changed");
  await expect(notebookCell(ada, id!).getByTestId("run-stale")).toBeVisible();
  await expect(notebookCell(grace, id!).getByTestId("run-stale")).toBeVisible();

  await ada.context().close();
  await grace.context().close();
});

test("a first visit starts Python from the app's prebuilt snapshot, in the visitor's own time zone and language", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = await createNotebook(E2E_URL, { title: "Prebuilt" });
  // The snapshot was made at build time, in Node, in UTC, with LANG=C.UTF-8.
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada", { timezoneId: "America/New_York", locale: "de-DE" });
  await pythonReady(ada);
  await expect(ada.getByTestId("kernel-status")).toHaveAttribute("data-start", "prebuilt");
  const [id] = await cellIds(ada);
  await runCell(
    ada,
    id!,
    "import os, sys, time, locale, random\nprint(time.timezone, time.tzname[0], os.environ['LANG'], locale.getlocale()[0], sys.path.count(''))",
  );
  await expect(outputs(ada, id!)).toContainText("18000 UTC-0500 de_DE.UTF-8 de_DE 1");
  // Kept as this browser's own copy, so the next start needs no download.
  await expect.poll(() => storedSnapshots(ada), { timeout: 30_000 }).toBe(1);
  await restartPython(ada);
  await pythonReady(ada);
  await expect(ada.getByTestId("kernel-status")).toHaveAttribute("data-start", "restored");
  await ada.context().close();
});

test("Stop interrupts an endless loop; restart forgets every variable and starts from the snapshot", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = await createNotebook(E2E_URL, { title: "Stop" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  await pythonReady(ada);
  expect(await ada.evaluate(() => crossOriginIsolated)).toBe(true);
  const [id] = await cellIds(ada);

  await runCell(ada, id!, "x = 5\nwhile True:\n    pass");
  await expect(notebookCell(ada, id!).getByTestId("cell-prompt")).toHaveText("[*]:");
  await ada.getByRole("button", { name: "Stop" }).click();
  await expect(outputs(ada, id!)).toContainText("KeyboardInterrupt");
  await expect(notebookCell(ada, id!).getByTestId("run-by")).toContainText("stopped");

  // The kernel survived the interrupt, with its state.
  await runCell(ada, id!, "x + 1");
  await expect(outputs(ada, id!)).toHaveText(/^\s*6\s*$/);

  // The first start stores a snapshot of Python's start-up in the background (a restart before it
  // is stored starts fresh again); the restart comes back from it, with nothing of the session
  // before (the snapshot predates every run), and Stop still works.
  await expect.poll(() => storedSnapshots(ada), { timeout: 30_000 }).toBe(1);
  await restartPython(ada);
  await pythonReady(ada);
  await expect(ada.getByTestId("kernel-status")).toHaveAttribute("data-start", "restored");
  await runCell(ada, id!, "x");
  await expect(outputs(ada, id!)).toContainText("NameError");
  await expect(notebookCell(ada, id!).getByTestId("cell-prompt")).toHaveText("[1]:");
  await runCell(ada, id!, "while True:\n    pass");
  await expect(notebookCell(ada, id!).getByTestId("cell-prompt")).toHaveText("[*]:");
  await ada.getByRole("button", { name: "Stop" }).click();
  await expect(outputs(ada, id!)).toContainText("KeyboardInterrupt");
  await ada.context().close();
});

test("input() asks its author; the room sees who it waits for, and the prompt and answer stay in the output", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = await createNotebook(E2E_URL, { title: "Input" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  const grace = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Grace");
  await pythonReady(ada);
  const [id] = await cellIds(ada);
  await runCell(ada, id!, 'name = input("Your name? ")\nprint("Hello,", name)');
  const field = notebookCell(ada, id!).getByTestId("input-prompt");
  await expect(field.getByRole("textbox", { name: "Answer to “Your name?”" })).toBeVisible();
  // The question is in the output for both; Grace is told whose answer the run waits for.
  for (const page of [ada, grace]) await expect(outputs(page, id!)).toContainText("Your name?");
  await expect(notebookCell(grace, id!).getByTestId("input-waiting")).toHaveText("Waiting for Ada's input…");
  await expect(notebookCell(grace, id!).getByTestId("input-prompt")).toHaveCount(0);
  await expect(notebookCell(ada, id!).getByTestId("input-waiting")).toHaveCount(0);

  await field.getByRole("textbox").fill("Ada Lovelace");
  await field.getByRole("textbox").press("Enter");
  for (const page of [ada, grace]) {
    await expect(outputs(page, id!)).toHaveText(/^\s*Your name\? Ada Lovelace\s+Hello, Ada Lovelace\s*$/);
  }
  await expect(field).toHaveCount(0);
  await expect(notebookCell(grace, id!).getByTestId("input-waiting")).toHaveCount(0);
  await ada.context().close();
  await grace.context().close();
});

test("an input() answer kept private: Python gets it, the room sees a placeholder, and a catch up asks the partner", async ({ browser }) => {
  test.setTimeout(240_000); // two Pythons start, and a catch up runs
  const slug = await createNotebook(E2E_URL, { title: "Private input" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  const grace = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Grace");
  await pythonReady(ada);
  const [id] = await cellIds(ada);
  await runCell(ada, id!, 'name = input("Your name? ")\nprint("Got", len(name), "characters")');
  const field = notebookCell(ada, id!).getByTestId("input-prompt");
  const answer = field.getByRole("textbox", { name: "Answer to “Your name?”" });
  const keepPrivate = field.getByRole("checkbox", { name: "Keep private" });
  await expect(answer).toBeFocused();
  await expect(field.getByTestId("input-prompt-note")).toHaveText("everyone here sees the answer");

  // By keyboard: type, Tab to "Keep private", Space, back, Enter.
  await ada.keyboard.type("Ada Lovelace");
  await ada.keyboard.press("Tab");
  await expect(keepPrivate).toBeFocused();
  await ada.keyboard.press("Space");
  await expect(keepPrivate).toBeChecked();
  await expect(field.getByTestId("input-prompt-note")).toHaveText("only your Python gets the answer; the room sees •••• (private)");
  await ada.keyboard.press("Shift+Tab");
  await ada.keyboard.press("Enter");
  for (const page of [ada, grace]) await expect(outputs(page, id!)).toHaveText(/^\s*Your name\? •••• \(private\)\s+Got 12 characters\s*$/);
  await expect(field).toHaveCount(0);
  expect(await grace.content()).not.toContain("Ada Lovelace");

  // Ada's Python has the real answer (shown here only as its SHA-256).
  const check = await addCell(ada);
  await runCell(ada, check, "import hashlib\nprint(hashlib.sha256(name.encode()).hexdigest())");
  await expect(outputs(grace, check)).toHaveText(createHash("sha256").update("Ada Lovelace").digest("hex"));

  // Grace's catch up cannot give the answer Ada kept: it asks her, for her own Python only.
  await pythonReady(grace);
  await grace.getByRole("button", { name: "Catch up: run here what the room has run" }).click();
  const asked = notebookCell(grace, id!).getByTestId("input-prompt");
  await expect(asked.getByTestId("input-prompt-note")).toHaveText("catching up: Ada's answer was not shared, so give yours; only you see it");
  await expect(asked.getByRole("checkbox")).toHaveCount(0);
  await asked.getByRole("textbox").fill("Grace Hopper");
  await asked.getByRole("textbox").press("Enter");
  await expect(grace.getByTestId("catch-up-status")).toHaveAttribute("data-finished", "true", { timeout: 60_000 });
  await expect(grace.getByTestId("catch-up-stopped")).toHaveCount(0);
  // The replay wrote nothing: the room's output is still Ada's, and Grace's page never had the answer.
  await expect(outputs(ada, id!)).toHaveText(/^\s*Your name\? •••• \(private\)\s+Got 12 characters\s*$/);
  expect(await grace.content()).not.toContain("Ada Lovelace");
  expect(await grace.evaluate(() => document.body.innerText)).not.toContain("Ada Lovelace");
  await ada.context().close();
  await grace.context().close();
});

test("an HTML output's script runs in its sandbox and cannot touch the page", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = await createNotebook(E2E_URL, { title: "Sandbox" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  await pythonReady(ada);
  const [id] = await cellIds(ada);
  const attack = [
    "class Evil:",
    "    def _repr_html_(self):",
    "        return ('<b id=\"hello\">bold words</b>'",
    "                '<script>'",
    "                'document.getElementById(\"hello\").dataset.ran = \"yes\";'",
    "                'try { parent.document.body.dataset.pwned = \"yes\"; document.body.dataset.reach = \"page\"; }'",
    "                'catch (e) { document.body.dataset.reach = \"blocked\"; }'",
    "                'try { document.body.dataset.cookie = document.cookie; } catch (e) { document.body.dataset.cookie = \"blocked\"; }'",
    "                '</script>'",
    "                '<img src=x onerror=\"parent.document.title = \\'pwned\\'\">')",
    "Evil()",
  ].join("\n");
  await runCell(ada, id!, attack);
  const frame = notebookCell(ada, id!).locator("iframe.output-frame");
  await expect(frame).toHaveAttribute("sandbox", "allow-scripts");
  const inside = frame.contentFrame();
  await expect(inside.locator("#hello")).toHaveText("bold words");
  // Its script ran, in an opaque origin: the page, its cookies and storage are out of reach.
  await expect(inside.locator("#hello")).toHaveAttribute("data-ran", "yes");
  await expect(inside.locator("body")).toHaveAttribute("data-reach", "blocked");
  await expect(inside.locator("body")).toHaveAttribute("data-cookie", "blocked");
  expect(await ada.evaluate(() => document.body.dataset.pwned)).toBeUndefined();
  expect(await ada.title()).not.toBe("pwned");
  // The frame fits its content.
  await expect.poll(async () => (await frame.boundingBox())?.height ?? 0).toBeLessThan(100);
  await ada.context().close();
});

test("run all on a copy of the Python Internals lesson: every cell runs or shows its explained reference", async ({ page }) => {
  test.setTimeout(240_000);
  const slug = await createNotebook(E2E_URL, { from: "python-internals" });
  await page.goto(`${E2E_URL}/n/${slug}`);
  await page.getByRole("button", { name: /^Not now/ }).click();
  await pythonReady(page);
  await page.getByRole("button", { name: "Run all", exact: true }).click();
  await expect(page.getByTestId("notebook-cells")).toHaveAttribute("data-rendered", "all");
  const code = page.locator('[data-testid="cell"][data-cell-type="code"]');
  const total = await code.count();
  expect(total).toBeGreaterThan(10);
  // Every code cell ends ok, or in error with the lesson's explanation beside it.
  await expect(page.locator('[data-testid="cell"][data-cell-type="code"][data-run-state="ok"], [data-testid="cell"][data-cell-type="code"][data-run-state="error"]')).toHaveCount(total, { timeout: 180_000 });
  const failed = page.locator('[data-testid="cell"][data-cell-type="code"][data-run-state="error"]:not(.cell-check)');
  for (let i = 0; i < (await failed.count()); i++) {
    const cell = failed.nth(i);
    await expect(cell.locator(".reference")).toBeVisible();
    await expect(cell.locator(".reference")).toContainText(/expected in the lesson/i);
  }
  // The exercises' checks fail on the untouched starters (each says what is still missing) and do not stop the run.
  const checks = page.locator('[data-testid="cell"].cell-check');
  expect(await checks.count()).toBeGreaterThan(0);
  for (let i = 0; i < (await checks.count()); i++) {
    await expect(checks.nth(i)).toHaveAttribute("data-run-state", "error");
    await expect(checks.nth(i).getByTestId("cell-outputs")).toContainText("AssertionError");
  }
  // The thread example fails here, with a friendly explanation under the error.
  await expect(page.getByTestId("error-explanation").first()).toContainText("Threads cannot start in the browser");
});

test("the room sees a run in progress, and a run cut off when its runner leaves", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = await createNotebook(E2E_URL, { title: "Cut off" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  const grace = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Grace");
  await pythonReady(ada);
  const [id] = await cellIds(ada);
  await runCell(ada, id!, 'print("working")\nwhile True:\n    pass');
  await expect(outputs(grace, id!)).toContainText("working");
  await expect(notebookCell(grace, id!).getByTestId("cell-prompt")).toHaveText("[*]:");
  await expect(notebookCell(grace, id!).getByTestId("run-by")).toContainText("Ada is running this");
  await ada.context().close();
  await expect(notebookCell(grace, id!).getByTestId("run-by")).toContainText("the run was cut off", { timeout: 40_000 });
  await expect(notebookCell(grace, id!).getByTestId("cell-prompt")).toHaveText("[ ]:");
  await grace.context().close();
});
