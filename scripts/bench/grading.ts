/**
 * `npm run bench:classroom`, second part (issue #16): the teacher grades a class's hand-ins in the
 * browser. The real app (production build, fresh SQLite) with a class of BENCH_GRADE_STUDENTS
 * (default 30) who each handed in an answer (grading-class.ts); headless Chromium signs in as the
 * teacher, opens the class page and presses Grade, which runs every hand-in with its checks in a
 * fresh Python of its own, one after another (components/classroom/grade-button.tsx).
 *
 * Recorded: the total time (press to "Graded N hand-ins."), the time per student from the page's
 * own `tandem:grade-copy` measures (start of Python to stored grade), memory before, at the peak
 * of (sampled every 250 ms) and after grading, and the kernel frames still in the page at the end.
 * Memory is read two ways: the page's JS heap (CDP JSHeapUsedSize: the main thread only; each
 * Python lives in a worker of its own, outside it) and the proportional set size (PSS) of all of
 * Chromium's processes, which holds the workers' WebAssembly memory too.
 *
 * The baseline, on the same page: grading an assignment with one hand-in (the same notebook and
 * answer), once before the class (a page that has not started Python yet) and once after (warm).
 * Then the grades stored are checked against the answers: each student's passed/total.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import type { CDPSession, Page } from "@playwright/test";
import { disconnectDb, getDb } from "../../lib/server/db/client";
import { parseDatabaseUrl } from "../../lib/server/db/config";
import { makeGradingClass } from "./grading-class";
import { launchChromium, percentile, startAppServer } from "./support";

const STUDENTS = Number(process.env.BENCH_GRADE_STUDENTS ?? 30);
const PORT = Number(process.env.BENCH_PORT ?? 3218);
const CLASS_TITLE = "Cubes";
const ALONE_BEFORE = "Cubes, one hand-in";
const ALONE_AFTER = "Cubes, one hand-in again";

const dir = mkdtempSync(join(tmpdir(), "tandem-bench-grading-"));
const databaseUrl = `file:${join(dir, "bench.db")}`;
const many = "1000000";
const server = await startAppServer(PORT, {
  DATABASE_URL: databaseUrl,
  TANDEM_SIGNUP_ADDRESS_LIMIT: many,
  TANDEM_CLASS_JOIN_LIMIT: many,
  TANDEM_NOTEBOOK_CREATE_LIMIT: many,
  TANDEM_VERSION_SAVE_LIMIT: many,
});
const db = getDb(parseDatabaseUrl(databaseUrl));

/** PSS of every Chromium process under this one, in bytes, and how many there are (Linux; 0 elsewhere). */
function chromiumPss(): { pss: number; processes: number; byType: Record<string, number> } {
  let parents: Map<number, number>;
  try {
    parents = new Map(
      readdirSync("/proc")
        .filter((d) => /^\d+$/.test(d))
        .flatMap((d) => {
          try {
            // "pid (comm) state ppid ...": comm may hold spaces, so split after its ")".
            const stat = readFileSync(`/proc/${d}/stat`, "utf8");
            return [[Number(d), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1])] as [number, number]];
          } catch {
            return [];
          }
        }),
    );
  } catch {
    return { pss: 0, processes: 0, byType: {} };
  }
  const under = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === process.pid) return true;
    return false;
  };
  let pss = 0;
  let processes = 0;
  const byType: Record<string, number> = {};
  for (const pid of parents.keys()) {
    try {
      if (!under(pid) || !/chrom|headless/i.test(readFileSync(`/proc/${pid}/comm`, "utf8"))) continue;
      const kb = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
      const bytes = Number(kb?.[1] ?? 0) * 1024;
      // Which process holds it: the browser, a renderer (the page, the kernel frame), the GPU, a utility.
      const type = /--type=([\w-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " "))?.[1] ?? "browser";
      byType[type] = (byType[type] ?? 0) + bytes;
      pss += bytes;
      processes += 1;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return { pss, processes, byType };
}

interface Memory {
  heap: number;
  pss: number;
  processes: number;
  byType?: Record<string, number>;
}

let cdp: CDPSession;

async function memory(): Promise<Memory> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return { heap: metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? 0, ...chromiumPss() };
}

/** What the page keeps: a second to finish, then a garbage collection of the page's heap. */
async function settledMemory(page: Page): Promise<Memory> {
  await page.waitForTimeout(1000);
  await cdp.send("HeapProfiler.collectGarbage");
  return memory();
}

interface Run {
  totalMs: number;
  perCopy: number[];
  peak: Memory;
}

/** Presses Grade for `title`, waits for "Graded `count` hand-ins.", sampling memory every 250 ms. */
async function grade(page: Page, title: string, count: number): Promise<Run> {
  await page.evaluate(() => performance.clearMeasures("tandem:grade-copy"));
  const button = page.getByRole("button", { name: `Grade the hand-ins of ${title}`, exact: true });
  const peak: Memory = { heap: 0, pss: 0, processes: 0 };
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const now = await memory();
      peak.heap = Math.max(peak.heap, now.heap);
      peak.pss = Math.max(peak.pss, now.pss);
      peak.processes = Math.max(peak.processes, now.processes);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const start = performance.now();
  await button.click();
  const result = page.locator(".grade-action", { has: button }).getByTestId("grade-result");
  await result.waitFor({ timeout: count * 120_000 });
  const totalMs = performance.now() - start;
  sampling = false;
  await sampler;
  const text = (await result.textContent()) ?? "";
  if (!text.startsWith(`Graded ${count} hand-in${count === 1 ? "" : "s"}.`)) throw new Error(`${title}: the page says "${text}"`);
  const perCopy = await page.evaluate(() => performance.getEntriesByName("tandem:grade-copy").map((e) => e.duration));
  if (perCopy.length !== count) throw new Error(`${title}: ${perCopy.length} measures for ${count} hand-ins`);
  return { totalMs, perCopy, peak };
}

