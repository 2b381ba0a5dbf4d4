/**
 * Grading: the results a teacher can trust. The server runs no one's code, so the teacher's browser
 * grades: it reads what to grade (gradingOf: every check, the hidden checks' code, and each copy as
 * the version saved at its hand-in, decoded), runs each copy with every check in a fresh Python,
 * and posts each copy's results (saveGrade). Both are the class's teachers' only; to anyone else
 * the assignment does not exist (404), as everywhere in the classroom.
 *
 * A grade names the version it graded. The copy's handedInVersionId must still be that version
 * when the grade is saved (else 409: the student handed in again, grade the new hand-in); one that
 * changes afterwards makes the grade stale, which the grid shows (progress.ts).
 *
 * A grade's points are the passed checks' points of all checks' points, summed here from the
 * assignment's CheckSpecs (each check's points as assigned): the browser sends only pass or fail.
 * A teacher's own score overrides them where a score is shown (scores.ts).
 */
import { z } from "zod";
import type { Db } from "../db/client";
import { progressChanged } from "../collab/notebook-events";
import { classChanged } from "./class-events";
import { runWork } from "../work/run";
import { fail, ok, type Result } from "../../util/result";
import { checkPoints, maxPointsOf, roundPoints, type CheckSpec } from "../../notebook/checks";
import { GRADE_MESSAGE_MAX, type GradeCheckResult, type GradeSaved, type GradeSubmission, type GradingCopy, type GradingPayload } from "../../classroom/grading-types";
import { ASSIGNMENT_NOT_FOUND } from "./assignments";
import { classRole } from "./classes";
import type { HiddenCheck } from "./starting-document";

/** The body of POST /api/assignments/<id>/grades; a missing message is read as null. */
export const gradeSubmissionInput = z
  .object({
    copyId: z.string().min(1).max(200),
    versionId: z.string().min(1).max(200),
    results: z
      .array(
        z.object({
          cellId: z.string().min(1).max(200),
          passed: z.boolean(),
          message: z
            .string()
            .max(GRADE_MESSAGE_MAX, `A check's message has at most ${GRADE_MESSAGE_MAX} characters.`)
            .nullish()
            .transform((m) => m ?? null),
        }),
      )
      .max(1_000),
  })
  .describe("{ copyId: string, versionId: string, results: { cellId: string, passed: boolean, message: string | null }[] }") satisfies z.ZodType<GradeSubmission, unknown>;

const COPY_NOT_FOUND = fail("not_found", "There is no such copy in this assignment.");

const checksOf = (stored: unknown): CheckSpec[] => (Array.isArray(stored) ? (stored as CheckSpec[]) : []);
const hiddenOf = (stored: unknown) => (Array.isArray(stored) ? (stored as HiddenCheck[]).map((h) => ({ cellId: h.cellId, source: h.source })) : []);

/** What a teacher's browser needs to grade an assignment's hand-ins, or not_found for anyone else. */
export async function gradingOf(db: Db, viewerId: string, assignmentId: string): Promise<Result<GradingPayload, "not_found">> {
  const assignment = await db.assignment.findUnique({
    where: { id: assignmentId },
    select: {
      id: true,
      classId: true,
      title: true,
      checks: true,
      hiddenChecks: true,
      copies: {
        where: { handedInVersionId: { not: null }, status: { in: ["submitted", "returned"] } },
        select: { id: true, notebookId: true, handedInVersionId: true, submittedAt: true, student: { select: { name: true } } },
      },
    },
  });
  if (!assignment || (await classRole(db, viewerId, assignment.classId)) !== "teacher") return ASSIGNMENT_NOT_FOUND;
  const versions = await db.notebookVersion.findMany({
    where: { id: { in: assignment.copies.map((c) => c.handedInVersionId!) } },
    select: { id: true, notebookId: true, snapshot: true, createdAt: true },
  });
  const byId = new Map(versions.map((v) => [v.id, v]));
  const copies: GradingCopy[] = [];
  // One at a time: each decode is a whole notebook, and the work pool is shared with every room.
  for (const copy of [...assignment.copies].sort((a, b) => a.student.name.localeCompare(b.student.name))) {
    const version = byId.get(copy.handedInVersionId!);
    if (!version || version.notebookId !== copy.notebookId) {
      console.error(`Copy ${copy.id} names hand-in version ${copy.handedInVersionId}, which is not one of its notebook's: left out of grading`);
      continue;
    }
    let cells: GradingCopy["cells"];
    try {
      cells = await runWork("gradingCells", version.snapshot);
    } catch (error) {
      console.error(`The hand-in version ${version.id} of copy ${copy.id} cannot be read: left out of grading`, error);
      continue;
    }
    copies.push({
      copyId: copy.id,
      notebookId: copy.notebookId,
      studentName: copy.student.name,
      versionId: version.id,
      handedInAt: (copy.submittedAt ?? version.createdAt).toISOString(),
      cells,
    });
  }
  return ok({ assignmentId: assignment.id, title: assignment.title, checks: checksOf(assignment.checks), hiddenChecks: hiddenOf(assignment.hiddenChecks), copies });
}

