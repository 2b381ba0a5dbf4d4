/**
 * `npm run bench:page` (also the second half of `npm run bench:collab`): the editable notebook page
 * in headless Chromium against the real server (production build, fresh SQLite database).
 *
 * Two notebooks are made through the real paths: created by the API, filled with cells by a
 * y-websocket client through the model's commands, then left alone until the room has closed and
 * compacted, so the page loads them from the database as any visitor would. The 10-cell notebook
 * is the baseline, measured in the same run:
 *
 * - open: from navigation start to the first editor accepting input (a contenteditable
 *   CodeMirror view inside the notebook) and to "Connected" (synced with the server). Each run
 *   uses a fresh browser context: no HTTP cache, no IndexedDB copy.
 * - keydown-to-paint: typing into a code cell in the middle of the notebook at 20 keys per second;
 *   for each key, from the keydown event's timestamp to the end of the next frame (a message posted
 *   from requestAnimationFrame runs after that frame has been painted).
 *
 * Results go to stdout as markdown tables.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "@playwright/test";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { buildIfNeeded } from "../build-if-needed";
import { CHROMIUM_ARGS, chromiumExecutable } from "../chromium";
import { insertCells, userOrigin, type NewCellInput } from "../../lib/notebook";

const PORT = Number(process.env.BENCH_PORT ?? 4710);
const BASE = `http://localhost:${PORT}`;
const OPEN_RUNS = Number(process.env.BENCH_OPEN_RUNS ?? 5);
const KEYS = Number(process.env.BENCH_KEYS ?? 120);
const KEY_DELAY_MS = 50;
const SIZES = [10, 500] as const;

function cellFor(i: number): NewCellInput {
  if (i % 3 === 2) {
    return {
      type: "markdown",
      source: `## Step ${i}\n\nA paragraph with *emphasis*, \`inline code\` and a formula $e^{i\\pi} + 1 = 0$.\n\n- one\n- two`,
    };
  }
  const lines = [
    `# cell ${i}`,
    `def step_${i}(values):`,
    `    """Sum the squares of the even values."""`,
    `    total = 0`,
    `    for v in values:`,
    `        if v % 2 == 0:`,
    `            total += v * v`,
    `    return total`,
    ``,
    `print(step_${i}(range(${i + 10})))`,
  ];
  return { type: "code", source: lines.join("\n") };
}

function originSocket(): typeof globalThis.WebSocket {
  class OriginWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { Origin: BASE } });
    }
  }
  return OriginWebSocket as unknown as typeof globalThis.WebSocket;
}

/** Creates a notebook of `size` cells through the API and a real collaboration client. */
async function makeNotebook(size: number): Promise<string> {
  const response = await fetch(`${BASE}/api/notebooks`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: BASE },
    body: JSON.stringify({ title: `Bench ${size} cells` }),
  });
  if (response.status !== 201) throw new Error(`POST /api/notebooks: ${response.status} ${await response.text()}`);
  const { id, slug } = (await response.json()) as { id: string; slug: string };
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${BASE.replace(/^http/, "ws")}/collab`, id, doc, {
    WebSocketPolyfill: originSocket(),
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
  // The blank notebook has one code cell; add the rest after it.
  insertCells(doc, { cells: Array.from({ length: size - 1 }, (_, i) => cellFor(i + 1)) }, userOrigin("bench"));
  // Past the server's flush interval, then leave: the room compacts into a snapshot as it empties.
  await new Promise((r) => setTimeout(r, 1500));
  provider.destroy();
  doc.destroy();
  await new Promise((r) => setTimeout(r, 1000));
  return slug;
}

/** Records when the first editor in the notebook becomes editable (runs before the page's scripts). */
const OPEN_PROBE = `(() => {
  localStorage.setItem("tandem:guest-name", "Bench");
  const check = () => {
    if (window.__editableAt) return;
    if (document.querySelector('[data-testid="notebook-cells"] .cm-content[contenteditable="true"]')) {
      window.__editableAt = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
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
  editable: number;
  connected: number;
}

async function openOnce(browser: Browser, slug: string): Promise<OpenRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(OPEN_PROBE);
  const page = await context.newPage();
  await page.goto(`${BASE}/n/${slug}`);
  await page.getByTestId("connection-status").getByText("Connected").waitFor({ timeout: 60_000 });
  const connected = await page.evaluate(() => performance.now());
  await page.waitForFunction(() => (window as unknown as { __editableAt?: number }).__editableAt !== undefined);
  const editable = await page.evaluate(() => (window as unknown as { __editableAt: number }).__editableAt);
  await context.close();
  return { editable, connected };
}

async function typing(browser: Browser, slug: string, size: number): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(OPEN_PROBE);
  await context.addInitScript(KEY_PROBE);
  const page = await context.newPage();
  await page.goto(`${BASE}/n/${slug}`);
  await page.getByTestId("connection-status").getByText("Connected").waitFor({ timeout: 60_000 });
  // A code cell in the middle of the notebook (code cells are those with i % 3 != 2).
  const middle = page.locator('[data-testid="cell"][data-cell-type="code"]').nth(Math.floor((size * 2) / 3 / 2));
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

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
const f = (n: number) => n.toFixed(0);

buildIfNeeded(process.cwd());
const dir = mkdtempSync(join(tmpdir(), "tandem-bench-page-"));
const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
  env: {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(PORT),
    DATABASE_URL: `file:${join(dir, "bench.db")}`,
  },
  stdio: ["ignore", "pipe", "inherit"],
});
await new Promise<void>((resolve, reject) => {
  server.stdout!.on("data", (chunk: Buffer) => {
    if (chunk.toString().includes("Tandem is ready")) resolve();
  });
  server.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
});

const executablePath = chromiumExecutable();
const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS });
const openRows: string[] = [];
const keyRows: string[] = [];
try {
  for (const size of SIZES) {
    const slug = await makeNotebook(size);
    // One unmeasured open warms the server (Next compiles nothing in production, but caches).
    await openOnce(browser, slug);
    const runs: OpenRun[] = [];
    for (let i = 0; i < OPEN_RUNS; i++) runs.push(await openOnce(browser, slug));
    const editable = runs.map((r) => r.editable);
    const connected = runs.map((r) => r.connected);
    openRows.push(
      `| ${size} | ${f(median(editable))} | ${f(Math.max(...editable))} | ${f(median(connected))} | ${f(Math.max(...connected))} |`,
    );
    const keys = (await typing(browser, slug, size)).sort((a, b) => a - b);
    keyRows.push(`| ${size} | ${keys.length} | ${f(percentile(keys, 50))} | ${f(percentile(keys, 95))} | ${f(percentile(keys, 99))} | ${f(keys[keys.length - 1]!)} |`);
    console.error(`${size} cells done`);
  }
} finally {
  await browser.close();
  server.kill("SIGTERM");
}
const day = new Date().toISOString().slice(0, 10);
console.log(`Opening a notebook from the database, headless Chromium, ${OPEN_RUNS} cold runs each, ${day}`);
console.log("");
console.log("| cells | editable, median (ms) | editable, worst (ms) | connected, median (ms) | connected, worst (ms) |");
console.log("|---|---|---|---|---|");
for (const row of openRows) console.log(row);
console.log("");
console.log(`Keydown to next paint, typing at ${1000 / KEY_DELAY_MS} keys/s into a code cell mid-notebook, ${day}`);
console.log("");
console.log("| cells | keys | p50 (ms) | p95 (ms) | p99 (ms) | worst (ms) |");
console.log("|---|---|---|---|---|---|");
for (const row of keyRows) console.log(row);
process.exit(0);
