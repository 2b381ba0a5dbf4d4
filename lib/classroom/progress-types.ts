/**
 * The classroom's progress facts as pages show them (lib/server/classroom/progress.ts computes
 * them): plain data, so browser components can take them as props.
 */
import type { CheckResult, CheckSpec } from "../notebook/checks";

export type CopyStatus = "not_started" | "working" | "submitted" | "returned";

/** The teacher's grade of a copy (lib/server/classroom/grading.ts): their browser ran every check on the hand-in. */
export interface GradeSummary {
  passed: number;
  total: number;
  /** The passed checks' points, of all checks' points (each check's points, 1 unless set). */
  points: number;
  maxPoints: number;
  /** ISO 8601. */
  gradedAt: string;
  /** Who graded, by name (null once their account is gone). */
  gradedBy: string | null;
  /** The copy was handed in again after this grade: it grades an earlier hand-in. */
  stale: boolean;
}

/**
 * A copy's overall score: the teacher's own (lib/server/classroom/scores.ts) when set, else the
 * grade's points. Out of what the assignment is worth (AssignmentSummary.maxPoints).
 */
export interface ScoreSummary {
  points: number;
  maxPoints: number;
  /** Set by a teacher, overriding the grade (null: it is the grade's points). */
  override: { note: string | null; by: string | null; at: string } | null;
}

export interface CopyProgress {
  status: CopyStatus;
  /** The student's own due date: their extension, else the assignment's (lib/classroom/due.ts). */
  dueAt: Date | null;
  /** The student has an extension: dueAt is theirs alone. */
  extended: boolean;
  /** Read-only for the student now: the assignment locks at the due date, it has passed, and the copy is not returned. */
  locked: boolean;
  /** Handed in after the (student's own) due date. */
  late: boolean;
  /** Past the (student's own) due date and not handed in. */
  missing: boolean;
  submittedAt: Date | null;
  returnedAt: Date | null;
  returnNote: string | null;
  /** The last change the student's copy received, or null when untouched. */
  lastActivity: Date | null;
  /** The version saved at the last hand-in (what the teacher grades), or null. */
  handedInVersionId: string | null;
  /** Handed in (or returned), and changed since: its page's history shows how, against that version. */
  changedSinceHandIn: boolean;
  /** Self-reported: the student's own runs of the visible checks. */
  checks: CheckResult[];
  /**
   * The teacher's grade, or null when there is none. A student is given it only once the copy is
   * returned (progress.ts), so grading never shows before the teacher says so.
   */
  grade: GradeSummary | null;
  /** The overall score, or null when neither graded nor scored; a student's only once returned, as the grade. */
  score: ScoreSummary | null;
  copyId: string | null;
  slug: string | null;
}

export interface AssignmentSummary {
  id: string;
  title: string;
  instructions: string;
  dueAt: Date | null;
  /** The teacher closed hand-ins: no hand-in, no unsubmit. */
  closed: boolean;
  /** Students' copies become read-only at their due date, until returned (ADR 0006). */
  lockAtDue: boolean;
  createdAt: Date;
  checks: CheckSpec[];
  /** What it is out of without checks (the teacher's choice; default 10). */
  points: number;
  /** What a copy's score is out of: the checks' points, or `points` without checks. */
  maxPoints: number;
}

export interface ClassGrid {
  assignments: AssignmentSummary[];
  students: { id: string; name: string; color: string }[];
  /** progress[assignmentId][studentId] */
  progress: Record<string, Record<string, CopyProgress>>;
}

export interface CopyContext {
  assignment: AssignmentSummary;
  className: string;
  classId: string;
  studentName: string;
  /** Whose page this is: the student's own copy, or a teacher looking at it. */
  viewerRole: "student" | "teacher";
  progress: CopyProgress;
  /** For a teacher: the copies of the same assignment before and after this one, by student name. */
  neighbours: CopyNeighbours | null;
}

export interface CopyNeighbours {
  previous: { slug: string; studentName: string } | null;
  next: { slug: string; studentName: string } | null;
}
