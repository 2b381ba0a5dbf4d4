/**
 * `npm run bench:page` (also the second half of `npm run bench:collab`): the editable notebook page
 * in headless Chromium against the real server (production build, fresh SQLite database).
 *
 * Two notebooks are made through the real paths: created by the API, filled with cells by a
 * y-websocket client through the model's commands, then left alone until the room has closed and
 * compacted, so the page loads them from the database as any visitor would. The 10-cell notebook
 * is the baseline, measured in the same run. A third is imported through the import route as a
 * Jupyter file: about 3 MB of .ipynb, 81 cells, 40 of them with a 60 KB PNG figure
 * (notebooks.ts). BENCH_CASES picks some of them ("10,500,imported", the default).
 *
 * - open: from navigation start to the first cell on screen, to the first editor accepting input (a contenteditable
 *   CodeMirror view inside the notebook) and to "Connected" (synced with the server). A first
 *   visit is a fresh browser context: no HTTP cache, no IndexedDB copy, and Python boots from
 *   scratch alongside. A returning visit is the same context again: all three are there, and
 *   Python starts from its snapshot (lib/kernel/worker/snapshot.ts).
 * - keydown-to-paint: typing into a code cell in the middle of the notebook at 20 keys per second;
 *   for each key, from the keydown event's timestamp to the end of the next frame (a message posted
 *   from requestAnimationFrame runs after that frame has been painted).
 *
 * Results go to stdout as markdown tables.
 */
import type { Browser, Page } from "@playwright/test";
import { SNAPSHOT_CACHE } from "../../lib/kernel/snapshot-cache";
import { importNotebook, launchChromium, makeNotebook, median, percentile, startAppServer } from "./support";
import { cellFor, largeNotebook } from "./notebooks";

const PORT = Number(process.env.BENCH_PORT ?? 4710);
const OPEN_RUNS = Number(process.env.BENCH_OPEN_RUNS ?? 5);
const KEYS = Number(process.env.BENCH_KEYS ?? 120);
const KEY_DELAY_MS = 50;
const CASES = (process.env.BENCH_CASES ?? "10,500,imported").split(",").map((c) => c.trim());

/**
 * Records when the first editor in the notebook becomes editable, and when every cell has
 * rendered (a long notebook renders its first cells first; live-notebook.tsx). Runs before the
 * page's scripts.
 */
const OPEN_PROBE = `(() => {
  localStorage.setItem("tandem:guest-name", "Bench");
  const check = () => {
    if (!window.__shownAt && document.querySelector('[data-testid="notebook-cells"] [data-testid="cell"]')) {
      window.__shownAt = performance.now();
    }
    if (!window.__editableAt && document.querySelector('[data-testid="notebook-cells"] .cm-content[contenteditable="true"]')) {
      window.__editableAt = performance.now();
    }
    if (!window.__renderedAt && document.querySelector('[data-testid="notebook-cells"][data-rendered="all"]')) {
      window.__renderedAt = performance.now();
    }
    if (window.__editableAt && window.__renderedAt) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-rendered", "contenteditable"] });
})();`;

/** Records keydown-to-next-paint for every key. */
const KEY_PROBE = `(() => {
  window.__keyLatencies = [];
  window.addEventListener("keydown", (event) => {
    const start = event.timeStamp;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => window.__keyLatencies.push(performance.now() - start);
      channel.port2.postMessage(0);
    });
  }, true);
})();`;

interface OpenRun {
  /** The first cell on screen (rendered from the document). */
  shown: number;
  editable: number;
  rendered: number;
  connected: number;
}

type Probed = { __shownAt?: number; __editableAt?: number; __renderedAt?: number };

async function opened(page: Page): Promise<Omit<OpenRun, "connected">> {
  await page.waitForFunction(() => {
    const w = window as unknown as Probed;
    return w.__shownAt !== undefined && w.__editableAt !== undefined && w.__renderedAt !== undefined;
  });
  return page.evaluate(() => {
    const w = window as unknown as Required<Probed>;
    return { shown: w.__shownAt, editable: w.__editableAt, rendered: w.__renderedAt };
  });
}

