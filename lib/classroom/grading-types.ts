/**
 * The grading protocol between the teacher's browser and the server, as plain JSON. The server
 * runs no one's code: the teacher's page fetches what to grade (GET /api/assignments/<id>/grading
 * -> GradingPayload), runs each copy as handed in plus every check (hidden ones included) in a fresh
 * Python, and posts each copy's results (POST /api/assignments/<id>/grades, GradeSubmission ->
 * GradeSaved). lib/server/classroom/grading.ts validates and stores them.
 */
import type { CheckSpec } from "../notebook/checks";

/** A cell of a copy as it was handed in. */
export interface GradingCell {
  readonly id: string;
  readonly type: "code" | "markdown" | "raw";
  readonly source: string;
}

/** One handed-in copy to grade: the NotebookVersion saved at its hand-in, decoded. */
export interface GradingCopy {
  readonly copyId: string;
  readonly notebookId: string;
  readonly studentName: string;
  /** The version handed in: post it back with the results (a newer hand-in makes it stale, 409). */
  readonly versionId: string;
  /** ISO 8601. */
  readonly handedInAt: string;
  readonly cells: readonly GradingCell[];
}

/** What a teacher's browser needs to grade an assignment (teachers of its class only). */
export interface GradingPayload {
  readonly assignmentId: string;
  readonly title: string;
  /** Every check, visible and hidden, in notebook order: a grade has one result for each. */
  readonly checks: readonly CheckSpec[];
  /** The hidden checks' code, which no student's copy holds. */
  readonly hiddenChecks: readonly { readonly cellId: string; readonly source: string }[];
  /** Copies handed in (submitted or returned), by student name. */
  readonly copies: readonly GradingCopy[];
}

/** One check's result as the teacher's browser saw it. */
export interface GradeCheckResult {
  readonly cellId: string;
  readonly passed: boolean;
  /** What went wrong (the exception line), or null; at most 2,000 characters. */
  readonly message: string | null;
}

/** The body of POST /api/assignments/<id>/grades. */
export interface GradeSubmission {
  readonly copyId: string;
  readonly versionId: string;
  /** One per check of the assignment, each exactly once. */
  readonly results: readonly GradeCheckResult[];
}

/** What POST /api/assignments/<id>/grades answers (200). */
export interface GradeSaved {
  readonly passed: number;
  readonly total: number;
  /** The passed checks' points, of all checks' points (the server's sum from the assignment's checks). */
  readonly points: number;
  readonly maxPoints: number;
  /** ISO 8601. */
  readonly gradedAt: string;
}

/** Longest message a check result may carry. */
export const GRADE_MESSAGE_MAX = 2_000;
