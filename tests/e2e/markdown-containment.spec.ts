/**
 * Markdown stays inside its cell: a markdown cell whose HTML tries to lay a box over the whole
 * page (fixed, inset 0, a huge z-index) covers neither the header nor the next cell, on the
 * notebook page, a version of it in its history, and its embed, on a laptop and on a phone.
 * Also what a declaration the sanitiser missed would do: the CSS around markdown contains that too.
 * The screenshots (in the test's output folder) are for looking at.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { makeLinkViewOnly, signUp } from "./support/accounts";
import { E2E_URL } from "./support/env";

const OVERLAY =
  '<div style="position:fixed;inset:0;z-index:99999;background:rgba(220,0,0,0.6);font-size:40px">covered</div>' +
  '<svg overflow="visible" width="10" height="10"><rect x="-5000" y="-5000" width="20000" height="20000" fill="rgba(0,0,220,0.4)"/></svg>';

const notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { id: "attack", cell_type: "markdown", metadata: {}, source: `# A note\n\n${OVERLAY}\n\nThe end of the note.` },
    { id: "next", cell_type: "markdown", metadata: {}, source: "After the overlay." },
  ],
};

/** Whether the element painted at the centre of `target` is `target` or inside it (nothing covers it). */
function onTop(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return hit !== null && el.contains(hit);
  });
}

/**
 * What a declaration the sanitiser missed would do, put straight into the rendered cell: the CSS
 * around markdown (`.markdown` in globals.css) must keep it in the cell's box all the same.
 */
const MISSED =
  '<div style="position:fixed;inset:0;z-index:2147483647;background:rgba(0,160,0,0.5)">missed</div>' +
  '<div style="margin-top:-3000px;height:3000px;background:rgba(0,160,0,0.5)"></div>';

/** Checks that the header, the next cell and each of `chrome` (the page's own controls) show, uncovered. */
async function expectContained(page: Page, shot: string, header: Locator, chrome: Locator[] = []): Promise<void> {
  // Visible only: a version's page also lists the cells' sources in its folded diff (unchanged).
  const after = page.getByText("After the overlay.").filter({ visible: true });
  const mustShow: [string, Locator][] = [["the header", header], ["the next cell", after], ...chrome.map((c, i): [string, Locator] => [`control ${i + 1}`, c])];
  const check = async (when: string) => {
    await after.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath(`${shot}${when}.png`) });
    for (const [what, target] of mustShow) expect(await onTop(target), `${shot}${when}: ${what} is on top`).toBe(true);
  };
  await expect(page.getByText("The end of the note.").filter({ visible: true })).toBeVisible();
  await check("");
  await page.locator(".markdown").filter({ hasText: "The end of the note." }).evaluate((cell, html) => cell.insertAdjacentHTML("beforeend", html), MISSED);
  await check("-missed");
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`a markdown overlay stays in its cell at ${viewport.width}x${viewport.height}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport, baseURL: E2E_URL });
    const page = await context.newPage();
    await signUp(page, "Mallory");
    const imported = await page.request.post("/api/notebooks/import?name=overlay.ipynb", {
      headers: { "content-type": "application/x-ipynb+json", origin: E2E_URL },
      data: JSON.stringify(notebook),
    });
    expect(imported.status()).toBe(201);
    const { id, slug } = (await imported.json()) as { id: string; slug: string };
    const size = `${viewport.width}x${viewport.height}`;

    await page.goto(`/n/${slug}`);
    await expect(page.getByTestId("connection-status")).toHaveText("Connected");
    // The cell's own toolbar (shown on the selected cell, the first) and comment button sit over its corners: markdown must not cover them.
    const attack = page.locator('[data-testid="cell"][data-cell-id="attack"]');
    await expect(attack).toHaveClass(/is-selected/);
    await expectContained(page, `notebook-${size}`, page.locator(".site-header"), [
      page.getByTestId("notebook-bar"),
      attack.getByRole("combobox"),
      attack.getByText("Comment", { exact: true }),
    ]);

    const saved = await page.request.post(`/api/notebooks/${id}/versions`, { headers: { origin: E2E_URL }, data: { name: "With the note" } });
    expect(saved.status()).toBe(204);
    await page.goto(`/n/${slug}/history`);
    await page.getByRole("link", { name: "With the note" }).click();
    await expect(page.getByRole("heading", { name: "With the note" })).toBeVisible();
    await expectContained(page, `version-${size}`, page.locator(".site-header"), [page.getByRole("heading", { name: "This version" })]);

    await makeLinkViewOnly(page, id);
    await page.goto(`/embed/${slug}`);
    await expectContained(page, `embed-${size}`, page.locator(".embed-header"));
    await context.close();
  });
}
