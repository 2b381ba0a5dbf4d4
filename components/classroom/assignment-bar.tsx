/**
 * The assignment a copy belongs to, above its notebook: for the student, what to do, when it is
 * due, where they are and "Hand in"; for a teacher, whose copy it is and "Return".
 */
import { IntentLink } from "@/components/site/intent-link";
import type { CopyContext } from "@/lib/classroom/progress-types";
import { HandInButton, ReturnForm } from "./assignment-buttons";
import { HandInLink } from "./hand-in-link";
import { DueFact, GradeView, ScoreView, StatusChip } from "./progress-view";
import { LocalTime } from "@/components/ui/local-time";

export function AssignmentBar({ context, now = new Date() }: { context: CopyContext; now?: Date }) {
  const { assignment, progress } = context;
  // The student's own due date (an extension moves it) decides unsubmitting, as on the server.
  const beforeDue = progress.dueAt === null || now < progress.dueAt;
  return (
    <section className="assignment-bar" data-testid="assignment-bar" aria-label="Assignment">
      <p className="assignment-line">
        <span className="badge">Assignment</span>
        <IntentLink href={`/classes/${context.classId}`}>{context.className}</IntentLink>
        {context.viewerRole === "teacher" ? (
          <span data-testid="copy-owner">
            {context.studentName}&apos;s copy
          </span>
        ) : null}
        <DueFact progress={progress} lockAtDue={assignment.lockAtDue} />
        <StatusChip progress={progress} />
        {progress.locked ? (
          <span className="badge badge-locked" data-testid="locked-at-due" title={context.viewerRole === "student" ? "Your copy is read-only: your teacher can return it for more work." : "Read-only for the student; you can still edit it, and returning it unlocks it."}>
            {context.viewerRole === "student" ? "Locked at the due date" : "Locked for the student at the due date"}
          </span>
        ) : null}
        {progress.submittedAt && progress.status !== "working" ? (
          <span className="library-facts">
            handed in <LocalTime at={progress.submittedAt} style="moment" />
          </span>
        ) : null}
        {context.viewerRole === "teacher" ? <HandInLink progress={progress} /> : null}
        {/* A student's progress carries a grade and a score only once the copy is returned (progress.ts). */}
        {progress.grade ? <GradeView grade={progress.grade} audience={context.viewerRole} /> : null}
        {progress.score ? <ScoreView score={progress.score} audience={context.viewerRole} /> : null}
        {assignment.closed ? (
          <span className="badge" data-testid="hand-ins-closed">
            Hand-ins closed
          </span>
        ) : null}
        {context.viewerRole === "student" ? (
          assignment.closed ? null : (
            <HandInButton assignmentId={assignment.id} submitted={progress.status === "submitted"} returned={progress.status === "returned"} canUnsubmit={beforeDue} />
          )
        ) : progress.copyId ? (
          <ReturnForm copyId={progress.copyId} returned={progress.status === "returned"} />
        ) : null}
      </p>
      {context.neighbours && (context.neighbours.previous || context.neighbours.next) ? (
        <nav className="copy-neighbours" aria-label="Other students' copies">
          {context.neighbours.previous ? (
            <IntentLink href={`/n/${context.neighbours.previous.slug}`} rel="prev">
              ← {context.neighbours.previous.studentName}
            </IntentLink>
          ) : (
            <span />
          )}
          {context.neighbours.next ? (
            <IntentLink href={`/n/${context.neighbours.next.slug}`} rel="next">
              {context.neighbours.next.studentName} →
            </IntentLink>
          ) : null}
        </nav>
      ) : null}
      {assignment.instructions ? <p className="assignment-instructions">{assignment.instructions}</p> : null}
      {progress.returnNote ? (
        <p className="return-note" data-testid="return-note">
          <strong>Returned {progress.returnedAt ? <LocalTime at={progress.returnedAt} style="moment" /> : null}:</strong> {progress.returnNote}
        </p>
      ) : null}
    </section>
  );
}
