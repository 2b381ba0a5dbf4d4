/** Helpers for end-to-end tests of the editable notebook page. */
import { expect, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";

/** Creates a notebook through the API (blank, or a copy of `from`) and returns its slug. */
export async function createNotebook(base: string, body: { title?: string; from?: string }): Promise<string> {
  const response = await fetch(`${base}/api/notebooks`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST /api/notebooks: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { slug: string }).slug;
}

/** Opens `url` in a new browser context (a person of their own), picks `name`, waits until synced. */
export async function joinNotebook(browser: Browser, url: string, name: string, options?: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(url);
  const dialog = page.getByRole("dialog", { name: "Working together?" });
  await dialog.getByLabel("Your name").fill(name);
  await dialog.getByRole("button", { name: "Join" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("connection-status")).toHaveText("Connected");
  return page;
}

export function notebookCell(page: Page, id: string) {
  return page.locator(`[data-testid="cell"][data-cell-id="${id}"]`);
}

/** The editable text of a cell's editor. */
export function codeEditor(page: Page, id: string) {
  return notebookCell(page, id).locator(".cm-content");
}

/** The cell ids in page order, once every cell has rendered (a long notebook renders its first cells first). */
export async function cellIds(page: Page): Promise<string[]> {
  await page.locator('[data-testid="notebook-cells"][data-rendered="partial"]').waitFor({ state: "detached" });
  return page.getByTestId("cell").evaluateAll((els) => els.map((el) => el.getAttribute("data-cell-id") ?? ""));
}

/** A cell editor's text as the document has it: lines joined, remote carets and placeholders left out. */
export function cellText(page: Page, id: string): Promise<string> {
  return codeEditor(page, id).evaluate((content) => {
    const lines = [...content.querySelectorAll(".cm-line")].map((line) => {
      const copy = line.cloneNode(true) as HTMLElement;
      copy.querySelectorAll(".cm-ySelectionCaret, .cm-placeholder").forEach((el) => el.remove());
      return (copy.textContent ?? "").replace(/\u2060/g, "");
    });
    return lines.join("\n");
  });
}

/**
 * How many updates the browser's stored copy of the open notebook holds (lib/sync/session.ts:
 * y-indexeddb writes one per change, asynchronously): a test that closes a tab waits for them.
 */
export function storedUpdates(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const id = document.querySelector("[data-notebook-id]")?.getAttribute("data-notebook-id");
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(`tandem:notebook:${id}`);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      return await new Promise<number>((resolve, reject) => {
        const count = db.transaction("updates").objectStore("updates").count();
        count.onsuccess = () => resolve(count.result);
        count.onerror = () => reject(count.error);
      });
    } finally {
      db.close();
    }
  });
}

/** How long Python may take to start in a page (a first visit boots or restores it). */
export const PYTHON_READY_MS = 60_000;

/** Waits until this person's Python is started and idle. */
export async function pythonReady(page: Page): Promise<void> {
  await expect(page.getByTestId("kernel-status")).toHaveAttribute("data-phase", "idle", { timeout: PYTHON_READY_MS });
}

/** Replaces a cell's code through the editor, as a person would (select all, delete, type). */
export async function replaceCode(page: Page, id: string, code: string): Promise<void> {
  await codeEditor(page, id).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

/** Replaces a cell's code and runs it (Ctrl-Enter). */
export async function runCell(page: Page, id: string, code: string): Promise<void> {
  await replaceCode(page, id, code);
  await page.keyboard.press("Control+Enter");
}

/** Adds a code cell below the selected one (command mode B), as a person would; the id of the last cell (the new one when the last was selected). */
export async function addCell(page: Page): Promise<string> {
  const before = (await cellIds(page)).length;
  await page.keyboard.press("Escape");
  await page.keyboard.press("b");
  await expect.poll(async () => (await cellIds(page)).length).toBe(before + 1);
  const ids = await cellIds(page);
  return ids[ids.length - 1]!;
}
