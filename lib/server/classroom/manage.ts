/**
 * Running a course: a teacher renames, archives or restores a class; edits an assignment (title, instructions, due date, lock at the due date, points without checks), closes or
 * reopens its hand-ins (closed: no hand-in and no unsubmit; the copies stay editable) or deletes it,
 * renames or deletes a class; a student leaves one. Deleting never deletes anyone's work: the
 * students' copies stay in their libraries as ordinary private notebooks (the copy rows go, and
 * with them the teachers' reach into those notebooks, open connections included).
 */
import { z } from "zod";
import { accessChanged, progressChanged } from "../collab/notebook-events";
import type { Db } from "../db/client";
import { done, fail } from "../../util/result";
import { ASSIGNMENT_NOT_FOUND, LOCK_NEEDS_DUE, assignmentInput } from "./assignments";
import { deadlinesChanged } from "./deadlines";
import { classChanged } from "./class-events";
import { CLASS_NOT_FOUND, classNameInput, classRole, type ClassAction } from "./classes";

/**
 * The body of PATCH /api/assignments/<id>: only what changes (dueAt null or "" clears it; closed
 * closes hand-ins; lockAtDue makes copies read-only at their due date; points: what it is out of
 * without checks).
 */
export const editAssignmentInput = z
  .object({
    title: z.string().optional(),
    instructions: z.string().optional(),
    dueAt: z.string().nullable().optional(),
    closed: z.boolean().optional(),
    lockAtDue: z.boolean().optional(),
    points: z.number().optional(),
  })
  .describe("{ title?: string, instructions?: string, dueAt?: string | null, closed?: boolean, lockAtDue?: boolean, points?: number }");

/** The body of PATCH /api/classes/<id>: a new name, or archived true / false. */
export const editClassInput = z.object({ name: z.string().optional(), archived: z.boolean().optional() }).describe("{ name?: string, archived?: boolean }");

async function teachersAssignment(db: Db, viewerId: string, assignmentId: string) {
  const assignment = await db.assignment.findUnique({ where: { id: assignmentId }, select: { id: true, classId: true, closedAt: true, dueAt: true, lockAtDue: true } });
  if (!assignment || (await classRole(db, viewerId, assignment.classId)) !== "teacher") return null;
  return assignment;
}

export async function editAssignment(db: Db, viewerId: string, assignmentId: string, input: z.input<typeof editAssignmentInput>): Promise<ClassAction> {
  const assignment = await teachersAssignment(db, viewerId, assignmentId);
  if (!assignment) return ASSIGNMENT_NOT_FOUND;
  // The same rules as when it was made (assignmentInput), field by field.
  const fields = assignmentInput.pick({ title: true, instructions: true, dueAt: true, points: true });
  const parsed = fields.partial().safeParse({
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.instructions !== undefined ? { instructions: input.instructions } : {}),
    ...(input.dueAt !== undefined ? { dueAt: input.dueAt ?? "" } : {}),
    ...(input.points !== undefined ? { points: input.points } : {}),
  });
  if (!parsed.success) return fail("bad_request", parsed.error.issues[0]!.message);
  const data = parsed.data;
  const dueAt = input.dueAt !== undefined ? (data.dueAt ?? null) : assignment.dueAt;
  const lockAtDue = input.lockAtDue ?? assignment.lockAtDue;
  if (lockAtDue && dueAt === null) return LOCK_NEEDS_DUE;
  await db.assignment.update({
    where: { id: assignment.id },
    data: {
      ...(data.title !== undefined ? { title: data.title } : {}),
      ...(data.instructions !== undefined ? { instructions: data.instructions.trim() } : {}),
      ...(input.dueAt !== undefined ? { dueAt: data.dueAt ?? null } : {}),
      ...(input.lockAtDue !== undefined ? { lockAtDue: input.lockAtDue } : {}),
      ...(input.points !== undefined && data.points !== undefined ? { points: data.points } : {}),
      // Closing keeps when it was first closed; reopening clears it.
      ...(input.closed === true ? { closedAt: assignment.closedAt ?? new Date() } : input.closed === false ? { closedAt: null } : {}),
    },
  });
  classChanged(assignment.classId);
  // The copies' bars show the title, instructions, due date and whether hand-ins are open.
  const copies = await db.assignmentCopy.findMany({ where: { assignmentId }, select: { notebookId: true } });
  // A new due date or lock may lock or unlock copies now, and moves the next instant to lock at.
  const datesChanged = dueAt?.getTime() !== assignment.dueAt?.getTime() || lockAtDue !== assignment.lockAtDue;
  for (const copy of copies) {
    if (datesChanged) await accessChanged(copy.notebookId);
    await progressChanged(copy.notebookId);
  }
  if (datesChanged) deadlinesChanged();
  return done;
}

/** Ends the teachers' reach into these copies now, open connections included. */
async function releaseCopies(notebookIds: readonly string[]): Promise<void> {
  for (const id of notebookIds) await accessChanged(id);
}

export async function deleteAssignment(db: Db, viewerId: string, assignmentId: string): Promise<ClassAction> {
  const assignment = await teachersAssignment(db, viewerId, assignmentId);
  if (!assignment) return ASSIGNMENT_NOT_FOUND;
  const copies = await db.assignmentCopy.findMany({ where: { assignmentId }, select: { notebookId: true } });
  await db.assignment.delete({ where: { id: assignment.id } }); // its copy rows go with it; the notebooks stay
  await releaseCopies(copies.map((c) => c.notebookId));
  deadlinesChanged();
  classChanged(assignment.classId);
  return done;
}

/** Renames the class, or archives or restores it (archived: listed apart, no joins, no new work, no hand-ins). */
export async function editClass(db: Db, viewerId: string, classId: string, input: z.input<typeof editClassInput>): Promise<ClassAction> {
  if ((await classRole(db, viewerId, classId)) !== "teacher") return CLASS_NOT_FOUND;
  const name = input.name === undefined ? null : classNameInput.safeParse(input.name);
  if (name && !name.success) return fail("bad_request", name.error.issues[0]!.message);
  const current = await db.classroom.findUniqueOrThrow({ where: { id: classId }, select: { archivedAt: true } });
  await db.classroom.update({
    where: { id: classId },
    data: {
      ...(name ? { name: name.data } : {}),
      ...(input.archived === true ? { archivedAt: current.archivedAt ?? new Date() } : input.archived === false ? { archivedAt: null } : {}),
    },
  });
  classChanged(classId);
  return done;
}

export async function deleteClass(db: Db, viewerId: string, classId: string): Promise<ClassAction> {
  if ((await classRole(db, viewerId, classId)) !== "teacher") return CLASS_NOT_FOUND;
  const copies = await db.assignmentCopy.findMany({ where: { assignment: { classId } }, select: { notebookId: true } });
  await db.classroom.delete({ where: { id: classId } }); // members, assignments and copy rows go; notebooks stay
  await releaseCopies(copies.map((c) => c.notebookId));
  deadlinesChanged();
  classChanged(classId);
  return done;
}

/** A student leaves; their copies stay theirs. A teacher removes themselves from the roster instead. */
export async function leaveClass(db: Db, viewerId: string, classId: string): Promise<ClassAction> {
  const role = await classRole(db, viewerId, classId);
  if (role === null) return CLASS_NOT_FOUND;
  if (role === "teacher") return fail("bad_request", "Teachers leave a class from its roster (a class needs at least one teacher).");
  await db.classMember.delete({ where: { classId_userId: { classId, userId: viewerId } } });
  classChanged(classId);
  return done;
}
