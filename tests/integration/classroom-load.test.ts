/**
 * The classroom under load, on each database: the Python Internals lesson, with one hidden and one
 * visible check, assigned to a class of 200 who all open it at once (some from two tabs). Each
 * student gets exactly one copy of their own, private; a change to one copy reaches no other copy
 * and not the original, whose stored state is byte for byte what it was before it was assigned;
 * the hidden check's code is in no copy; the teacher's grid lists everyone, and reads every copy
 * while students read only their own.
 *
 * No timings are asserted here: speed is measured by `npm run bench:classroom` (BENCHMARKS.md).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentFromIpynb, insertCell, LOAD, parseCellId, parseLenientIpynb, setSource, snapshotNotebook, userOrigin } from "@/lib/notebook";
import { readCheck, setCellCheck } from "@/lib/notebook/checks";
import { createAssignment, openAssignment } from "@/lib/server/classroom/assignments";
import { createClass, joinClass } from "@/lib/server/classroom/classes";
import { classGrid } from "@/lib/server/classroom/progress";
import { changeDocument, readDocument } from "@/lib/server/documents/service";
import { disconnectDb, getDb } from "@/lib/server/db/client";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { accessSelect, canRead, roleOf, type AccessViewer } from "@/lib/server/notebooks/access";
import { createNotebook } from "@/lib/server/notebooks/create";
import { projectRoot, testBackends } from "../support/databases";

const STUDENTS = 200;
/** Students who open the assignment from a second tab at the same moment, the first time. */
const TWO_TABS = 20;
const SLOW = 120_000;
const HIDDEN_CELL = "ex-identity-check";
const VISIBLE_CELL = "ex-gc-check";

type Person = AccessViewer & { name: string };

function lessonWithChecks(): { doc: Y.Doc; hiddenSource: string; visibleSource: string; otherSources: string[] } {
  const parsed = parseLenientIpynb(readFileSync(path.join(projectRoot, "notebooks/python-internals.ipynb"), "utf8"));
  if (!parsed.ok) throw new Error(parsed.message);
  const doc = documentFromIpynb(parsed.value);
  // The lesson has a visible check after each exercise: keep one, make another hidden, unmark the rest.
  for (const cell of snapshotNotebook(doc).cells) {
    if (readCheck(cell.metadata) && cell.id !== VISIBLE_CELL && cell.id !== HIDDEN_CELL) setCellCheck(doc, cell.id, null, LOAD);
  }
  expect(setCellCheck(doc, parseCellId(HIDDEN_CELL), { hidden: true }, LOAD)).toBe(true);
  expect(setCellCheck(doc, parseCellId(VISIBLE_CELL), { hidden: false }, LOAD)).toBe(true);
  const cells = snapshotNotebook(doc).cells;
  const source = (id: string) => cells.find((c) => c.id === id)!.source;
  return { doc, hiddenSource: source(HIDDEN_CELL), visibleSource: source(VISIBLE_CELL), otherSources: cells.filter((c) => c.id !== HIDDEN_CELL).map((c) => c.source) };
}

/** Lines of the hidden check's code that no other cell has: none of them may leak into a copy. */
function telltaleLines(hidden: string, others: readonly string[]): string[] {
  const lines = hidden.split("\n").map((l) => l.trim()).filter((l) => l.length >= 12);
  return lines.filter((line) => !others.some((o) => o.includes(line)));
}

const stateOf = (doc: Y.Doc | null) => {
  if (!doc) throw new Error("A notebook went missing");
  return { bytes: Buffer.from(Y.encodeStateAsUpdate(doc)), cells: JSON.stringify(snapshotNotebook(doc).cells) };
};

