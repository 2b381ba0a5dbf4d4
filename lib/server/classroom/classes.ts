/**
 * Classes: a teacher creates one and shares its join code (or the /join/<code> link that carries
 * it); students join with their account. A class can have several teachers; any teacher sees the
 * roster, adds a teacher by email, removes a member and replaces the code. To anyone who is not in
 * a class it does not exist: every read and action answers "not found", as for notebooks.
 *
 * Removing a student ends their membership, not their work: their copies stay theirs (and stay
 * visible to the class's teachers through the assignment, access.ts), but they no longer see the
 * class or get new assignments.
 */
import { classChanged } from "./class-events";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { accessChanged } from "../collab/notebook-events";
import type { Db } from "../db/client";
import { done, fail, ok, type Result } from "../../util/result";

export type ClassRole = "teacher" | "student";
/** What a class action answers: its value, or not_found / bad_request. */
export type ClassAction<T = undefined> = Result<T, "not_found" | "bad_request">;

export const CLASS_NOT_FOUND = fail("not_found", "There is no such class.");

/** Join codes: 8 characters without look-alikes (0/O, 1/I/L), about 40 bits; shown as XXXX-XXXX. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export function makeJoinCode(): string {
  return Array.from(randomBytes(8), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}
/** What a person typed or followed ("abcd-efgh ", "ABCDEFGH") as a stored code. */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, "");
}
export const formatJoinCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** The body of POST /api/classes. */
export const createClassInput = z.object({ name: z.string() }).describe("{ name: string }");
/** The body of POST /api/classes/join: the code as typed (any case, any separators). */
export const joinClassInput = z.object({ code: z.string().max(40) }).describe("{ code: string }");
/** The body of POST /api/classes/<id>/teachers. */
export const addTeacherInput = z.object({ email: z.string().max(320) }).describe("{ email: string }");

export const classNameInput = z.string().transform((s) => s.replace(/\s+/g, " ").trim()).pipe(z.string().min(1, "A class needs a name.").max(120, "A class name has at most 120 characters."));

/** The viewer's role in a class, or null when they are not in it. */
export async function classRole(db: Db, viewerId: string, classId: string): Promise<ClassRole | null> {
  // findFirst: concurrent findUniques on a compound key are batched into one query, which many
  // at once (a class opening an assignment) push past SQLite's bind-parameter limit.
  const member = await db.classMember.findFirst({ where: { classId, userId: viewerId }, select: { role: true } });
  return member?.role === "teacher" ? "teacher" : member?.role === "student" ? "student" : null;
}

export async function createClass(db: Db, viewerId: string, name: string): Promise<ClassAction<{ id: string }>> {
  const parsed = classNameInput.safeParse(name);
  if (!parsed.success) return fail("bad_request", parsed.error.issues[0]!.message);
  const row = await db.classroom.create({
    data: { name: parsed.data, joinCode: makeJoinCode(), members: { create: { userId: viewerId, role: "teacher" } } },
    select: { id: true },
  });
  return ok({ id: row.id });
}

export interface ClassSummary {
  id: string;
  name: string;
  role: ClassRole;
  archived: boolean;
  students: number;
  assignments: number;
}

export async function listClasses(db: Db, viewerId: string): Promise<ClassSummary[]> {
  const rows = await db.classMember.findMany({
    where: { userId: viewerId },
    orderBy: { joinedAt: "desc" },
    select: {
      role: true,
      classroom: { select: { id: true, name: true, archivedAt: true, _count: { select: { assignments: true, members: { where: { role: "student" } } } } } },
    },
  });
  return rows.map((r) => ({
    id: r.classroom.id,
    name: r.classroom.name,
    role: r.role === "teacher" ? "teacher" : "student",
    archived: r.classroom.archivedAt !== null,
    students: r.classroom._count.members,
    assignments: r.classroom._count.assignments,
  }));
}

export interface Member {
  id: string;
  name: string;
  email: string;
  color: string;
  joinedAt: Date;
}

export interface ClassPage {
  id: string;
  name: string;
  role: ClassRole;
  /** Teachers only. */
  joinCode: string | null;
  archived: boolean;
  /** Teachers only: the code replaced last, while it still works, and until when. */
  previousCode: { code: string; until: Date } | null;
  teachers: Member[];
  /** Teachers see the roster; a student sees only themselves in it. */
  students: Member[];
}

