/** How a copy's progress reads, wherever it is shown: its status, its checks' results, its grade. */
import type { CheckResult } from "@/lib/notebook/checks";
import type { CopyProgress, GradeSummary, ScoreSummary } from "@/lib/classroom/progress-types";
import { LocalTime } from "@/components/ui/local-time";

const LABELS: Record<CopyProgress["status"], string> = {
  not_started: "Not started",
  working: "In progress",
  submitted: "Handed in",
  returned: "Returned",
};

/**
 * "due Thu, Mar 1, 5:00 PM (in 3 days) · locks then": the student's own due date (an extension
 * says so), and whether their copy turns read-only at it.
 */
export function DueFact({ progress, lockAtDue }: { progress: Pick<CopyProgress, "status" | "dueAt" | "extended" | "locked">; lockAtDue: boolean }) {
  if (!progress.dueAt) return <span className="library-facts">no due date</span>;
  return (
    <span className="library-facts" data-testid="due">
      {progress.extended ? "extended to " : "due "}
      <LocalTime at={progress.dueAt} style="moment" relative />
      {/* Not once it has (the page says "Locked"), nor for a returned copy, which never locks. */}
      {lockAtDue && !progress.locked && progress.status !== "returned" ? " · locks then" : null}
    </span>
  );
}

export function StatusChip({ progress }: { progress: Pick<CopyProgress, "status" | "late" | "missing"> }) {
  return (
    <span className="status-chips" data-testid="status" data-status={progress.status}>
      <span className={`status-chip status-${progress.status}`}>{LABELS[progress.status]}</span>
      {progress.late ? <span className="status-chip status-late">Late</span> : null}
      {progress.missing ? <span className="status-chip status-late">Missing</span> : null}
    </span>
  );
}

const MARK: Record<CheckResult["state"], string> = { passed: "✓", failed: "✗", running: "…", not_run: "–" };
const SAY: Record<CheckResult["state"], string> = { passed: "passed", failed: "failed", running: "running", not_run: "not run" };

/** "2 of 3 checks passed", with one mark per check (self-reported: the student's browser ran them). */
export function ChecksSummary({ checks }: { checks: readonly CheckResult[] }) {
  if (checks.length === 0) return null;
  const passed = checks.filter((c) => c.state === "passed").length;
  return (
    <span className="checks-summary" data-testid="checks-summary" title="Self-reported: the student's browser ran the checks">
      <span className="check-marks" aria-hidden>
        {checks.map((c) => (
          <span key={c.cellId} className={`check-mark check-${c.state}`}>
            {MARK[c.state]}
          </span>
        ))}
      </span>
      <span>
        {passed} of {checks.length} checks passed
      </span>
      <span className="visually-hidden">: {checks.map((c, i) => `check ${i + 1} ${SAY[c.state]}${c.changed ? " (its code was changed)" : ""}`).join(", ")}</span>
      {checks.some((c) => c.changed) ? <span className="status-chip status-late">check code changed</span> : null}
    </span>
  );
}

/**
 * The teacher's grade (their browser ran every check, hidden ones included, on the hand-in): the
 * grid's "Graded 2/3", when and by whom, and "regrade" once the student has handed in again; the
 * student's "Graded: 2 of 3 checks passed".
 */
export function GradeView({ grade, audience }: { grade: GradeSummary; audience: "student" | "teacher" }) {
  if (audience === "student") {
    return (
      <span className="library-facts" data-testid="grade" data-stale={grade.stale || undefined}>
        <strong>
          Graded: {grade.passed} of {grade.total} checks passed
        </strong>
        {grade.stale ? " (an earlier hand-in)" : null}
      </span>
    );
  }
  return (
    <span className="grid-activity" data-testid="grade" data-stale={grade.stale || undefined}>
      <span className="status-chip status-returned" title="Graded in the teacher's browser, hidden checks included">
        Graded {grade.passed}/{grade.total}
      </span>{" "}
      <LocalTime at={grade.gradedAt} style="moment" />
      {grade.gradedBy ? ` by ${grade.gradedBy}` : null}
      {grade.stale ? <span className="hand-in-changed"> regrade: handed in again</span> : null}
    </span>
  );
}

/**
 * The copy's overall score: "7 / 10 points", and "(set by teacher)" when the teacher's own score
 * overrides the grade's points, with its note; the student sees it once the copy is returned.
 */
export function ScoreView({ score, audience }: { score: ScoreSummary; audience: "student" | "teacher" }) {
  const text = `${score.points} / ${score.maxPoints} points`;
  const override = score.override;
  return (
    <span className={audience === "student" ? "library-facts" : "grid-activity"} data-testid="score" data-override={override ? true : undefined}>
      {audience === "student" ? <strong>Score: {text}</strong> : <strong>{text}</strong>}
      {override ? (
        <span title={override.by ? `Set by ${override.by}` : undefined}>
          {" "}
          (set by teacher){override.note ? <span data-testid="score-note">: {override.note}</span> : null}
        </span>
      ) : null}
    </span>
  );
}
