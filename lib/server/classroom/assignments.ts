/**
 * Assignments: a teacher gives a class a notebook they may read (their own, or a lesson) with a
 * title, instructions and an optional due date. Its starting state is taken then
 * (starting-document.ts), so the source never changes and later edits to it reach nobody.
 *
 * A student's copy is made the first time they open the assignment: exactly one per student. The
 * unique key (assignment, student) settles a race (two tabs, a double click): the loser's
 * write rolls back, notebook and all, and it opens the winner's copy.
 *
 * Status: "not started" (no copy), "working", "submitted", "returned". A student may submit,
 * and take a submission back before their due date (an extension moves it: extensions.ts); one
 * made after it is late. With lockAtDue the copy turns read-only at that date until returned
 * (ADR 0006: notebooks/access.ts, deadlines.ts). A teacher returns a copy with an overall note;
 * the student may then work on and submit again.
 */
import * as Y from "yjs";
import { z } from "zod";
import { readDocument } from "../documents/service";
import type { Db } from "../db/client";
import { materializeDocument } from "../documents/materialize";
import type { AccessViewer } from "../notebooks/access";
import { makeSlug } from "../notebooks/create";
import { findReadable } from "../notebooks/readable";
import { storeVersion } from "../notebooks/versions";
import { accessChanged, progressChanged } from "../collab/notebook-events";
import { effectiveDue } from "../../classroom/due";
import { classChanged } from "./class-events";
import { deadlinesChanged } from "./deadlines";
import { done, fail, ok, type Result } from "../../util/result";
import { CLASS_NOT_FOUND, classRole, type ClassAction } from "./classes";
import { startingDocument, type HiddenCheck } from "./starting-document";

/** The most an assignment without checks may be out of. */
export const ASSIGNMENT_POINTS_MAX = 10_000;

export const ASSIGNMENT_NOT_FOUND = fail("not_found", "There is no such assignment.");
/** Locking at the due date needs one (an extension alone is a single student's). */
export const LOCK_NEEDS_DUE = fail("bad_request", "Locking copies at the due date needs a due date: set one, or untick the lock.");
const HAND_INS_CLOSED = fail("bad_request", "Your teacher has closed hand-ins for this assignment.");

/**
 * The body of POST /api/classes/<id>/assignments: only its shape, so that someone who is not the
 * class's teacher learns nothing from a 400; createAssignment checks the values (assignmentInput).
 */
export const createAssignmentInput = z
  .object({ notebook: z.string(), title: z.string(), instructions: z.string().optional(), dueAt: z.string().optional(), lockAtDue: z.boolean().optional(), points: z.number().optional() })
  .describe("{ notebook: string, title: string, instructions?: string, dueAt?: string, lockAtDue?: boolean, points?: number }");

/** The body of POST /api/copies/<id>/return. */
export const returnCopyInput = z.object({ note: z.string().default("") }).describe("{ note?: string }");

export const assignmentInput = z.object({
  /** The slug of the notebook to assign. */
  notebook: z.string().min(1, "Choose a notebook to assign."),
  title: z.string().transform((s) => s.replace(/\s+/g, " ").trim()).pipe(z.string().min(1, "An assignment needs a title.").max(200, "A title has at most 200 characters.")),
  instructions: z.string().max(20_000, "Instructions have at most 20,000 characters.").default(""),
  /** ISO 8601, or empty for none. */
  dueAt: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return null;
      const date = new Date(s);
      if (Number.isNaN(date.getTime())) {
        ctx.addIssue({ code: "custom", message: "The due date is not a date." });
        return z.NEVER;
      }
      return date;
    }),
  /** Students' copies become read-only at their due date (ADR 0006). */
  lockAtDue: z.boolean().default(false),
  /** What it is out of when it has no checks (with checks: their points). */
  points: z
    .number()
    .refine((n) => Number.isFinite(n) && n > 0 && n <= ASSIGNMENT_POINTS_MAX, `An assignment is worth more than 0 and at most ${ASSIGNMENT_POINTS_MAX.toLocaleString("en")} points.`)
    .default(10),
});