export async function loadClass(db: Db, viewerId: string, classId: string): Promise<ClassPage | null> {
  const role = await classRole(db, viewerId, classId);
  if (!role) return null;
  const row = await db.classroom.findUniqueOrThrow({
    where: { id: classId },
    select: {
      id: true,
      name: true,
      joinCode: true,
      previousJoinCode: true,
      previousCodeUntil: true,
      archivedAt: true,
      members: {
        where: role === "teacher" ? {} : { OR: [{ role: "teacher" }, { userId: viewerId }] },
        orderBy: { joinedAt: "asc" },
        select: { role: true, joinedAt: true, user: { select: { id: true, name: true, email: true, color: true } } },
      },
    },
  });
  const member = (m: (typeof row.members)[number]): Member => ({ ...m.user, joinedAt: m.joinedAt });
  return {
    id: row.id,
    name: row.name,
    role,
    joinCode: role === "teacher" ? row.joinCode : null,
    archived: row.archivedAt !== null,
    previousCode:
      role === "teacher" && row.previousJoinCode && row.previousCodeUntil && row.previousCodeUntil > new Date() ? { code: row.previousJoinCode, until: row.previousCodeUntil } : null,
    teachers: row.members.filter((m) => m.role === "teacher").map(member),
    students: row.members.filter((m) => m.role === "student").map(member).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Joins the class with that code as a student; a member already in it keeps their role. */
/** What a join link shows before joining: the class, its teachers, and whether the viewer is in it. */
export interface JoinPreview {
  readonly id: string;
  readonly name: string;
  readonly teachers: readonly string[];
  readonly member: boolean;
}

/** The class a code names, for its join page (which charges the join limit for the look-up). */
/** The class a code opens: its current code, or the one before while its grace period lasts. */
function byCode(code: string, now = new Date()) {
  const normalized = normalizeJoinCode(code);
  return { OR: [{ joinCode: normalized }, { previousJoinCode: normalized, previousCodeUntil: { gt: now } }] };
}

export async function previewJoin(db: Db, viewerId: string, code: string): Promise<JoinPreview | null> {
  const found = await db.classroom.findFirst({
    where: byCode(code),
    select: { id: true, name: true, members: { where: { OR: [{ role: "teacher" }, { userId: viewerId }] }, select: { role: true, userId: true, user: { select: { name: true } } } } },
  });
  if (!found) return null;
  const teachers = found.members.filter((m) => m.role === "teacher").map((m) => m.user.name);
  return { id: found.id, name: found.name, teachers: teachers.sort((a, b) => a.localeCompare(b)), member: found.members.some((m) => m.userId === viewerId) };
}

export async function joinClass(db: Db, viewerId: string, code: string): Promise<ClassAction<{ id: string }>> {
  const found = await db.classroom.findFirst({ where: byCode(code), select: { id: true, archivedAt: true } });
  if (!found) return fail("not_found", "No class has that code. Check it with your teacher.");
  if (found.archivedAt) return fail("bad_request", "This class is archived: nobody joins it any more.");
  await db.classMember.upsert({
    where: { classId_userId: { classId: found.id, userId: viewerId } },
    create: { classId: found.id, userId: viewerId, role: "student" },
    update: {},
  });
  classChanged(found.id);
  return ok({ id: found.id });
}

async function asTeacher(db: Db, viewerId: string, classId: string): Promise<boolean> {
  return (await classRole(db, viewerId, classId)) === "teacher";
}

/** Makes an existing account a teacher of the class (a student of it becomes a teacher). */
export async function addTeacher(db: Db, viewerId: string, classId: string, email: string): Promise<ClassAction> {
  if (!(await asTeacher(db, viewerId, classId))) return CLASS_NOT_FOUND;
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  if (!user) return fail("bad_request", "Nobody has an account with that email yet: ask them to sign up first.");
  await db.classMember.upsert({
    where: { classId_userId: { classId, userId: user.id } },
    create: { classId, userId: user.id, role: "teacher" },
    update: { role: "teacher" },
  });
  classChanged(classId);
  return done;
}

/** Removes a member (a teacher may remove themselves, unless they are the last teacher). */
export async function removeMember(db: Db, viewerId: string, classId: string, userId: string): Promise<ClassAction> {
  if (!(await asTeacher(db, viewerId, classId))) return CLASS_NOT_FOUND;
  const target = await classRole(db, userId, classId);
  if (!target) return fail("not_found", "That person is not in this class.");
  if (target === "teacher" && (await db.classMember.count({ where: { classId, role: "teacher" } })) === 1) {
    return fail("bad_request", "A class needs at least one teacher.");
  }
  await db.classMember.delete({ where: { classId_userId: { classId, userId } } });
  // A teacher's reach into the students' copies ends now, open connections included.
  if (target === "teacher") {
    const copies = await db.assignmentCopy.findMany({ where: { assignment: { classId } }, select: { notebookId: true } });
    for (const copy of copies) await accessChanged(copy.notebookId);
  }
  classChanged(classId);
  return done;
}

/** A new join code: the old one stops working (a link that got around). */
/** How long a replaced code keeps working when the teacher keeps it. */
export const OLD_CODE_GRACE_MS = 7 * 24 * 60 * 60 * 1000;

/** The body of POST /api/classes/<id>/code. */
export const replaceCodeInput = z.object({ keepOld: z.boolean().default(false) }).describe("{ keepOld?: boolean }");

/**
 * A new join code. The old one stops working at once (a link that got around), or, with
 * `keepOld`, goes on working for OLD_CODE_GRACE_MS (links already handed out); the code before it
 * stops either way.
 */
export async function replaceJoinCode(db: Db, viewerId: string, classId: string, keepOld = false, now = new Date()): Promise<ClassAction<{ joinCode: string }>> {
  if (!(await asTeacher(db, viewerId, classId))) return CLASS_NOT_FOUND;
  const current = await db.classroom.findUniqueOrThrow({ where: { id: classId }, select: { joinCode: true } });
  const row = await db.classroom.update({
    where: { id: classId },
    data: {
      joinCode: makeJoinCode(),
      previousJoinCode: keepOld ? current.joinCode : null,
      previousCodeUntil: keepOld ? new Date(now.getTime() + OLD_CODE_GRACE_MS) : null,
    },
    select: { joinCode: true },
  });
  return ok({ joinCode: row.joinCode });
}