/** Why `results` is not one result for each of `checks`, or null when it is. */
export function resultsProblem(results: readonly GradeCheckResult[], checks: readonly CheckSpec[]): string | null {
  const wanted = new Set(checks.map((c) => c.cellId));
  const seen = new Set<string>();
  for (const r of results) {
    if (!wanted.has(r.cellId)) return `Cell ${r.cellId} is not a check of this assignment.`;
    if (seen.has(r.cellId)) return `Check ${r.cellId} has more than one result.`;
    seen.add(r.cellId);
  }
  const missing = checks.filter((c) => !seen.has(c.cellId)).map((c) => c.cellId);
  return missing.length > 0 ? `No result for ${missing.length === 1 ? "check" : "checks"} ${missing.join(", ")}: every check needs one.` : null;
}

/** A teacher of the class records their browser's grade of a copy's hand-in (graded again: replaced). */
export async function saveGrade(db: Db, viewerId: string, assignmentId: string, input: GradeSubmission, now = new Date()): Promise<Result<GradeSaved, "not_found" | "bad_request" | "conflict">> {
  const assignment = await db.assignment.findUnique({ where: { id: assignmentId }, select: { classId: true, checks: true } });
  if (!assignment || (await classRole(db, viewerId, assignment.classId)) !== "teacher") return ASSIGNMENT_NOT_FOUND;
  const copy = await db.assignmentCopy.findFirst({
    where: { id: input.copyId, assignmentId },
    select: { id: true, notebookId: true, status: true, handedInVersionId: true, student: { select: { name: true } } },
  });
  if (!copy) return COPY_NOT_FOUND;
  if (copy.status === "working" || copy.handedInVersionId === null) {
    return fail("conflict", `${copy.student.name}'s copy is not handed in (taken back since?): grade it once it is handed in again.`);
  }
  if (copy.handedInVersionId !== input.versionId) {
    return fail("conflict", `${copy.student.name} has handed in again since: grade the new hand-in.`);
  }
  const checks = checksOf(assignment.checks);
  if (checks.length === 0) return fail("bad_request", "This assignment has no checks to grade.");
  const problem = resultsProblem(input.results, checks);
  if (problem) return fail("bad_request", problem);

  // Stored in notebook order, whatever order they came in.
  const byCell = new Map(input.results.map((r) => [r.cellId, r]));
  const results = checks.map((c) => {
    const r = byCell.get(c.cellId)!;
    return { cellId: r.cellId, passed: r.passed, message: r.message };
  });
  // Points from the checks as assigned (their CheckSpecs), never from the browser.
  const points = roundPoints(checks.reduce((sum, c) => sum + (byCell.get(c.cellId)!.passed ? checkPoints(c) : 0), 0));
  const grade = {
    versionId: input.versionId,
    gradedById: viewerId,
    gradedAt: now,
    passed: results.filter((r) => r.passed).length,
    total: checks.length,
    points,
    maxPoints: maxPointsOf(checks),
    results,
  };
  // A hand-in between the check above and this write leaves a grade of the earlier version: the
  // grid shows it stale (progress.ts), so nothing is graded unseen.
  await db.grade.upsert({ where: { copyId: copy.id }, create: { copyId: copy.id, ...grade }, update: grade, select: { id: true } });
  await progressChanged(copy.notebookId); // open pages on the copy show the grade
  classChanged(assignment.classId); // and the class page's grids
  return ok({ passed: grade.passed, total: grade.total, points: grade.points, maxPoints: grade.maxPoints, gradedAt: now.toISOString() });
}
