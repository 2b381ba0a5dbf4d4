/**
 * The classroom on each database: classes and join codes, who sees what (404 for everyone
 * outside), assigning (the source untouched, hidden checks out of the students' bytes), one copy
 * per student under concurrent opens, handing in and taking back around the due date, returning
 * with a note, the teacher's grid, and a copy that stays private.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { finishRun, insertCell, KERNEL, LOAD, snapshotNotebook, sourceHash, startRun } from "@/lib/notebook";
import { setCellCheck } from "@/lib/notebook/checks";
import { changeDocument, readDocument } from "@/lib/server/documents/service";
import { disconnectDb, getDb } from "@/lib/server/db/client";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { accessSelect, canRead, canWrite, roleOf, type AccessViewer } from "@/lib/server/notebooks/access";
import { blankDocument, createNotebook } from "@/lib/server/notebooks/create";
import { invite, setVisibility } from "@/lib/server/notebooks/sharing";
import { loadLibrary, trashNotebook } from "@/lib/server/notebooks/library";
import { addTeacher, createClass, joinClass, listClasses, loadClass, OLD_CODE_GRACE_MS, previewJoin, removeMember, replaceJoinCode } from "@/lib/server/classroom/classes";
import { createAssignment, hiddenChecksOf, openAssignment, returnCopy, submitCopy, unsubmitCopy } from "@/lib/server/classroom/assignments";
import { classGrid, copyContext, myAssignments, studentAssignments } from "@/lib/server/classroom/progress";
import { testBackends } from "../support/databases";

const HIDDEN = "assert double(21) == 42, 'double is off'";
const VISIBLE = "assert double(2) == 4";

type Person = AccessViewer & { name: string };

for (const backend of testBackends()) {
  describe(`classroom on ${backend.name}`, () => {
    let cleanup: () => Promise<void>;
    const p: Record<"tess" | "theo" | "ann" | "ben" | "eve", Person> = {} as never;

    beforeAll(async () => {
      const made = await backend.makeConfig();
      cleanup = made.cleanup;
      await migrateDatabase(made.config);
      getDb(made.config);
      for (const name of ["tess", "theo", "ann", "ben", "eve"] as const) {
        p[name] = await getDb().user.create({ data: { name: name[0]!.toUpperCase() + name.slice(1), email: `${name}@example.com` }, select: { id: true, email: true, name: true } });
      }
    });
    afterAll(async () => {
      await disconnectDb();
      await cleanup?.();
    });

    async function lessonWithChecks(): Promise<{ id: string; slug: string; visibleId: string; hiddenId: string }> {
      const doc = blankDocument();
      insertCell(doc, { type: "code", source: "def double(x):\n    return x  # TODO" }, LOAD);
      const visibleId = insertCell(doc, { type: "code", source: VISIBLE }, LOAD);
      const hiddenId = insertCell(doc, { type: "code", source: HIDDEN }, LOAD);
      setCellCheck(doc, visibleId, { hidden: false }, LOAD);
      setCellCheck(doc, hiddenId, { hidden: true }, LOAD);
      const made = await createNotebook(getDb(), { title: "Doubling", visibility: "private", ownerId: p.tess.id, document: doc }, p.tess);
      if (!made.ok) throw new Error(made.message);
      return { ...made.value, visibleId, hiddenId };
    }

    async function classWith(students: Person[]): Promise<string> {
      const made = await createClass(getDb(), p.tess.id, "  Python   101 ");
      if (!made.ok) throw new Error(made.message);
      const page = await loadClass(getDb(), p.tess.id, made.value.id);
      for (const s of students) expect(await joinClass(getDb(), s.id, page!.joinCode!.toLowerCase().replace(/(.{4})/, "$1-"))).toEqual({ ok: true, value: { id: made.value.id } });
      return made.value.id;
    }

    const readCopy = async (slug: string, viewer: Person | null) => {
      const row = await getDb().notebook.findUniqueOrThrow({ where: { slug }, select: { id: true, ...accessSelect(viewer) } });
      return { id: row.id, read: canRead(row, viewer), write: canWrite(row, viewer), role: roleOf(row, viewer) };
    };

    it("keeps a class to its members: codes, roster, teachers, removal", async () => {
      const classId = await classWith([p.ann]);
      const page = await loadClass(getDb(), p.tess.id, classId);
      expect(page).toMatchObject({ name: "Python 101", role: "teacher" });
      expect(page!.joinCode).toMatch(/^[A-HJ-KM-NP-Z2-9]{8}$/);
      expect(page!.students.map((s) => s.name)).toEqual(["Ann"]);
      // A student sees the teachers and themselves, never the code; a stranger sees nothing.
      expect(await loadClass(getDb(), p.ann.id, classId)).toMatchObject({ role: "student", joinCode: null });
      expect(await loadClass(getDb(), p.eve.id, classId)).toBeNull();
      expect(await joinClass(getDb(), p.eve.id, "NOPE-NOPE")).toMatchObject({ ok: false, code: "not_found" });
      expect(await createClass(getDb(), p.tess.id, "   ")).toMatchObject({ ok: false, code: "bad_request" });

      // Strangers and students cannot manage it.
      expect(await addTeacher(getDb(), p.ann.id, classId, p.eve.email)).toMatchObject({ ok: false, code: "not_found" });
      expect(await removeMember(getDb(), p.eve.id, classId, p.ann.id)).toMatchObject({ ok: false, code: "not_found" });
      expect(await addTeacher(getDb(), p.tess.id, classId, "nobody@example.com")).toMatchObject({ ok: false, code: "bad_request" });
      expect(await addTeacher(getDb(), p.tess.id, classId, " THEO@example.com ")).toEqual({ ok: true });
      expect((await listClasses(getDb(), p.theo.id)).map((c) => [c.name, c.role, c.students])).toEqual([["Python 101", "teacher", 1]]);

      // A new code retires the old one; a teacher re-joining keeps their role.
      const old = page!.joinCode!;
      const renewed = await replaceJoinCode(getDb(), p.theo.id, classId);
      expect(renewed.ok && renewed.value.joinCode !== old).toBe(true);
      expect(await joinClass(getDb(), p.ben.id, old)).toMatchObject({ ok: false, code: "not_found" });
      await joinClass(getDb(), p.theo.id, (renewed as { value: { joinCode: string } }).value.joinCode);
      expect((await loadClass(getDb(), p.theo.id, classId))!.role).toBe("teacher");

      // Replaced with the old code kept: links already handed out work for a week, then stop.
      const current = (renewed as { value: { joinCode: string } }).value.joinCode;
      const now = new Date();
      const kept = await replaceJoinCode(getDb(), p.theo.id, classId, true, now);
      expect(kept.ok && kept.value.joinCode !== current).toBe(true);
      expect((await previewJoin(getDb(), p.ben.id, current))?.id).toBe(classId);
      expect((await loadClass(getDb(), p.tess.id, classId))!.previousCode).toEqual({ code: current, until: new Date(now.getTime() + OLD_CODE_GRACE_MS) });
      expect((await loadClass(getDb(), p.ann.id, classId))!.previousCode).toBeNull(); // a student is not shown it
      await getDb().classroom.update({ where: { id: classId }, data: { previousCodeUntil: new Date(Date.now() - 1000) } });
      expect(await previewJoin(getDb(), p.ben.id, current)).toBeNull();
      expect(await joinClass(getDb(), p.ben.id, current)).toMatchObject({ ok: false, code: "not_found" });
      expect((await loadClass(getDb(), p.tess.id, classId))!.previousCode).toBeNull();
      await getDb().classroom.update({ where: { id: classId }, data: { previousCodeUntil: new Date(Date.now() + 60_000) } });
      expect((await joinClass(getDb(), p.ben.id, current)).ok).toBe(true);
      // The next replacement without keeping retires it at once.
      await replaceJoinCode(getDb(), p.theo.id, classId);
      expect(await previewJoin(getDb(), p.eve.id, current)).toBeNull();
      await removeMember(getDb(), p.tess.id, classId, p.ben.id);

      expect(await removeMember(getDb(), p.tess.id, classId, p.ann.id)).toEqual({ ok: true });
      expect(await loadClass(getDb(), p.ann.id, classId)).toBeNull();
      await removeMember(getDb(), p.tess.id, classId, p.theo.id);
      expect(await removeMember(getDb(), p.tess.id, classId, p.tess.id)).toMatchObject({ ok: false, code: "bad_request" });
    });

    it("assigns a notebook: the source untouched, the hidden check's code in no student's bytes", async () => {
      const source = await lessonWithChecks();
      const classId = await classWith([p.ann, p.ben]);
      const sourceBefore = await getDb().notebookDocument.findUniqueOrThrow({ where: { notebookId: source.id }, select: { snapshot: true } });

      expect(await createAssignment(getDb(), p.ann, classId, { notebook: source.slug, title: "Mine" })).toMatchObject({ ok: false, code: "not_found" });
      expect(await createAssignment(getDb(), p.tess, classId, { notebook: "no-such-notebook", title: "X" })).toMatchObject({ ok: false, code: "bad_request" });
      expect(await createAssignment(getDb(), p.tess, classId, { notebook: source.slug, title: " ", dueAt: "" })).toMatchObject({ ok: false, code: "bad_request" });
      expect(await createAssignment(getDb(), p.tess, classId, { notebook: source.slug, title: "Doubling", dueAt: "next week" })).toMatchObject({ ok: false, message: "The due date is not a date." });
      // Theo (not a teacher of this class) may not assign it, even a notebook he could read.
      expect(await createAssignment(getDb(), p.theo, classId, { notebook: source.slug, title: "Doubling" })).toMatchObject({ ok: false, code: "not_found" });

      const made = await createAssignment(getDb(), p.tess, classId, { notebook: source.slug, title: "Doubling", instructions: "Fix double()." });
      if (!made.ok) throw new Error(made.message);

      // Both students open it at once, twice each: one copy each.
      const opens = await Promise.all([p.ann, p.ann, p.ben, p.ann, p.ben].map((s) => openAssignment(getDb(), s.id, made.value.id)));
      const slugs = opens.map((o) => (o.ok ? o.value.slug : o.message));
      expect(new Set([slugs[0], slugs[1], slugs[3]]).size).toBe(1);
      expect(slugs[2]).toBe(slugs[4]);
      expect(slugs[0]).not.toBe(slugs[2]);
      expect(await getDb().assignmentCopy.count({ where: { assignmentId: made.value.id } })).toBe(2);
      expect(await getDb().notebook.count({ where: { title: "Doubling" } })).toBe(3);
      expect(await openAssignment(getDb(), p.tess.id, made.value.id)).toMatchObject({ ok: false, code: "teacher" });
      expect(await openAssignment(getDb(), p.eve.id, made.value.id)).toMatchObject({ ok: false, code: "not_found" });

      const annSlug = slugs[0]!;
      const copyRow = await getDb().notebook.findUniqueOrThrow({ where: { slug: annSlug }, select: { id: true, document: { select: { snapshot: true, cells: true } } } });
      expect(Buffer.from(copyRow.document!.snapshot).toString("latin1")).not.toContain("double(21)");
      expect(copyRow.document!.cells).not.toContain("double(21)");
      expect(copyRow.document!.cells).toContain(VISIBLE);
      const cells = snapshotNotebook((await readDocument(copyRow.id))!).cells;
      expect(cells.find((c) => c.id === source.hiddenId)).toMatchObject({ source: "", metadata: { editable: false, deletable: false, tandem: { check: { hidden: true } } } });
      expect(cells.find((c) => c.id === source.visibleId)).toMatchObject({ source: VISIBLE, metadata: { editable: false } });

      // Who reaches the copy: its student (owner), the class's teachers; not the other student.
      expect(await readCopy(annSlug, p.ann)).toMatchObject({ read: true, write: true, role: "owner" });
      expect(await readCopy(annSlug, p.tess)).toMatchObject({ read: true, write: true, role: "teacher" });
      expect(await readCopy(annSlug, p.ben)).toMatchObject({ read: false });
      expect(await readCopy(annSlug, p.eve)).toMatchObject({ read: false });
      expect(await readCopy(annSlug, null)).toMatchObject({ read: false });
      // The hidden checks' code: the class's teachers only, not even the copy's student.
      expect(await hiddenChecksOf(getDb(), p.tess.id, copyRow.id)).toEqual([{ cellId: source.hiddenId, source: HIDDEN }]);
      expect(await hiddenChecksOf(getDb(), p.ann.id, copyRow.id)).toBeNull();
      expect(await hiddenChecksOf(getDb(), p.ben.id, copyRow.id)).toBeNull();
      expect(await hiddenChecksOf(getDb(), p.tess.id, source.id)).toBeNull();
      expect(await copyContext(getDb(), p.ben.id, copyRow.id)).toBeNull();

      // A copy stays between the student and the teachers.
      expect(await setVisibility(getDb(), p.ann.id, copyRow.id, { visibility: "public", linkRole: "viewer" })).toMatchObject({ ok: false, code: "bad_request" });
      expect(await invite(getDb(), p.ann.id, copyRow.id, { email: p.ben.email, role: "viewer" })).toMatchObject({ ok: false, code: "bad_request" });
      expect(await trashNotebook(getDb(), p.ann.id, copyRow.id)).toMatchObject({ ok: false, code: "bad_request" });
      // Her library says which class the copy is for.
      expect((await loadLibrary(getDb(), p.ann)).mine.find((n) => n.slug === annSlug)).toMatchObject({ assignmentClass: "Python 101" });

      // A teacher removed from the class loses the copies with it.
      expect(await addTeacher(getDb(), p.tess.id, classId, p.theo.email)).toEqual({ ok: true });
      expect(await readCopy(annSlug, p.theo)).toMatchObject({ role: "teacher" });
      await removeMember(getDb(), p.tess.id, classId, p.theo.id);
      expect(await readCopy(annSlug, p.theo)).toMatchObject({ read: false });

      // The source did not change.
      const sourceAfter = await getDb().notebookDocument.findUniqueOrThrow({ where: { notebookId: source.id }, select: { snapshot: true } });
      expect(Buffer.from(sourceAfter.snapshot).equals(Buffer.from(sourceBefore.snapshot))).toBe(true);
      expect(await getDb().notebookUpdate.count({ where: { notebookId: source.id } })).toBe(0);
    });

    it("hands in, takes back before the due date, marks late, returns with a note, and shows it all on the grid", async () => {
      const source = await lessonWithChecks();
      const classId = await classWith([p.ann, p.ben]);
      const due = new Date(Date.now() + 60 * 60 * 1000);
      const made = await createAssignment(getDb(), p.tess, classId, { notebook: source.slug, title: "Due soon", dueAt: due.toISOString() });
      if (!made.ok) throw new Error(made.message);
      const opened = await openAssignment(getDb(), p.ann.id, made.value.id);
      if (!opened.ok) throw new Error(opened.message);
      const annCopy = await getDb().notebook.findUniqueOrThrow({ where: { slug: opened.value.slug }, select: { id: true } });

      expect(await submitCopy(getDb(), p.ben.id, made.value.id)).toMatchObject({ ok: false, code: "not_found" });
      expect(await unsubmitCopy(getDb(), p.ann.id, made.value.id)).toMatchObject({ ok: false, code: "bad_request" });
      expect(await submitCopy(getDb(), p.ann.id, made.value.id)).toEqual({ ok: true });
      expect(await unsubmitCopy(getDb(), p.ann.id, made.value.id)).toEqual({ ok: true });
      const late = new Date(due.getTime() + 1000);
      expect(await submitCopy(getDb(), p.ann.id, made.value.id, late)).toEqual({ ok: true });
      expect(await unsubmitCopy(getDb(), p.ann.id, made.value.id, late)).toMatchObject({ ok: false, message: expect.stringContaining("due date has passed") });
      // Each hand-in saved the copy as a version, and the copy names the last one: what is graded.
      const { handedInVersionId } = await getDb().assignmentCopy.findUniqueOrThrow({ where: { notebookId: annCopy.id }, select: { handedInVersionId: true } });
      const handedIn = await getDb().notebookVersion.findMany({ where: { notebookId: annCopy.id }, orderBy: { createdAt: "asc" } });
      expect(handedIn.map((v) => [v.name, v.authorName])).toEqual([
        ["Handed in", "Ann"],
        ["Handed in", "Ann"],
      ]);
      expect(handedInVersionId).toBe(handedIn.at(-1)!.id);

      // The student's own view, and the teacher's, agree: late, with the checks not yet run.
      const mine = await studentAssignments(getDb(), p.ann.id, classId);
      expect(mine!.find((a) => a.assignment.id === made.value.id)!.progress).toMatchObject({ status: "submitted", late: true, lastActivity: null });
      expect(await studentAssignments(getDb(), p.tess.id, classId)).toBeNull();
      // Across her classes: what is due first comes first, handed-in work after the rest.
      const everything = await myAssignments(getDb(), p.ann.id);
      expect(everything.at(-1)).toMatchObject({ className: "Python 101", assignment: { id: made.value.id }, progress: { status: "submitted" } });
      expect(everything.every((a, i) => i === 0 || a.progress.status !== "working" || everything[i - 1]!.progress.status === "working")).toBe(true);
      expect(await myAssignments(getDb(), p.tess.id)).toEqual([]);

      // Ann's runs of the checks, as her kernel records them in her copy.
      await changeDocument(annCopy.id, (doc: Y.Doc) => {
        recordRun(doc, source.visibleId, "ok");
        recordRun(doc, source.hiddenId, "error");
      });
      const grid = await classGrid(getDb(), p.tess.id, classId);
      expect(grid!.students.map((s) => s.name)).toEqual(["Ann", "Ben"]);
      const ann = grid!.progress[made.value.id]![p.ann.id]!;
      expect(ann).toMatchObject({ status: "submitted", late: true, missing: false, slug: opened.value.slug });
      expect(ann.checks.map((c) => [c.state, c.by])).toEqual([
        ["passed", "Ann"],
        ["failed", "Ann"],
      ]);
      expect(ann.lastActivity).not.toBeNull();
      expect(grid!.progress[made.value.id]![p.ben.id]).toMatchObject({ status: "not_started", copyId: null });
      expect(await classGrid(getDb(), p.ann.id, classId)).toBeNull();

      expect(await returnCopy(getDb(), p.ann.id, ann.copyId!, "self-graded")).toMatchObject({ ok: false, code: "not_found" });
      expect(await returnCopy(getDb(), p.tess.id, ann.copyId!, "  Good work; see the comment on double().  ")).toEqual({ ok: true });
      const context = await copyContext(getDb(), p.ann.id, annCopy.id);
      expect(context).toMatchObject({ viewerRole: "student", className: "Python 101", studentName: "Ann", progress: { status: "returned", returnNote: "Good work; see the comment on double()." } });
      expect((await copyContext(getDb(), p.tess.id, annCopy.id))!.viewerRole).toBe("teacher");
      // Returned work can be handed in again.
      expect(await submitCopy(getDb(), p.ann.id, made.value.id)).toEqual({ ok: true });
    });
  });
}

/** A finished run of a cell by Ann, as the kernel runner writes it (runner.ts). */
function recordRun(doc: Y.Doc, cellId: string, status: "ok" | "error"): void {
  const source = snapshotNotebook(doc).cells.find((c) => c.id === cellId)!.source;
  const runId = `${cellId}:test`;
  const started = startRun(
    doc,
    cellId as never,
    { runId, by: { name: "Ann", color: "#2b8a3e" }, startedAt: new Date().toISOString(), finishedAt: null, status: "running", executionCount: null, python: "3.14.0", sourceHash: sourceHash(source), source: null },
    KERNEL,
  );
  if (!started) throw new Error(`could not start a run of ${cellId}`);
  finishRun(doc, cellId as never, runId, { status, executionCount: 1, finishedAt: new Date().toISOString(), python: "3.14.0" }, KERNEL);
}