async function openOnce(browser: Browser, slug: string): Promise<OpenRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(OPEN_PROBE);
  const page = await context.newPage();
  await page.goto(`${BASE}/n/${slug}`);
  await page.getByTestId("connection-status").getByText("Connected").waitFor({ timeout: 60_000 });
  const connected = await page.evaluate(() => performance.now());
  const run = { ...(await opened(page)), connected };
  await context.close();
  return run;
}

/**
 * A returning visitor: one unmeasured visit in a context (it fills the HTTP cache, the IndexedDB
 * copy and the kernel's start-up snapshot), then `runs` measured visits in that same context.
 */
async function openWarm(browser: Browser, slug: string, runs: number): Promise<OpenRun[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(OPEN_PROBE);
  const page = await context.newPage();
  await page.goto(`${BASE}/n/${slug}`);
  await page.locator('[data-testid="kernel-status"][data-phase="idle"]').waitFor({ timeout: 60_000 });
  const stored = () =>
    page.evaluate(`caches.open(${JSON.stringify(SNAPSHOT_CACHE)}).then((cache) => cache.keys()).then((keys) => keys.length > 0)`);
  for (let waited = 0; !(await stored()) && waited < 60_000; waited += 50) await page.waitForTimeout(50);
  const out: OpenRun[] = [];
  for (let i = 0; i < runs; i++) {
    await page.goto(`${BASE}/n/${slug}`);
    await page.getByTestId("connection-status").getByText("Connected").waitFor({ timeout: 60_000 });
    const connected = await page.evaluate(() => performance.now());
    out.push({ ...(await opened(page)), connected });
    // Let the kernel finish starting, as a visitor who stays would, before the next visit.
    await page.locator('[data-testid="kernel-status"][data-phase="idle"]').waitFor({ timeout: 60_000 });
  }
  await context.close();
  return out;
}

/** `codeCell`: which code cell to type into (its index among the code cells), one mid-notebook. */
async function typing(browser: Browser, slug: string, codeCell: number): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(OPEN_PROBE);
  await context.addInitScript(KEY_PROBE);
  const page = await context.newPage();
  await page.goto(`${BASE}/n/${slug}`);
  await page.getByTestId("connection-status").getByText("Connected").waitFor({ timeout: 60_000 });
  const middle = page.locator('[data-testid="cell"][data-cell-type="code"]').nth(codeCell);
  await middle.scrollIntoViewIfNeeded();
  const editor = middle.locator(".cm-content");
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  // Warm-up keys, then a clean slate.
  await page.keyboard.type("# warm", { delay: KEY_DELAY_MS });
  await page.evaluate(() => ((window as unknown as { __keyLatencies: number[] }).__keyLatencies = []));
  const line = "x = total + 1  # typing speed ";
  let typed = "";
  while (typed.length < KEYS) typed += line;
  await page.keyboard.type(typed.slice(0, KEYS), { delay: KEY_DELAY_MS });
  await page.waitForTimeout(200);
  const latencies = await page.evaluate(() => (window as unknown as { __keyLatencies: number[] }).__keyLatencies);
  await context.close();
  return latencies;
}

/**
 * A first visit that types at once: into the first cell as soon as it takes input, while the
 * rest of the notebook is still rendering and Python still starting.
 */
async function typingWhileOpening(browser: Browser, slug: string): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(OPEN_PROBE);
  await context.addInitScript(KEY_PROBE);
  const page = await context.newPage();
  await page.goto(`${BASE}/n/${slug}`);
  await page.waitForFunction(() => (window as unknown as Probed).__editableAt !== undefined);
  await page.locator('[data-testid="notebook-cells"] .cm-content[contenteditable="true"]').first().click();
  await page.keyboard.type("x = 1  # typed while the notebook opens", { delay: KEY_DELAY_MS });
  await page.waitForTimeout(200);
  const latencies = await page.evaluate(() => (window as unknown as { __keyLatencies: number[] }).__keyLatencies);
  await context.close();
  return latencies;
}

