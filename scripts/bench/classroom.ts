/**
 * `npm run bench:classroom`: a class of 200 and one assignment, through the classroom's own server
 * code (lib/server/classroom), on SQLite (a fresh temporary file) and on PostgreSQL when
 * TEST_DATABASE_URL is set (a fresh schema, dropped afterwards). No HTTP, no rooms: what is timed
 * is the database work and the Yjs work around it.
 *
 * The notebook is the Python Internals lesson with one hidden and one visible check. Each round
 * makes a new class of the same 200 students and times:
 *
 * - assign: createAssignment (the starting document is made and stored once);
 * - first opens: all 200 students open the assignment at once (Promise.all), which makes their
 *   copies;
 * - repeat opens: all 200 again, which finds them;
 * - grid: the teacher's classGrid with every copy untouched (read from the stored cells JSON), and
 *   again after 20 copies have a logged change each (those 20 are read from their live documents).
 *
 * The baseline, in the same round, is 200 concurrent plain copies of the same lesson
 * (createNotebook with `from: slug`, each student forking it): the cost of a copy without the
 * classroom's bookkeeping. Rounds alternate whether the baseline goes first. Results go to stdout
 * as a markdown table: the median of BENCH_ROUNDS rounds (default 5), with the fastest and the
 * slowest.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { documentFromIpynb, insertCell, LOAD, parseCellId, parseLenientIpynb, snapshotNotebook, userOrigin } from "../../lib/notebook";
import { readCheck, setCellCheck } from "../../lib/notebook/checks";
import { createAssignment, openAssignment } from "../../lib/server/classroom/assignments";
import { createClass, joinClass } from "../../lib/server/classroom/classes";
import { classGrid } from "../../lib/server/classroom/progress";
import { changeDocument } from "../../lib/server/documents/service";
import { disconnectDb, getDb } from "../../lib/server/db/client";
import { parseDatabaseUrl, type DbConfig } from "../../lib/server/db/config";
import { migrateDatabase } from "../../lib/server/db/migrate";
import { createNotebook } from "../../lib/server/notebooks/create";
import { freshPostgresSchema } from "./support";

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 200);
const LIVE = Math.min(20, STUDENTS);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

interface Backend {
  name: string;
  config: DbConfig;
  cleanup(): Promise<void>;
}

function sqlite(): Backend {
  const dir = mkdtempSync(join(tmpdir(), "tandem-bench-"));
  return { name: "SQLite", config: parseDatabaseUrl(`file:${join(dir, "bench.db")}`), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function postgres(baseUrl: string): Promise<Backend> {
  return { name: "PostgreSQL", ...(await freshPostgresSchema(baseUrl)) };
}

/** The lesson as a notebook document, with a hidden and a visible check. */
function lessonWithChecks() {
  const parsed = parseLenientIpynb(readFileSync(join(process.cwd(), "notebooks/python-internals.ipynb"), "utf8"));
  if (!parsed.ok) throw new Error(parsed.message);
  const doc = documentFromIpynb(parsed.value);
  // The lesson has a visible check after each exercise: keep one, make another hidden, unmark the rest.
  for (const cell of snapshotNotebook(doc).cells) {
    if (readCheck(cell.metadata) && cell.id !== "ex-gc-check" && cell.id !== "ex-identity-check") setCellCheck(doc, cell.id, null, LOAD);
  }
  if (!setCellCheck(doc, parseCellId("ex-identity-check"), { hidden: true }, LOAD)) throw new Error("no cell ex-identity-check");
  if (!setCellCheck(doc, parseCellId("ex-gc-check"), { hidden: false }, LOAD)) throw new Error("no cell ex-gc-check");
  return doc;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

const STEPS = ["assign", "firstOpens", "repeatOpens", "gridUntouched", "gridLive", "baseline"] as const;
type Step = (typeof STEPS)[number];
const LABELS: Record<Step, string> = {
  assign: "assign",
  firstOpens: `${STUDENTS} first opens (copies made)`,
  repeatOpens: `${STUDENTS} repeat opens`,
  gridUntouched: "teacher's grid, copies untouched",
  gridLive: `teacher's grid, ${LIVE} copies with logged changes`,
  baseline: `baseline: ${STUDENTS} plain copies (createNotebook from the lesson)`,
};

async function measure(backend: Backend): Promise<Record<Step, number[]>> {
  await migrateDatabase(backend.config);
  const db = getDb(backend.config);
  const select = { id: true, email: true } as const;
  const teacher = await db.user.create({ data: { name: "Teacher", email: "teacher@example.com" }, select });
  const students = await Promise.all(
    Array.from({ length: STUDENTS }, (_, i) => db.user.create({ data: { name: `Student ${String(i).padStart(3, "0")}`, email: `student${i}@example.com` }, select })),
  );
  // "link" (the default): the students may fork it, for the baseline.
  const made = await createNotebook(db, { title: "Python Internals", ownerId: teacher.id, document: lessonWithChecks() }, teacher);
  if (!made.ok) throw new Error(made.message);
  const lesson = made.value;

  const times = Object.fromEntries(STEPS.map((s) => [s, [] as number[]])) as Record<Step, number[]>;
  const baseline = async () => {
    const [ms, copies] = await timed(() => Promise.all(students.map((s) => createNotebook(db, { from: lesson.slug, ownerId: s.id, visibility: "private" }, s))));
    if (!copies.every((c) => c.ok)) throw new Error("a plain copy failed");
    times.baseline.push(ms);
  };

  for (let round = 0; round < ROUNDS; round++) {
    const klass = await createClass(db, teacher.id, `Round ${round + 1}`);
    if (!klass.ok) throw new Error(klass.message);
    const { joinCode } = await db.classroom.findUniqueOrThrow({ where: { id: klass.value.id }, select: { joinCode: true } });
    await Promise.all(students.map((s) => joinClass(db, s.id, joinCode)));
    if (round % 2 === 1) await baseline();

    const [assignMs, assigned] = await timed(() => createAssignment(db, teacher, klass.value.id, { notebook: lesson.slug, title: "Python Internals" }));
    if (!assigned.ok) throw new Error(assigned.message);
    times.assign.push(assignMs);

    const open = () => Promise.all(students.map((s) => openAssignment(db, s.id, assigned.value.id)));
    const slugsOf = (results: Awaited<ReturnType<typeof open>>) =>
      results.map((r) => {
        if (!r.ok) throw new Error(`openAssignment: ${r.code}: ${r.message}`);
        return r.value.slug;
      });
    const [firstMs, first] = await timed(open);
    times.firstOpens.push(firstMs);
    const [repeatMs, repeat] = await timed(open);
    times.repeatOpens.push(repeatMs);
    const slugs = slugsOf(first);
    if (new Set(slugs).size !== STUDENTS || slugsOf(repeat).join() !== slugs.join()) throw new Error("the copies are not one per student");

    const grid = async (step: Step) => {
      const [ms, result] = await timed(() => classGrid(db, teacher.id, klass.value.id));
      const row = result?.progress[assigned.value.id];
      if (!row || Object.values(row).filter((p) => p.status === "working").length !== STUDENTS) throw new Error("the grid misses students");
      times[step].push(ms);
    };
    await grid("gridUntouched");
    const copies = await db.assignmentCopy.findMany({ where: { assignmentId: assigned.value.id }, take: LIVE, select: { notebookId: true } });
    for (const [i, copy] of copies.entries()) {
      await changeDocument(copy.notebookId, (doc) => insertCell(doc, { type: "code", source: `answer = ${i}` }, userOrigin(`student-${i}`)));
    }
    await grid("gridLive");

    if (round % 2 === 0) await baseline();
    console.error(`${backend.name}: round ${round + 1} of ${ROUNDS} done`);
  }
  return times;
}

const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);
const median = (values: readonly number[]) => sorted(values)[Math.floor(values.length / 2)]!;
const f = (ms: number) => (ms < 100 ? ms.toFixed(1) : ms.toFixed(0));

