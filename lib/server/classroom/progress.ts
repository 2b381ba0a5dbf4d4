/**
 * Where everyone is: a student's own assignments with their status, the teacher's grid of
 * students by assignment (status, last activity, check results, grade, score), and the assignment facts
 * shown on a copy's page. A grade and a score reach the student only once their copy is returned.
 *
 * Check results come from each copy's run records (lib/notebook/checks.ts). A copy nobody has
 * open is read from its stored cells (JSON, no Yjs decoding); one with logged changes not yet
 * folded into that copy, or an open room, is read from its live document, so the grid is never
 * behind what the student did.
 */
import type { Db } from "../db/client";
import { storedCells } from "../documents/materialize";
import { readDocument } from "../documents/service";
import { parseExecution, snapshotNotebook } from "../../notebook";
import { checkResults, type CheckSpec } from "../../notebook/checks";
import type { AssignmentSummary, CopyNeighbours, ClassGrid, CopyContext, CopyProgress, CopyStatus, GradeSummary, ScoreSummary } from "../../classroom/progress-types";
import { effectiveDue, lockedAtDue } from "../../classroom/due";
import { classRole } from "./classes";
import { assignmentMaxPoints } from "./scores";

export type { AssignmentSummary, ClassGrid, CopyContext, CopyProgress, CopyStatus, GradeSummary, ScoreSummary };

const copySelect = {
  id: true,
  assignmentId: true,
  studentId: true,
  status: true,
  submittedAt: true,
  returnedAt: true,
  returnNote: true,
  handedInVersionId: true,
  createdAt: true,
  grade: { select: { versionId: true, passed: true, total: true, points: true, maxPoints: true, gradedAt: true, gradedBy: { select: { name: true } } } },
  score: true,
  scoreNote: true,
  scoredAt: true,
  scoredBy: { select: { name: true } },
  notebook: {
    select: {
      id: true,
      slug: true,
      document: { select: { cells: true, updatedAt: true } },
      updates: { select: { createdAt: true }, orderBy: { id: "desc" }, take: 1 },
    },
  },
} as const;

type CopyRow = {
  id: string;
  status: string;
  submittedAt: Date | null;
  returnedAt: Date | null;
  returnNote: string | null;
  handedInVersionId: string | null;
  createdAt: Date;
  grade: { versionId: string; passed: number; total: number; points: number; maxPoints: number; gradedAt: Date; gradedBy: { name: string } | null } | null;
  score: number | null;
  scoreNote: string | null;
  scoredAt: Date | null;
  scoredBy: { name: string } | null;
  notebook: { id: string; slug: string; document: { cells: string; updatedAt: Date } | null; updates: { createdAt: Date }[] };
};

const asStatus = (s: string): CopyStatus => (s === "submitted" || s === "returned" ? s : "working");

async function cellsOf(copy: CopyRow) {
  if (copy.notebook.updates.length > 0) {
    const doc = await readDocument(copy.notebook.id);
    if (doc) return snapshotNotebook(doc).cells;
  }
  const cells = copy.notebook.document ? (storedCells(copy.notebook.document.cells) as { id?: string; source?: string | string[]; metadata?: { tandem?: { execution?: unknown } } }[]) : [];
  return cells.map((c) => ({
    id: c.id ?? "",
    source: Array.isArray(c.source) ? c.source.join("") : (c.source ?? ""),
    execution: parseExecution(c.metadata?.tandem?.execution),
  }));
}

/** Whose progress it is: the student's own view, or a teacher's. */
type Audience = "student" | "teacher";

/** The copy's grade as `audience` may see it: a student only once the copy is returned. */
function gradeOf(copy: CopyRow, status: CopyStatus, audience: Audience): GradeSummary | null {
  const grade = copy.grade;
  if (!grade || (audience === "student" && status !== "returned")) return null;
  return {
    passed: grade.passed,
    total: grade.total,
    points: grade.points,
    maxPoints: grade.maxPoints,
    gradedAt: grade.gradedAt.toISOString(),
    gradedBy: grade.gradedBy?.name ?? null,
    stale: grade.versionId !== copy.handedInVersionId,
  };
}

/**
 * The copy's overall score as `audience` may see it (as its grade: a student's once returned): the
 * teacher's own when set, else the grade's points; out of what the assignment is worth now.
 */
function scoreOf(copy: CopyRow, status: CopyStatus, audience: Audience, maxPoints: number): ScoreSummary | null {
  if (audience === "student" && status !== "returned") return null;
  if (copy.score !== null) {
    return { points: copy.score, maxPoints, override: { note: copy.scoreNote, by: copy.scoredBy?.name ?? null, at: (copy.scoredAt ?? copy.createdAt).toISOString() } };
  }
  return copy.grade ? { points: copy.grade.points, maxPoints: copy.grade.maxPoints, override: null } : null;
}