const f = (n: number) => n.toFixed(0);

const server = await startAppServer(PORT);
const BASE = server.base;
const browser = await launchChromium();
const openRows: string[] = [];
const keyRows: string[] = [];
/** What each case measures: its label in the tables, its slug, and a code cell mid-notebook. */
async function makeCase(name: string): Promise<{ label: string; slug: string; codeCell: number }> {
  if (name === "imported") {
    const { json, cells } = largeNotebook();
    const mb = (json.length / 1024 / 1024).toFixed(1);
    return { label: `${cells}, imported .ipynb of ${mb} MB, 40 images`, slug: await importNotebook(BASE, "Bench large.ipynb", json), codeCell: 20 };
  }
  const size = Number(name);
  if (!Number.isInteger(size) || size < 1) throw new Error(`BENCH_CASES: unknown case ${JSON.stringify(name)} (a cell count, or "imported")`);
  const slug = await makeNotebook(BASE, `Bench ${size} cells`, Array.from({ length: size }, (_, i) => cellFor(i)));
  // A code cell in the middle of the notebook (code cells are those with i % 3 != 2).
  return { label: String(size), slug, codeCell: Math.floor((size * 2) / 3 / 2) };
}

try {
  for (const name of CASES) {
    const { label, slug, codeCell } = await makeCase(name);
    // One unmeasured open warms the server (Next compiles nothing in production, but caches).
    await openOnce(browser, slug);
    const runs: OpenRun[] = [];
    for (let i = 0; i < OPEN_RUNS; i++) runs.push(await openOnce(browser, slug));
    for (const [visit, measured] of [
      ["first visit", runs],
      ["returning", await openWarm(browser, slug, OPEN_RUNS)],
    ] as const) {
      const shown = measured.map((r) => r.shown);
      const editable = measured.map((r) => r.editable);
      const rendered = measured.map((r) => r.rendered);
      const connected = measured.map((r) => r.connected);
      openRows.push(
        `| ${label} | ${visit} | ${f(median(shown))} | ${f(median(editable))} | ${f(Math.max(...editable))} | ${f(median(rendered))} | ${f(median(connected))} | ${f(Math.max(...connected))} |`,
      );
    }
    const keyRow = (row: string, latencies: number[]) => {
      const keys = [...latencies].sort((a, b) => a - b);
      keyRows.push(`| ${row} | ${keys.length} | ${f(percentile(keys, 50))} | ${f(percentile(keys, 95))} | ${f(percentile(keys, 99))} | ${f(keys[keys.length - 1]!)} |`);
    };
    keyRow(label, await typing(browser, slug, codeCell));
    keyRow(`${label}, first visit, typing from the first moment`, await typingWhileOpening(browser, slug));
    console.error(`${name} done`);
  }
} finally {
  await browser.close();
  server.stop();
}
const day = new Date().toISOString().slice(0, 10);
console.log(`Opening a notebook, headless Chromium, ${OPEN_RUNS} runs each, ${day}`);
console.log("(first visit: a fresh browser context; returning: the same context again, with its HTTP cache, IndexedDB copy and Python snapshot)");
console.log("");
console.log("| cells | visit | first cell shown, median (ms) | editable, median (ms) | editable, worst (ms) | every cell rendered, median (ms) | connected, median (ms) | connected, worst (ms) |");
console.log("|---|---|---|---|---|---|---|---|");
for (const row of openRows) console.log(row);
console.log("");
console.log(`Keydown to next paint, typing at ${1000 / KEY_DELAY_MS} keys/s into a code cell mid-notebook, ${day}`);
console.log("");
console.log("| cells | keys | p50 (ms) | p95 (ms) | p99 (ms) | worst (ms) |");
console.log("|---|---|---|---|---|---|");
for (const row of keyRows) console.log(row);
process.exit(0);
