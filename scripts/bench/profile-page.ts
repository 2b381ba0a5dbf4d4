/**
 * `node --import tsx scripts/bench/profile-page.ts`: where the time goes when the large imported
 * notebook (notebooks.ts; BENCH_PROFILE_CASE=500 for the generated 500-cell one) opens, first visit and returning, in headless Chromium against the
 * real server. For each visit it records the page's main thread from navigation to the first
 * editor taking input: a CPU profile (CDP `Profiler`) and a trace (the timeline's categories), and
 * prints the functions with the most self time and the trace events with the most time. The raw
 * files go to BENCH_PROFILE_DIR (default /tmp/tandem-profile) for DevTools.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { importNotebook, launchChromium, makeNotebook, startAppServer } from "./support";
import { cellFor, largeNotebook } from "./notebooks";

const PORT = Number(process.env.BENCH_PORT ?? 4711);
const DIR = process.env.BENCH_PROFILE_DIR ?? "/tmp/tandem-profile";
const TOP = Number(process.env.BENCH_PROFILE_TOP ?? 25);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function topFunctions(profile: Profile): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const file = frame.url.split("/").pop() ?? "";
    const key = `${frame.functionName || "(anonymous)"} ${file ? `${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : ""}`.trim();
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [
    `total ${total.toFixed(0)} ms`,
    ...[...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([key, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${key}`),
  ];
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
  args?: { name?: string };
}

/** Time per event name on the renderer's main thread (nested events count in their parents too). */
function topEvents(trace: { traceEvents: TraceEvent[] }): string[] {
  // A navigation may move the page to a new renderer: every renderer main thread counts.
  const mains = new Set(trace.traceEvents.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
  const time = new Map<string, number>();
  for (const event of trace.traceEvents) {
    if (!mains.has(`${event.pid}:${event.tid}`) || event.ph !== "X" || !event.dur) continue;
    time.set(event.name, (time.get(event.name) ?? 0) + event.dur / 1000);
  }
  return [...time.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(([name, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${name}`);
}

const editable = '[data-testid="notebook-cells"] .cm-content[contenteditable="true"]';
/** BENCH_PROFILE_UNTIL=rendered: record until every cell has rendered, not only the first editor. */
const until = process.env.BENCH_PROFILE_UNTIL === "rendered" ? '[data-testid="notebook-cells"][data-rendered="all"]' : editable;

async function profiled(browser: Browser, context: BrowserContext, url: string, name: string): Promise<void> {
  const page: Page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 250 });
  await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink"] });
  await cdp.send("Profiler.start");
  const started = Date.now();
  await page.goto(url);
  await page.locator(until).first().waitFor({ timeout: 60_000 });
  const took = Date.now() - started;
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Profile };
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  await cdp.detach();
  writeFileSync(join(DIR, `${name}.cpuprofile`), JSON.stringify(profile));
  writeFileSync(join(DIR, `${name}.trace.json`), JSON.stringify(trace));
  console.log(`\n## ${name}: ${until === editable ? "editable" : "every cell rendered"} after ~${took} ms (wall clock, profiling on)\n`);
  console.log("Self time by function:\n" + topFunctions(profile).join("\n"));
  console.log("\nMain-thread trace events:\n" + topEvents(trace).join("\n"));
}

mkdirSync(DIR, { recursive: true });
const server = await startAppServer(PORT);
const browser = await launchChromium();
try {
  const size = Number(process.env.BENCH_PROFILE_CASE ?? 0);
  const slug =
    size > 0
      ? await makeNotebook(server.base, `Profile ${size} cells`, Array.from({ length: size }, (_, i) => cellFor(i)))
      : await importNotebook(server.base, "Profile large.ipynb", largeNotebook().json);
  const url = `${server.base}/n/${slug}`;
  const init = () => localStorage.setItem("tandem:guest-name", "Profiler");
  // Warm the server with one unprofiled visit.
  const warm = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await warm.addInitScript(init);
  await (await warm.newPage()).goto(url);
  await warm.pages()[0]!.locator(editable).first().waitFor({ timeout: 60_000 });
  await warm.close();

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(init);
  await context.newPage();
  await profiled(browser, context, url, "first-visit");
  // Let Python start and the page settle, as the benchmark's returning visits do.
  await context.pages()[0]!.locator('[data-testid="kernel-status"][data-phase="idle"]').waitFor({ timeout: 60_000 });
  await profiled(browser, context, url, "returning");
  await context.close();
} finally {
  await browser.close();
  server.stop();
}
console.log(`\nProfiles and traces in ${DIR}`);
process.exit(0);
