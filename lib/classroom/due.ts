/**
 * A copy's due date and its lock (ADR 0006), as pure rules shared by the access rule
 * (lib/server/notebooks/access.ts), the progress facts (late, missing, unsubmitting) and the
 * deadline timer (lib/server/classroom/deadlines.ts), so that they never disagree about an instant.
 *
 * A student's effective due date is their extension (AssignmentExtension) when they have one, else
 * the assignment's. With `lockAtDue`, their copy is read-only from that instant on (now >= due)
 * until a teacher returns it; a copy handed in again after a return locks again.
 */

/** The student's own due date: their extension, else the assignment's (null: none). */
export function effectiveDue(assignmentDue: Date | null, extensionDue: Date | null | undefined): Date | null {
  return extensionDue ?? assignmentDue;
}

export interface LockFacts {
  readonly lockAtDue: boolean;
  /** The effective due date (effectiveDue). */
  readonly dueAt: Date | null;
  /** The copy's status: "working" | "submitted" | "returned". */
  readonly status: string;
}

/** Whether the copy is locked at `now`: the assignment locks, its due instant has come, and it is not returned. */
export function lockedAtDue(facts: LockFacts, now: Date): boolean {
  return facts.lockAtDue && facts.dueAt !== null && now.getTime() >= facts.dueAt.getTime() && facts.status !== "returned";
}
