/**
 * A teacher's own score of a copy: it overrides the grade's points (grading.ts) wherever the
 * copy's score is shown, and is the only score of an assignment without checks. It is out of what
 * the assignment is worth (maxPointsOf: its checks' points, or its own `points` without checks),
 * carries an optional note, and remembers who set it and when. The class's teachers only set or
 * clear it; to anyone else the assignment does not exist (404), as everywhere in the classroom.
 * The student sees it as they see the grade: once their copy is returned (progress.ts).
 */
import { z } from "zod";
import type { Db } from "../db/client";
import { progressChanged } from "../collab/notebook-events";
import { done, fail } from "../../util/result";
import { maxPointsOf, roundPoints, type CheckSpec } from "../../notebook/checks";
import { ASSIGNMENT_NOT_FOUND } from "./assignments";
import { classChanged } from "./class-events";
import { classRole, type ClassAction } from "./classes";

/** Longest note a score may carry. */
export const SCORE_NOTE_MAX = 2_000;

/**
 * The body of PUT /api/assignments/<id>/copies/<copyId>/score: only its shape, so that someone who
 * is not the class's teacher learns nothing from a 400; setScore checks the values.
 */
export const scoreInput = z.object({ points: z.number(), note: z.string().nullish() }).describe("{ points: number, note?: string | null }");

const COPY_NOT_FOUND = fail("not_found", "There is no such copy in this assignment.");

/** What an assignment is out of: its checks' points, or its own points when it has no checks. */
export function assignmentMaxPoints(assignment: { checks: unknown; points: number }): number {
  const checks = Array.isArray(assignment.checks) ? (assignment.checks as CheckSpec[]) : [];
  return checks.length > 0 ? maxPointsOf(checks) : assignment.points;
}

async function teachersCopy(db: Db, viewerId: string, assignmentId: string, copyId: string) {
  const assignment = await db.assignment.findUnique({ where: { id: assignmentId }, select: { classId: true, checks: true, points: true } });
  if (!assignment || (await classRole(db, viewerId, assignment.classId)) !== "teacher") return ASSIGNMENT_NOT_FOUND;
  const copy = await db.assignmentCopy.findFirst({ where: { id: copyId, assignmentId }, select: { id: true, notebookId: true } });
  if (!copy) return COPY_NOT_FOUND;
  return { ok: true as const, assignment, copy };
}

async function announce(classId: string, notebookId: string): Promise<void> {
  await progressChanged(notebookId); // open pages on the copy show the score
  classChanged(classId); // and the class page's grids
}

/** A teacher of the class sets the copy's score (0 to what the assignment is out of), with an optional note. */
export async function setScore(db: Db, viewerId: string, assignmentId: string, copyId: string, input: z.input<typeof scoreInput>, now = new Date()): Promise<ClassAction> {
  const found = await teachersCopy(db, viewerId, assignmentId, copyId);
  if (!found.ok) return found;
  const max = assignmentMaxPoints(found.assignment);
  const { points } = input;
  if (!Number.isFinite(points) || points < 0 || points > max) return fail("bad_request", `A score is from 0 to ${max} points.`);
  const note = (input.note ?? "").trim();
  if (note.length > SCORE_NOTE_MAX) return fail("bad_request", `A score's note has at most ${SCORE_NOTE_MAX.toLocaleString("en")} characters.`);
  await db.assignmentCopy.update({
    where: { id: found.copy.id },
    data: { score: roundPoints(points), scoreNote: note === "" ? null : note, scoredById: viewerId, scoredAt: now },
    select: { id: true },
  });
  await announce(found.assignment.classId, found.copy.notebookId);
  return done;
}

/** A teacher of the class clears the copy's score: the grade's points (if any) show again. */
export async function clearScore(db: Db, viewerId: string, assignmentId: string, copyId: string): Promise<ClassAction> {
  const found = await teachersCopy(db, viewerId, assignmentId, copyId);
  if (!found.ok) return found;
  await db.assignmentCopy.update({ where: { id: found.copy.id }, data: { score: null, scoreNote: null, scoredById: null, scoredAt: null }, select: { id: true } });
  await announce(found.assignment.classId, found.copy.notebookId);
  return done;
}