/** How long after a hand-in a change may still be logged and belong to what was handed in. */
const HAND_IN_SLACK_MS = 2_000;

/**
 * One student's progress with one assignment. `extensionDue`: their extension, if any, which is
 * their due date for late, missing and the lock.
 */
async function progressOf(copy: CopyRow | undefined, assignment: AssignmentSummary, extensionDue: Date | null, audience: Audience, now: Date): Promise<CopyProgress> {
  const dueAt = effectiveDue(assignment.dueAt, extensionDue);
  const overdue = dueAt !== null && now > dueAt;
  const due = { dueAt, extended: extensionDue !== null };
  if (!copy) {
    return {
      status: "not_started",
      ...due,
      locked: false,
      late: false,
      missing: overdue,
      submittedAt: null,
      returnedAt: null,
      returnNote: null,
      lastActivity: null,
      handedInVersionId: null,
      changedSinceHandIn: false,
      checks: checkResults([], assignment.checks),
      grade: null,
      score: null,
      copyId: null,
      slug: null,
    };
  }
  const status = asStatus(copy.status);
  // Logged changes are the student's; without any, the document's own time counts only once a
  // compaction has moved it past the copy's making (which wrote it).
  const logged = copy.notebook.updates[0]?.createdAt ?? null;
  const compacted = copy.notebook.document?.updatedAt ?? null;
  const lastActivity = logged ?? (compacted && compacted.getTime() - copy.createdAt.getTime() > 1000 ? compacted : null);
  const submittedLate = copy.submittedAt !== null && dueAt !== null && copy.submittedAt > dueAt;
  return {
    status,
    ...due,
    locked: lockedAtDue({ lockAtDue: assignment.lockAtDue, dueAt, status }, now),
    late: status !== "working" && submittedLate,
    missing: overdue && status === "working",
    submittedAt: copy.submittedAt,
    returnedAt: copy.returnedAt,
    returnNote: copy.returnNote,
    lastActivity,
    handedInVersionId: copy.handedInVersionId,
    // An edit made just before the hand-in is logged a moment later (the room flushes in batches).
    changedSinceHandIn: status !== "working" && copy.submittedAt !== null && lastActivity !== null && lastActivity.getTime() > copy.submittedAt.getTime() + HAND_IN_SLACK_MS,
    checks: checkResults(await cellsOf(copy), assignment.checks),
    grade: gradeOf(copy, status, audience),
    score: scoreOf(copy, status, audience, assignment.maxPoints),
    copyId: copy.id,
    slug: copy.notebook.slug,
  };
}

const assignmentSelect = { id: true, title: true, instructions: true, dueAt: true, closedAt: true, lockAtDue: true, createdAt: true, checks: true, points: true } as const;
const summaryOf = (a: { id: string; title: string; instructions: string; dueAt: Date | null; closedAt: Date | null; lockAtDue: boolean; createdAt: Date; checks: unknown; points: number }): AssignmentSummary => ({
  id: a.id,
  title: a.title,
  instructions: a.instructions,
  dueAt: a.dueAt,
  closed: a.closedAt !== null,
  lockAtDue: a.lockAtDue,
  createdAt: a.createdAt,
  checks: Array.isArray(a.checks) ? (a.checks as CheckSpec[]) : [],
  points: a.points,
  maxPoints: assignmentMaxPoints(a),
});

/** A student's assignments in a class, newest first, with their own progress. */
export async function studentAssignments(db: Db, viewerId: string, classId: string, now = new Date()): Promise<{ assignment: AssignmentSummary; progress: CopyProgress }[] | null> {
  if ((await classRole(db, viewerId, classId)) !== "student") return null;
  const rows = await db.assignment.findMany({
    where: { classId },
    orderBy: { createdAt: "desc" },
    select: { ...assignmentSelect, copies: { where: { studentId: viewerId }, select: copySelect }, extensions: { where: { studentId: viewerId }, select: { dueAt: true } } },
  });
  return Promise.all(
    rows.map(async (r) => {
      const assignment = summaryOf(r);
      return { assignment, progress: await progressOf(r.copies[0], assignment, r.extensions[0]?.dueAt ?? null, "student", now) };
    }),
  );
}

/**
 * A student's assignments across all their classes: what is due first comes first (no due date
 * last), and work already handed in or returned after the rest.
 */