const backends: Backend[] = [sqlite()];
const pgUrl = process.env.TEST_DATABASE_URL?.trim();
if (pgUrl) backends.push(await postgres(pgUrl));

const rows: string[] = [];
const ratios: string[] = [];
for (const backend of backends) {
  try {
    const times = await measure(backend);
    for (const step of STEPS) {
      const values = sorted(times[step]);
      // Assigning is done once for the class, not per student.
      const perStudent = step === "assign" ? "" : (median(values) / STUDENTS).toFixed(2);
      rows.push(`| ${backend.name} | ${LABELS[step]} | ${f(median(values))} | ${f(values[0]!)} / ${f(values.at(-1)!)} | ${perStudent} |`);
    }
    // Paired by round (the same database size and machine moment), then the median.
    const paired = sorted(times.firstOpens.map((ms, i) => ms / times.baseline[i]!));
    ratios.push(`${backend.name}: first opens over plain copies, per round: ${paired.map((r) => `${r.toFixed(2)}x`).join(", ")}; median ${median(paired).toFixed(2)}x`);
  } finally {
    await disconnectDb();
    await backend.cleanup();
  }
}

console.log(`A class of ${STUDENTS}, ${ROUNDS} rounds, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.versions.node}`);
console.log("");
console.log(`| database | step | median (ms) | fastest / slowest (ms) | median per student (ms) |`);
console.log("|---|---|---|---|---|");
for (const row of rows) console.log(row);
console.log("");
for (const ratio of ratios) console.log(ratio);
process.exit(0);