export async function createAssignment(db: Db, viewer: AccessViewer, classId: string, input: z.input<typeof assignmentInput>): Promise<ClassAction<{ id: string }>> {
  if ((await classRole(db, viewer.id, classId)) !== "teacher") return CLASS_NOT_FOUND;
  const room = await db.classroom.findUniqueOrThrow({ where: { id: classId }, select: { archivedAt: true } });
  if (room.archivedAt) return fail("bad_request", "This class is archived: restore it to assign new work.");
  const parsed = assignmentInput.safeParse(input);
  if (!parsed.success) return fail("bad_request", parsed.error.issues[0]!.message);
  if (parsed.data.lockAtDue && !parsed.data.dueAt) return LOCK_NEEDS_DUE;
  const source = await findReadable(db, viewer, { slug: parsed.data.notebook });
  if (!source) return fail("bad_request", "There is no such notebook to assign.");
  const doc = await readDocument(source.id);
  if (!doc) return fail("bad_request", "There is no such notebook to assign.");
  const start = startingDocument(doc);
  // Hidden checks stay hidden only if their notebook does: a public one (any student may find and
  // open it) would show them. (A link is a secret its owner hands out: the source of an assignment
  // is not linked from anything a student sees.)
  if (start.hiddenChecks.length > 0 && source.row.visibility === "public") {
    return fail(
      "bad_request",
      source.role === "owner"
        ? "This notebook has hidden checks, and it is public: any student could open it and read them. Make it private (Share → General access), then assign it."
        : "This notebook has hidden checks, and it is public: any student could open it and read them. Fork it, keep your fork private, and assign the fork.",
    );
  }
  const row = await db.assignment.create({
    data: {
      classId,
      sourceId: source.id,
      title: parsed.data.title,
      instructions: parsed.data.instructions.trim(),
      dueAt: parsed.data.dueAt,
      lockAtDue: parsed.data.lockAtDue,
      points: parsed.data.points,
      snapshot: start.snapshot,
      checks: start.checks as unknown as object,
      hiddenChecks: start.hiddenChecks as unknown as object,
      createdById: viewer.id,
    },
    select: { id: true },
  });
  classChanged(classId);
  if (parsed.data.lockAtDue) deadlinesChanged();
  return ok({ id: row.id });
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * The student's copy of an assignment, made now if they have none: its notebook's slug. Teachers
 * are told so (they open the source, or a student's copy from the grid).
 */
export async function openAssignment(db: Db, viewerId: string, assignmentId: string): Promise<Result<{ slug: string }, "not_found" | "teacher">> {
  const assignment = await db.assignment.findUnique({ where: { id: assignmentId }, select: { id: true, classId: true, title: true, snapshot: true } });
  if (!assignment) return ASSIGNMENT_NOT_FOUND;
  const role = await classRole(db, viewerId, assignment.classId);
  if (role === "teacher") return fail("teacher", "Teachers open their students' copies from the class page.");
  if (role !== "student") return ASSIGNMENT_NOT_FOUND;
  // findFirst, not findUnique: Prisma batches concurrent findUniques on a compound key into one
  // query, which a class's worth of opens pushes past SQLite's bind-parameter limit.
  const find = () => db.assignmentCopy.findFirst({ where: { assignmentId, studentId: viewerId }, select: { notebook: { select: { slug: true } } } });
  const existing = await find();
  if (existing) return ok({ slug: existing.notebook.slug });

  const doc = new Y.Doc();
  Y.applyUpdate(doc, assignment.snapshot);
  try {
    // One nested write, so one statement batch in one transaction: the copy row's unique key
    // refuses a second copy and takes its notebook with it. (An interactive transaction here would
    // queue for a pooled connection and time out under a class's worth of first opens.)
    await db.assignmentCopy.create({
      data: {
        assignment: { connect: { id: assignmentId } },
        student: { connect: { id: viewerId } },
        notebook: {
          create: {
            slug: makeSlug(assignment.title),
            title: assignment.title,
            visibility: "private",
            owner: { connect: { id: viewerId } },
            document: { create: materializeDocument(doc) },
          },
        },
      },
      select: { id: true },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const made = await find();
  if (!made) throw new Error(`The copy of assignment ${assignmentId} for ${viewerId} was neither made nor found`);
  classChanged(assignment.classId); // "in progress" on the grids
  return ok({ slug: made.notebook.slug });
}

async function ownCopy(db: Db, viewerId: string, assignmentId: string) {
  const copy = await db.assignmentCopy.findFirst({
    where: { assignmentId, studentId: viewerId },
    select: {
      id: true,
      status: true,
      notebookId: true,
      student: { select: { name: true } },
      assignment: {
        select: { dueAt: true, classId: true, closedAt: true, classroom: { select: { archivedAt: true } }, extensions: { where: { studentId: viewerId }, select: { dueAt: true } } },
      },
    },
  });
  // A removed student keeps their copy but no longer hands it in.
  if (!copy || (await classRole(db, viewerId, copy.assignment.classId)) !== "student") return null;
  return copy;
}

export async function submitCopy(db: Db, viewerId: string, assignmentId: string, now = new Date()): Promise<ClassAction> {
  const copy = await ownCopy(db, viewerId, assignmentId);
  if (!copy) return ASSIGNMENT_NOT_FOUND;
  if (copy.status === "submitted") return done;
  if (copy.assignment.closedAt || copy.assignment.classroom.archivedAt) return HAND_INS_CLOSED;
  // What the teacher grades is the notebook as handed in: a version, whatever happens to it after.
  const version = await storeVersion(db, copy.notebookId, "Handed in", copy.student.name);
  await db.assignmentCopy.update({ where: { id: copy.id }, data: { status: "submitted", submittedAt: now, handedInVersionId: version } });
  // Handed in again after a return, past a due date that locks: the copy locks again now.
  await accessChanged(copy.notebookId);
  await progressChanged(copy.notebookId); // the student's other tabs and a teacher on the copy
  classChanged(copy.assignment.classId); // the teachers' grids
  return done;
}

export async function unsubmitCopy(db: Db, viewerId: string, assignmentId: string, now = new Date()): Promise<ClassAction> {
  const copy = await ownCopy(db, viewerId, assignmentId);
  if (!copy) return ASSIGNMENT_NOT_FOUND;
  if (copy.status !== "submitted") return fail("bad_request", "This assignment is not handed in.");
  if (copy.assignment.closedAt || copy.assignment.classroom.archivedAt) return HAND_INS_CLOSED;
  // Their own due date: an extension moves it (lib/classroom/due.ts).
  const due = effectiveDue(copy.assignment.dueAt, copy.assignment.extensions[0]?.dueAt);
  if (due && now >= due) return fail("bad_request", "The due date has passed: ask your teacher to return it instead.");
  await db.assignmentCopy.update({ where: { id: copy.id }, data: { status: "working", submittedAt: null } });
  await progressChanged(copy.notebookId);
  classChanged(copy.assignment.classId);
  return done;
}

/** A teacher of the class returns a copy, with an overall note for the student. */
export async function returnCopy(db: Db, viewerId: string, copyId: string, note: string, now = new Date()): Promise<ClassAction> {
  const copy = await db.assignmentCopy.findUnique({ where: { id: copyId }, select: { id: true, notebookId: true, assignment: { select: { classId: true } } } });
  if (!copy || (await classRole(db, viewerId, copy.assignment.classId)) !== "teacher") return fail("not_found", "There is no such copy.");
  const clean = note.trim();
  if (clean.length > 20_000) return fail("bad_request", "A note has at most 20,000 characters.");
  await db.assignmentCopy.update({ where: { id: copy.id }, data: { status: "returned", returnedAt: now, returnNote: clean || null } });
  // A returned copy is never locked at the due date: its student may write again, at once.
  await accessChanged(copy.notebookId);
  deadlinesChanged();
  await progressChanged(copy.notebookId); // the student sees the note at once, on an open copy
  classChanged(copy.assignment.classId);
  return done;
}

/**
 * The hidden checks of a copy: the class's teachers only (anyone else, the copy's own student
 * included: null, "not found"). Their code never reaches a student's browser, so a student's own
 * "Run checks" runs the visible checks only, and the teacher's Grade (grading.ts) is the result to
 * trust.
 */
export async function hiddenChecksOf(db: Db, viewerId: string, notebookId: string): Promise<HiddenCheck[] | null> {
  const copy = await db.assignmentCopy.findUnique({
    where: { notebookId },
    select: { assignment: { select: { classId: true, hiddenChecks: true } } },
  });
  if (!copy || (await classRole(db, viewerId, copy.assignment.classId)) !== "teacher") return null;
  return copy.assignment.hiddenChecks as unknown as HiddenCheck[];
}

/** What a teacher may assign: the lessons, then their own notebooks (not students' copies). */
export async function assignableNotebooks(db: Db, viewerId: string): Promise<{ slug: string; title: string; kind: "lesson" | "mine" }[]> {
  const [lessons, mine] = await Promise.all([
    db.lesson.findMany({ orderBy: { position: "asc" }, select: { title: true, notebook: { select: { slug: true } } } }),
    db.notebook.findMany({ where: { ownerId: viewerId, deletedAt: null, assignmentCopy: null }, orderBy: { updatedAt: "desc" }, select: { slug: true, title: true } }),
  ]);
  return [...lessons.map((l) => ({ slug: l.notebook.slug, title: l.title, kind: "lesson" as const })), ...mine.map((n) => ({ ...n, kind: "mine" as const }))];
}