export async function myAssignments(db: Db, viewerId: string, now = new Date()): Promise<{ className: string; classId: string; assignment: AssignmentSummary; progress: CopyProgress }[]> {
  const rows = await db.assignment.findMany({
    where: { classroom: { members: { some: { userId: viewerId, role: "student" } } } },
    select: {
      ...assignmentSelect,
      classroom: { select: { id: true, name: true } },
      copies: { where: { studentId: viewerId }, select: copySelect },
      extensions: { where: { studentId: viewerId }, select: { dueAt: true } },
    },
  });
  const listed = await Promise.all(
    rows.map(async (r) => {
      const assignment = summaryOf(r);
      return { className: r.classroom.name, classId: r.classroom.id, assignment, progress: await progressOf(r.copies[0], assignment, r.extensions[0]?.dueAt ?? null, "student", now) };
    }),
  );
  const done = (p: CopyProgress) => p.status === "submitted" || p.status === "returned";
  const due = (p: CopyProgress) => p.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return listed.sort(
    (a, b) => Number(done(a.progress)) - Number(done(b.progress)) || due(a.progress) - due(b.progress) || b.assignment.createdAt.getTime() - a.assignment.createdAt.getTime(),
  );
}

/** The teacher's grid: every student of the class by every assignment. */
export async function classGrid(db: Db, viewerId: string, classId: string, now = new Date()): Promise<ClassGrid | null> {
  if ((await classRole(db, viewerId, classId)) !== "teacher") return null;
  const [members, rows] = await Promise.all([
    db.classMember.findMany({ where: { classId, role: "student" }, select: { user: { select: { id: true, name: true, color: true } } } }),
    db.assignment.findMany({
      where: { classId },
      orderBy: { createdAt: "asc" },
      select: { ...assignmentSelect, copies: { select: copySelect }, extensions: { select: { studentId: true, dueAt: true } } },
    }),
  ]);
  const students = members.map((m) => m.user).sort((a, b) => a.name.localeCompare(b.name));
  const progress: ClassGrid["progress"] = {};
  for (const row of rows) {
    const summary = summaryOf(row);
    const byStudent = new Map(row.copies.map((c) => [c.studentId, c]));
    const extended = new Map(row.extensions.map((e) => [e.studentId, e.dueAt]));
    const entries = await Promise.all(students.map(async (s) => [s.id, await progressOf(byStudent.get(s.id), summary, extended.get(s.id) ?? null, "teacher", now)] as const));
    progress[row.id] = Object.fromEntries(entries);
  }
  return { assignments: rows.map(summaryOf), students, progress };
}

/** The assignment facts for a copy's page, or null when the notebook is not a copy (or not theirs to see). */
export async function copyContext(db: Db, viewerId: string, notebookId: string, now = new Date()): Promise<CopyContext | null> {
  const copy = await db.assignmentCopy.findUnique({
    where: { notebookId },
    select: {
      ...copySelect,
      student: { select: { name: true } },
      assignment: { select: { ...assignmentSelect, classroom: { select: { id: true, name: true, archivedAt: true } }, extensions: { select: { studentId: true, dueAt: true } } } },
    },
  });
  if (!copy) return null;
  const role = copy.studentId === viewerId ? "student" : (await classRole(db, viewerId, copy.assignment.classroom.id)) === "teacher" ? "teacher" : null;
  if (!role) return null;
  // An archived class takes no hand-ins: its assignments read as closed.
  const assignment = { ...summaryOf(copy.assignment), closed: copy.assignment.closedAt !== null || copy.assignment.classroom.archivedAt !== null };
  return {
    assignment,
    className: copy.assignment.classroom.name,
    classId: copy.assignment.classroom.id,
    studentName: copy.student.name,
    viewerRole: role,
    progress: await progressOf(copy, assignment, copy.assignment.extensions.find((e) => e.studentId === copy.studentId)?.dueAt ?? null, role, now),
    neighbours: role === "teacher" ? await neighbours(db, assignment.id, copy.student.name, notebookId) : null,
  };
}

/** The copies before and after this one, by student name: a teacher goes through a class's work. */
async function neighbours(db: Db, assignmentId: string, name: string, notebookId: string): Promise<CopyNeighbours> {
  const copies = await db.assignmentCopy.findMany({ where: { assignmentId }, select: { notebookId: true, student: { select: { name: true } }, notebook: { select: { slug: true } } } });
  copies.sort((a, b) => a.student.name.localeCompare(b.student.name) || a.notebookId.localeCompare(b.notebookId));
  const at = copies.findIndex((c) => c.notebookId === notebookId);
  const link = (c: (typeof copies)[number] | undefined) => (c ? { slug: c.notebook.slug, studentName: c.student.name } : null);
  return { previous: link(copies[at - 1]), next: link(copies[at + 1]) };
}