const kernelFrames = (page: Page) => page.locator('iframe[src*="/kernel/frame"]').count();

let exitCode = 0;
const browser = await launchChromium();
try {
  const setupStart = performance.now();
  const world = await makeGradingClass(server.base, STUDENTS, [CLASS_TITLE, ALONE_BEFORE, ALONE_AFTER], async (slug) => (await db.notebook.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id);
  console.error(`The class is ready: ${STUDENTS} hand-ins in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`);

  const context = await browser.newContext();
  await context.addCookies(
    world.teacher.cookie.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      // The session cookie is __Secure- in production; Chromium keeps and sends Secure cookies on http://localhost.
      return { name: pair.slice(0, at), value: pair.slice(at + 1), domain: "localhost", path: "/", secure: true, httpOnly: true, sameSite: "Lax" as const };
    }),
  );
  const page = await context.newPage();
  await page.goto(`${server.base}/classes/${world.classId}`);
  await page.getByRole("button", { name: `Grade the hand-ins of ${CLASS_TITLE}`, exact: true }).waitFor();
  // Let the page settle (hydration, the class's event stream) before the first reading.
  cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");

  const pageLoaded = await settledMemory(page);
  const before = await grade(page, ALONE_BEFORE, 1);
  const beforeClass = await settledMemory(page);
  const framesBetween = await kernelFrames(page);
  const klass = await grade(page, CLASS_TITLE, STUDENTS);
  const rightAfter = await memory();
  const framesAfter = await kernelFrames(page);
  const afterClass = await settledMemory(page);
  const after = await grade(page, ALONE_AFTER, 1);
  const settled = await settledMemory(page);
  const framesEnd = await kernelFrames(page);

  // The grades stored: one per hand-in, each with the passed/total its answer earns.
  const wrong: string[] = [];
  for (const [assignmentId, expected] of Object.entries(world.expected)) {
    const grades = await db.grade.findMany({
      where: { copy: { assignmentId } },
      select: { passed: true, total: true, copy: { select: { student: { select: { name: true } } } } },
    });
    if (grades.length !== Object.keys(expected).length) wrong.push(`${assignmentId}: ${grades.length} grades for ${Object.keys(expected).length} hand-ins`);
    for (const g of grades) {
      const want = expected[g.copy.student.name];
      if (g.total !== 2 || g.passed !== want) wrong.push(`${g.copy.student.name}: ${g.passed}/${g.total}, expected ${want}/2`);
    }
  }

  const sorted = [...klass.perCopy].sort((a, b) => a - b);
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  console.log(`Grading ${STUDENTS} hand-ins in the browser, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.versions.node}`);
  console.log("");
  console.log("| what | total (s) | per student (s) |");
  console.log("|---|---|---|");
  console.log(`| baseline: 1 hand-in, the page's first Python | ${s(before.totalMs)} | ${s(before.perCopy[0]!)} |`);
  console.log(`| ${STUDENTS} hand-ins, one after another | ${s(klass.totalMs)} | p50 ${s(percentile(sorted, 50))}, p95 ${s(percentile(sorted, 95))}, fastest ${s(sorted[0]!)}, slowest ${s(sorted.at(-1)!)}, first ${s(klass.perCopy[0]!)} |`);
  console.log(`| baseline: 1 hand-in again, after the class | ${s(after.totalMs)} | ${s(after.perCopy[0]!)} |`);
  console.log("");
  const row = (what: string, m: Memory) => console.log(`| ${what} | ${mb(m.heap)} | ${mb(m.pss)} | ${m.processes} |`);
  console.log("| memory (MB) | page JS heap | Chromium PSS (all processes) | Chromium processes |");
  console.log("|---|---|---|---|");
  row("class page loaded (settled: 1 s and a GC)", pageLoaded);
  row("after the 1-hand-in baseline, settled (before the class)", beforeClass);
  row("peak while grading the class (250 ms samples)", klass.peak);
  row("right after grading the class", rightAfter);
  row("after the class, settled", afterClass);
  row("end: after the second baseline, settled", settled);
  console.log("");
  const types = (m: Memory) => Object.entries(m.byType ?? {}).sort().map(([t, b]) => `${t} ${mb(b)}`).join(", ");
  console.log(`Chromium PSS by process type (MB), settled: before the class ${types(beforeClass)}; after it ${types(afterClass)}.`);
  console.log(`Kernel frames in the page: ${framesBetween} after the first baseline, ${framesAfter} after the class, ${framesEnd} at the end.`);
  // What grading the class left behind, both readings settled. PSS is not divided per student: it
  // need not grow with the class (10, 30 and 60 students left the same, BENCHMARKS.md).
  const kept = (key: "heap" | "pss") => afterClass[key] - beforeClass[key];
  console.log(`Kept after grading the class (settled, over settled before it): page JS heap ${(kept("heap") / 1024 / 1024).toFixed(1)} MB (${(kept("heap") / STUDENTS / 1024).toFixed(0)} KB per student), Chromium PSS ${mb(kept("pss"))} MB.`);
  console.log(`Per-student times in order (s): ${klass.perCopy.map(s).join(" ")}`);
  if (wrong.length > 0 || framesEnd > 1) {
    console.log(`\nWRONG: ${[...wrong, ...(framesEnd > 1 ? [`${framesEnd} kernel frames left in the page`] : [])].join("; ")}`);
    exitCode = 1;
  } else {
    console.log(`Grades checked: all ${Object.values(world.expected).reduce((n, e) => n + Object.keys(e).length, 0)} stored with the expected passed/total.`);
  }
} finally {
  await browser.close();
  await disconnectDb();
  server.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);
