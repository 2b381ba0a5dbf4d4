/**
 * `npm run bench:isolation`: does heavy work on one notebook stall everyone else's? Two people
 * pair in a small notebook (a writer types 20 keystrokes a second into a cell, a reader watches)
 * while, in the same server, others import the largest notebook the limits allow and open its
 * page eight at a time, with its export. The figure is the pair's keystroke-to-remote-apply
 * latency (p50 / p99) and /api/health's answer time, with the heavy work running and, as the
 * baseline measured in the same run, without it. Goal (issue 13): another room's keystroke
 * p99 under 100 ms while the heavy work runs.
 *
 * Everything runs on this machine's loopback against the real server (production build, fresh
 * SQLite database). Results go to stdout as a markdown table.
 */
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import WebSocket from "ws";
import { cellOrder, cellSourceText, getCellMap, MAX_NOTEBOOK_CELLS } from "../../lib/notebook";
import { typeScriptWorker } from "../../lib/server/typescript-worker";
import { importNotebook } from "./isolation-load";
import { percentile, startAppServer } from "./support";

const PORT = Number(process.env.BENCH_PORT ?? 4711);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 300);
const RATE_HZ = 20;
const PAGE_VIEWS = 8;
/** Cells in the heavy notebook: as many as an import may hold. */
const HEAVY_CELLS = Number(process.env.BENCH_HEAVY_CELLS ?? MAX_NOTEBOOK_CELLS);

function originSocket(origin: string): typeof globalThis.WebSocket {
  class OriginWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { Origin: origin } });
    }
  }
  return OriginWebSocket as unknown as typeof globalThis.WebSocket;
}

function connect(base: string, id: string): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${base.replace(/^http/, "ws")}/collab`, id, doc, { WebSocketPolyfill: originSocket(base), disableBc: true });
  return { doc, provider };
}

const synced = (provider: WebsocketProvider) => new Promise<void>((r) => (provider.synced ? r() : provider.once("sync", () => r())));

/** A notebook file with `cells` small code cells, each with one output, as Jupyter writes them. */
function heavyIpynb(cells: number): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: Array.from({ length: cells }, (_, i) => ({
      id: `c${i}`,
      cell_type: "code",
      source: `x_${i} = ${i} * 2\nprint(x_${i})`,
      metadata: {},
      execution_count: 1,
      outputs: [{ output_type: "stream", name: "stdout", text: `${i * 2}\n` }],
    })),
  });
}

/** Heavy work until `stop` resolves, on a thread of its own (isolation-load.ts). */
async function heavyWork(base: string, slug: string, file: string, stop: Promise<void>): Promise<number> {
  const worker = typeScriptWorker(new URL("./isolation-load.ts", import.meta.url), { workerData: { base, slug, file, pageViews: PAGE_VIEWS } });
  const rounds = new Promise<number>((resolve, reject) => {
    worker.once("message", (n: number) => resolve(n));
    worker.once("error", reject);
  });
  await stop;
  worker.postMessage("stop");
  const n = await rounds;
  await worker.terminate();
  return n;
}

/** The pair's keystroke latencies and /api/health's answer times, while `during` runs. */
async function measure(base: string, id: string): Promise<{ keys: number[]; health: number[] }> {
  const writer = connect(base, id);
  const reader = connect(base, id);
  await Promise.all([synced(writer.provider), synced(reader.provider)]);
  const cellId = cellOrder(writer.doc)[0]!;
  const text = cellSourceText(getCellMap(writer.doc, cellId)!);
  const watched = cellSourceText(getCellMap(reader.doc, cellId)!);
  const start = text.length;
  const sentAt: number[] = [];
  const keys: number[] = [];
  const done = new Promise<void>((resolve) => {
    let seen = 0;
    watched.observe(() => {
      const now = performance.now();
      for (; seen < watched.length - start; seen++) keys.push(now - sentAt[seen]!);
      if (seen >= KEYSTROKES) resolve();
    });
  });
  const health: number[] = [];
  let typing = true;
  const probe = (async () => {
    while (typing) {
      const t = performance.now();
      await fetch(`${base}/api/health`).then((r) => r.arrayBuffer());
      health.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  for (let i = 0; i < KEYSTROKES; i++) {
    sentAt.push(performance.now());
    text.insert(text.length, "x");
    await new Promise((r) => setTimeout(r, 1000 / RATE_HZ));
  }
  await done;
  typing = false;
  await probe;
  writer.provider.destroy();
  reader.provider.destroy();
  return { keys, health };
}

// BENCH_DATABASE_URL runs it on PostgreSQL (a database of its own: it is migrated and filled).
const DATABASE = process.env.BENCH_DATABASE_URL;
const server = await startAppServer(PORT, { TANDEM_NOTEBOOK_CREATE_LIMIT: "1000000", ...(DATABASE ? { DATABASE_URL: DATABASE } : {}) });
const base = server.base;
try {
  const pair = await fetch(`${base}/api/notebooks`, { method: "POST", headers: { origin: base, "content-type": "application/json" }, body: JSON.stringify({ title: "Pair" }) });
  const { id } = (await pair.json()) as { id: string };
  const file = heavyIpynb(HEAVY_CELLS);
  const t = performance.now();
  const slug = await importNotebook(base, file);
  const importMs = performance.now() - t;
  const t2 = performance.now();
  await fetch(`${base}/n/${slug}`).then((r) => r.arrayBuffer());
  await fetch(`${base}/n/${slug}/state`).then((r) => r.arrayBuffer());
  const pageMs = performance.now() - t2;

  const quiet = await measure(base, id);
  let release!: () => void;
  const stop = new Promise<void>((r) => (release = r));
  const heavy = heavyWork(base, slug, file, stop);
  const busy = await measure(base, id);
  release();
  const rounds = await heavy;

  const f = (n: number) => n.toFixed(0);
  const row = (name: string, m: { keys: number[]; health: number[] }) => {
    const keys = [...m.keys].sort((a, b) => a - b);
    const health = [...m.health].sort((a, b) => a - b);
    return `| ${name} | ${f(percentile(keys, 50))} / ${f(percentile(keys, 99))} / ${f(keys[keys.length - 1]!)} | ${f(percentile(health, 50))} / ${f(percentile(health, 99))} |`;
  };
  console.log(`Another room's keystroke while one notebook of ${HEAVY_CELLS} cells (${(file.length / 1e6).toFixed(1)} MB) is imported and viewed ${PAGE_VIEWS} at a time, on ${DATABASE ? "PostgreSQL" : "SQLite"}, ${new Date().toISOString().slice(0, 10)}`);
  console.log("");
  console.log(`One import alone: ${f(importMs)} ms; one page view alone: ${f(pageMs)} ms; heavy rounds while typing: ${rounds}.`);
  console.log("");
  console.log("| while | keystroke p50 / p99 / max (ms) | /api/health p50 / p99 (ms) |");
  console.log("|---|---|---|");
  console.log(row("nothing else (baseline)", quiet));
  console.log(row(`imports + ${PAGE_VIEWS} page views + an export`, busy));
} finally {
  server.stop();
}
process.exit(0);
