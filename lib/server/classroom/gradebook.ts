/**
 * A class's gradebook as CSV, for a teacher's spreadsheet: one row per student, and for each
 * assignment (oldest first) its status, the teacher's grade (passed of total checks, as graded in
 * their browser: grading.ts), the score in points and what it is out of (the teacher's own score
 * when set, else the grade's points: scores.ts) and when it was handed in (UTC, ISO 8601). Built from the grid the
 * class page shows (progress.ts), so the two never disagree. Teachers only: null otherwise.
 */
import type { CopyProgress } from "../../classroom/progress-types";
import { csvRows } from "../../util/csv";
import type { Db } from "../db/client";
import { classGrid } from "./progress";

function statusWord(p: CopyProgress | undefined): string {
  if (!p) return "";
  if (p.missing) return "Missing";
  const word = { not_started: "Not started", working: "In progress", submitted: "Handed in", returned: "Returned" }[p.status];
  return p.late ? `${word} (late)` : word;
}

function score(p: CopyProgress | undefined): string {
  if (!p?.grade) return "";
  return `${p.grade.passed}/${p.grade.total}${p.grade.stale ? " (earlier hand-in)" : ""}`;
}

export async function gradebookCsv(db: Db, viewerId: string, classId: string, now = new Date()): Promise<{ name: string; csv: string } | null> {
  const grid = await classGrid(db, viewerId, classId, now);
  if (!grid) return null;
  const [room, members] = await Promise.all([
    db.classroom.findUniqueOrThrow({ where: { id: classId }, select: { name: true } }),
    db.classMember.findMany({ where: { classId, role: "student" }, select: { user: { select: { id: true, email: true } } } }),
  ]);
  const emails = new Map(members.map((m) => [m.user.id, m.user.email]));
  const header = [
    "Student",
    "Email",
    ...grid.assignments.flatMap((a) => [`${a.title}: status`, `${a.title}: grade`, `${a.title}: points`, `${a.title}: out of`, `${a.title}: handed in (UTC)`]),
  ];
  const students = [...grid.students].sort((a, b) => a.name.localeCompare(b.name));
  const rows = students.map((s) => [
    s.name,
    emails.get(s.id) ?? "",
    ...grid.assignments.flatMap((a) => {
      const p = grid.progress[a.id]?.[s.id];
      // "out of" stays beside an empty score: what the assignment is worth.
      return [statusWord(p), score(p), p?.score ? String(p.score.points) : "", String(p?.score?.maxPoints ?? a.maxPoints), p?.submittedAt ? p.submittedAt.toISOString() : ""];
    }),
  ]);
  return { name: room.name, csv: csvRows([header, ...rows]) };
}
