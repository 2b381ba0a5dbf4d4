/**
 * Extensions: a teacher of the class gives one student their own due date for an assignment
 * (AssignmentExtension), or takes it back. That date is the student's effective due date
 * (lib/classroom/due.ts): for late and missing, for unsubmitting, and for the lock at the due
 * date. It may be set before the student opens the assignment. Anyone but the class's teachers
 * finds nothing (404), whatever the body says.
 */
import { z } from "zod";
import { accessChanged, progressChanged } from "../collab/notebook-events";
import type { Db } from "../db/client";
import { done, fail } from "../../util/result";
import { ASSIGNMENT_NOT_FOUND } from "./assignments";
import { classChanged } from "./class-events";
import { classRole, type ClassAction } from "./classes";
import { deadlinesChanged } from "./deadlines";

/** The body of PUT /api/assignments/<id>/extensions/<studentId>: only its shape (setExtension checks the value). */
export const extensionInput = z.object({ dueAt: z.string().max(100) }).describe("{ dueAt: string (ISO 8601, e.g. 2026-12-10T17:00:00.000Z) }");

const NO_SUCH_STUDENT = fail("not_found", "There is no such student in this class.");

/** The assignment when the viewer teaches its class, and the student when they are one of its students. */
async function target(db: Db, viewerId: string, assignmentId: string, studentId: string) {
  const assignment = await db.assignment.findUnique({ where: { id: assignmentId }, select: { id: true, classId: true } });
  if (!assignment || (await classRole(db, viewerId, assignment.classId)) !== "teacher") return ASSIGNMENT_NOT_FOUND;
  if ((await classRole(db, studentId, assignment.classId)) !== "student") return NO_SUCH_STUDENT;
  return assignment;
}

/** After a student's due date changed: their open copy is checked again and shows the new date, the grids too, and the timer plans again. */
async function dueChanged(db: Db, classId: string, assignmentId: string, studentId: string): Promise<void> {
  const copy = await db.assignmentCopy.findFirst({ where: { assignmentId, studentId }, select: { notebookId: true } });
  if (copy) {
    await accessChanged(copy.notebookId); // locked or unlocked by the new date, at once
    await progressChanged(copy.notebookId);
  }
  classChanged(classId);
  deadlinesChanged();
}

/** Sets (or moves) the student's own due date. */
export async function setExtension(db: Db, viewerId: string, assignmentId: string, studentId: string, input: z.input<typeof extensionInput>): Promise<ClassAction> {
  const found = await target(db, viewerId, assignmentId, studentId);
  if ("ok" in found) return found;
  const dueAt = new Date(input.dueAt);
  if (!input.dueAt.trim() || Number.isNaN(dueAt.getTime())) return fail("bad_request", `The extension's due date is not a date: ${JSON.stringify(input.dueAt)}.`);
  await db.assignmentExtension.upsert({
    where: { assignmentId_studentId: { assignmentId, studentId } },
    create: { assignmentId, studentId, dueAt },
    update: { dueAt },
  });
  await dueChanged(db, found.classId, assignmentId, studentId);
  return done;
}

/** Takes the extension back: the assignment's due date is the student's again. */
export async function clearExtension(db: Db, viewerId: string, assignmentId: string, studentId: string): Promise<ClassAction> {
  const found = await target(db, viewerId, assignmentId, studentId);
  if ("ok" in found) return found;
  await db.assignmentExtension.deleteMany({ where: { assignmentId, studentId } });
  await dueChanged(db, found.classId, assignmentId, studentId);
  return done;
}