for (const backend of testBackends()) {
  describe(`a class of ${STUDENTS} on ${backend.name}`, () => {
    let cleanup: () => Promise<void>;
    let teacher: Person;
    let students: Person[];
    let classId: string;
    let original: { id: string; slug: string };
    let originalBefore: { snapshot: Buffer; updates: number };
    let assignmentId: string;
    let lesson: ReturnType<typeof lessonWithChecks>;
    /** Each student's copy's slug, by the student's index, once the first test has made them. */
    let openedSlugs: string[] | undefined;
    const opened = (): string[] => {
      if (!openedSlugs) throw new Error("The copies were not all made: see the first test's failure");
      return openedSlugs;
    };

    const stored = async (notebookId: string) => {
      const row = await getDb().notebookDocument.findUniqueOrThrow({ where: { notebookId }, select: { snapshot: true } });
      return { snapshot: Buffer.from(row.snapshot), updates: await getDb().notebookUpdate.count({ where: { notebookId } }) };
    };

    beforeAll(async () => {
      const made = await backend.makeConfig();
      cleanup = made.cleanup;
      await migrateDatabase(made.config);
      const db = getDb(made.config);
      const select = { id: true, email: true, name: true } as const;
      teacher = await db.user.create({ data: { name: "Teacher", email: "teacher@example.com" }, select });
      // Names sort in index order, as classGrid sorts its students.
      students = [];
      for (let i = 0; i < STUDENTS; i++) {
        const n = String(i).padStart(3, "0");
        students.push(await db.user.create({ data: { name: `Student ${n}`, email: `student${n}@example.com` }, select }));
      }
      const klass = await createClass(db, teacher.id, "Internals, autumn");
      if (!klass.ok) throw new Error(klass.message);
      classId = klass.value.id;
      const code = (await db.classroom.findUniqueOrThrow({ where: { id: classId }, select: { joinCode: true } })).joinCode;
      const joined = await Promise.all(students.map((s) => joinClass(db, s.id, code.toLowerCase())));
      expect(joined.every((j) => j.ok && j.value.id === classId)).toBe(true);

      lesson = lessonWithChecks();
      const notebook = await createNotebook(db, { title: "Python Internals, with checks", visibility: "private", ownerId: teacher.id, document: lesson.doc }, teacher);
      if (!notebook.ok) throw new Error(notebook.message);
      original = notebook.value;
      originalBefore = await stored(original.id);
    }, SLOW);

    afterAll(async () => {
      await disconnectDb();
      await cleanup?.();
    });

    it(
      "gives each of 200 students exactly one private copy of their own, however many times and tabs they open it",
      async () => {
        const db = getDb();
        const assigned = await createAssignment(db, teacher, classId, { notebook: original.slug, title: "Python Internals", instructions: "Make every check pass." });
        if (!assigned.ok) throw new Error(assigned.message);
        assignmentId = assigned.value.id;

        // Everyone at once, the first time; some from two tabs (a race for the same copy).
        const first = await Promise.all([...students, ...students.slice(0, TWO_TABS)].map((s) => openAssignment(db, s.id, assignmentId)));
        const firstSlugs = first.map((r) => {
          if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
          return r.value.slug;
        });
        const slugs = firstSlugs.slice(0, STUDENTS);
        // The two tabs agree.
        expect(firstSlugs.slice(STUDENTS)).toEqual(slugs.slice(0, TWO_TABS));
        expect(new Set(slugs).size).toBe(STUDENTS);

        // Everyone again, some twice: the same copies, nothing new.
        const again = [...students, ...students.slice(0, 50), ...students.slice(-50)];
        const second = await Promise.all(again.map((s) => openAssignment(db, s.id, assignmentId)));
        expect(second.map((r) => (r.ok ? r.value.slug : r.code))).toEqual([...slugs, ...slugs.slice(0, 50), ...slugs.slice(-50)]);

        expect(await db.assignmentCopy.count({ where: { assignmentId } })).toBe(STUDENTS);
        const copies = await db.assignmentCopy.findMany({
          where: { assignmentId },
          select: { studentId: true, status: true, notebook: { select: { id: true, slug: true, ownerId: true, visibility: true } } },
        });
        expect(new Set(copies.map((c) => c.notebook.id)).size).toBe(STUDENTS);
        const byStudent = new Map(copies.map((c) => [c.studentId, c]));
        students.forEach((s, i) => {
          const copy = byStudent.get(s.id);
          expect(copy?.notebook).toMatchObject({ slug: slugs[i], ownerId: s.id, visibility: "private" });
          expect(copy?.status).toBe("working");
        });
        // The class's notebooks: the original and one per student.
        expect(await db.notebook.count()).toBe(STUDENTS + 1);
        // Assigning and opening left the original exactly as it was.
        expect(await stored(original.id)).toEqual(originalBefore);
        openedSlugs = slugs;
      },
      SLOW,
    );

    it(
      "keeps 200 independent documents: a change to one copy reaches no other copy and not the original",
      async () => {
        const db = getDb();
        const slugs = opened();
        const rows = await db.notebook.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
        const ids = slugs.map((slug) => rows.find((r) => r.slug === slug)!.id);
        const all = [original.id, ...ids];
        const before = await Promise.all(all.map(async (id) => stateOf(await readDocument(id))));
        // Every copy starts alike (the starting document), and unlike the original (checks locked, hidden code out).
        expect(new Set(before.slice(1).map((s) => s.cells)).size).toBe(1);
        expect(before[1]!.cells).not.toBe(before[0]!.cells);

        const changed = ids[0]!;
        const student = userOrigin("student-000");
        expect(
          await changeDocument(changed, (doc) => {
            insertCell(doc, { type: "code", source: "mine = 'only in copy 0'" }, student);
            setSource(doc, parseCellId("ex-imports"), "import sys  # rewritten in copy 0", student);
          }),
        ).toBe(true);

        const after = await Promise.all(all.map(async (id) => stateOf(await readDocument(id))));
        all.forEach((id, i) => {
          if (id === changed) return;
          expect(after[i]!.bytes.equals(before[i]!.bytes), `notebook ${i} (${id}) changed`).toBe(true);
          expect(after[i]!.cells).toBe(before[i]!.cells);
        });
        const mine = after[1]!;
        expect(mine.bytes.equals(before[1]!.bytes)).toBe(false);
        expect(mine.cells).toContain("only in copy 0");
        expect(mine.cells).toContain("rewritten in copy 0");
        expect(after.filter((s) => s.cells.includes("copy 0"))).toHaveLength(1);

        // The change was logged for that copy alone; the original's stored state is untouched.
        expect(await db.notebookUpdate.count()).toBe(1);
        expect(await db.notebookUpdate.count({ where: { notebookId: changed } })).toBe(1);
        expect(await stored(original.id)).toEqual(originalBefore);
      },
      SLOW,
    );

    it(
      "leaves the hidden check's code out of every copy's stored bytes and cells, and keeps the visible one",
      async () => {
        const db = getDb();
        opened();
        const telltales = telltaleLines(lesson.hiddenSource, lesson.otherSources);
        expect(telltales.length).toBeGreaterThan(0);
        const secrets = [lesson.hiddenSource, ...telltales];
        // The original keeps it: the search does find code where it is.
        const own = await stored(original.id);
        for (const secret of secrets) expect(own.snapshot.includes(secret), secret).toBe(true);

        const assignment = await db.assignment.findUniqueOrThrow({ where: { id: assignmentId }, select: { snapshot: true } });
        for (const secret of secrets) expect(Buffer.from(assignment.snapshot).includes(secret), secret).toBe(false);

        const copies = await db.assignmentCopy.findMany({
          where: { assignmentId },
          select: { notebook: { select: { document: { select: { snapshot: true, cells: true, searchText: true } }, updates: { select: { update: true } } } } },
        });
        expect(copies).toHaveLength(STUDENTS);
        for (const { notebook } of copies) {
          const document = notebook.document!;
          const bytes = Buffer.from(document.snapshot);
          const cellRows = JSON.parse(document.cells) as { id: string; source: string | string[] }[];
          const cells = JSON.stringify(cellRows);
          const text = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join("") : s);
          const sources = cellRows.map((c) => text(c.source)).join("\n");
          const logged = notebook.updates.map((u) => Buffer.from(u.update));
          for (const secret of secrets) {
            expect(bytes.includes(secret), `snapshot holds ${JSON.stringify(secret)}`).toBe(false);
            expect(cells.includes(JSON.stringify(secret).slice(1, -1)), `cells hold ${JSON.stringify(secret)}`).toBe(false);
            expect(sources.includes(secret), `cells hold ${JSON.stringify(secret)}`).toBe(false);
            expect(document.searchText.includes(secret.toLowerCase())).toBe(false);
            expect(logged.some((u) => u.includes(secret))).toBe(false);
          }
          expect(bytes.includes(lesson.visibleSource)).toBe(true);
          const hidden = cellRows.find((c) => c.id === HIDDEN_CELL);
          const visible = cellRows.find((c) => c.id === VISIBLE_CELL);
          expect(text(hidden?.source)).toBe("");
          expect(text(visible?.source)).toBe(lesson.visibleSource);
        }
      },
      SLOW,
    );

    it(
      "lists all 200 students as working in the teacher's grid, and lets the teacher, not another student, read a copy",
      async () => {
        const db = getDb();
        const slugs = opened();
        const grid = await classGrid(db, teacher.id, classId);
        expect(grid).not.toBeNull();
        expect(grid!.assignments.map((a) => a.id)).toEqual([assignmentId]);
        expect(grid!.assignments[0]!.checks.map((c) => [c.cellId, c.hidden])).toEqual([
          [VISIBLE_CELL, false],
          [HIDDEN_CELL, true],
        ]);
        expect(grid!.students.map((s) => s.id)).toEqual(students.map((s) => s.id));
        const row = grid!.progress[assignmentId]!;
        expect(Object.keys(row)).toHaveLength(STUDENTS);
        students.forEach((s, i) => {
          expect(row[s.id]).toMatchObject({ status: "working", slug: slugs[i], missing: false });
          expect(row[s.id]!.checks.map((c) => c.state)).toEqual(["not_run", "not_run"]);
        });
        // A student has no grid.
        expect(await classGrid(db, students[0]!.id, classId)).toBeNull();

        const subject = (slug: string, viewer: Person | null) => db.notebook.findUniqueOrThrow({ where: { slug }, select: accessSelect(viewer) });
        for (let i = 0; i < STUDENTS; i++) {
          const owner = students[i]!;
          const neighbour = students[(i + 1) % STUDENTS]!;
          const slug = slugs[i]!;
          expect(roleOf(await subject(slug, owner), owner)).toBe("owner");
          expect(canRead(await subject(slug, neighbour), neighbour), `student ${(i + 1) % STUDENTS} reads copy ${i}`).toBe(false);
          expect(roleOf(await subject(slug, teacher), teacher)).toBe("teacher");
        }
        expect(canRead(await subject(slugs[0]!, null), null)).toBe(false);
      },
      SLOW,
    );
  });
}
