/**
 * The teacher's grid: students down, assignments across; each square says where that student is
 * (status, last activity, self-reported checks, the teacher's grade, the score in points, with
 * "Score…" to set the teacher's own) and opens their copy; each
 * assignment's Grade runs its hand-ins with the hidden checks in the teacher's browser.
 */
import type { ClassGrid, CopyProgress } from "@/lib/classroom/progress-types";
import { LocalTime } from "@/components/ui/local-time";
import { AssignmentActions } from "./course-actions";
import { ExtendControl } from "./extend-control";
import { GradeButton } from "./grade-button";
import { HandInLink } from "./hand-in-link";
import { ChecksSummary, GradeView, ScoreView, StatusChip } from "./progress-view";
import { ScoreControl } from "./score-control";

/** "2 handed in · 1 in progress · 1 not started · 1 late": where the class is with an assignment. */
function countsOf(progress: readonly CopyProgress[]): string {
  const count = (test: (p: CopyProgress) => boolean) => progress.filter(test).length;
  const parts: [number, string][] = [
    [count((p) => p.status === "submitted"), "handed in"],
    [count((p) => p.status === "returned"), "returned"],
    [count((p) => p.status === "working"), "in progress"],
    [count((p) => p.status === "not_started"), "not started"],
    [count((p) => p.late), "late"],
    [count((p) => p.missing), "missing"],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(" · ");
}

/** `packageBaseUrl`: the Python package source, for grading in the teacher's browser (grade-button.tsx). */
export function ClassGridView({ grid, packageBaseUrl }: { grid: ClassGrid; packageBaseUrl: string | null }) {
  if (grid.assignments.length === 0) {
    return <p className="empty">{grid.students.length === 0 ? "No students or assignments yet: give your students the code above." : "No assignments yet."}</p>;
  }
  return (
    <div className="grid-scroll">
      <table className="class-grid" data-testid="class-grid">
        <thead>
          <tr>
            <th scope="col">Student</th>
            {grid.assignments.map((a) => (
              <th scope="col" key={a.id}>
                {a.title}
                {a.dueAt ? (
                  <span className="grid-due">
                    due <LocalTime at={a.dueAt} style="moment" />
                    {a.lockAtDue ? " · locks then" : null}
                  </span>
                ) : null}
                <span className="grid-counts" data-testid="grid-counts">
                  {countsOf(Object.values(grid.progress[a.id] ?? {}))}
                </span>
                {a.closed ? (
                  <span className="badge" data-testid="grid-closed">
                    Hand-ins closed
                  </span>
                ) : null}
                <span className="grid-head-actions">
                  {/* Only checks are graded: an assignment without any has nothing to grade. */}
                  {a.checks.length > 0 ? <GradeButton assignmentId={a.id} title={a.title} packageBaseUrl={packageBaseUrl} /> : null}
                  <AssignmentActions assignment={a} />
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {/* An assignment made before anyone joined is listed all the same. */}
          {grid.students.length === 0 ? (
            <tr>
              <td colSpan={grid.assignments.length + 1} className="empty" data-testid="grid-no-students">
                No students yet: give them the code above. Each gets their own copy of every assignment when they open it.
              </td>
            </tr>
          ) : null}
          {grid.students.map((s) => (
            <tr key={s.id} data-testid="grid-row" data-student={s.name}>
              <th scope="row">
                <span className="avatar avatar-small" style={{ backgroundColor: s.color }} aria-hidden />
                {s.name}
              </th>
              {grid.assignments.map((a) => {
                const p = grid.progress[a.id]?.[s.id];
                if (!p) return <td key={a.id} />;
                return (
                  <td key={a.id} data-testid="grid-cell" data-assignment={a.title}>
                    <StatusChip progress={p} />
                    {p.locked ? (
                      <span className="grid-activity" data-testid="grid-locked">
                        locked at the due date
                      </span>
                    ) : null}
                    <HandInLink progress={p} />
                    <ChecksSummary checks={p.checks} />
                    {p.grade ? <GradeView grade={p.grade} audience="teacher" /> : null}
                    {p.score ? <ScoreView score={p.score} audience="teacher" /> : null}
                    <span className="grid-activity">
                      {p.lastActivity ? (
                        <>
                          active <LocalTime at={p.lastActivity} style="moment" />
                        </>
                      ) : p.copyId ? (
                        "opened, no changes"
                      ) : null}
                    </span>
                    {p.slug ? (
                      <a href={`/n/${p.slug}`} className="grid-open" aria-label={`Open ${s.name}'s copy of ${a.title}`}>
                        Open copy
                      </a>
                    ) : null}
                    {p.copyId ? (
                      <ScoreControl assignmentId={a.id} assignmentTitle={a.title} copyId={p.copyId} studentName={s.name} score={p.score} maxPoints={a.maxPoints} />
                    ) : null}
                    <ExtendControl assignmentId={a.id} assignmentTitle={a.title} studentId={s.id} studentName={s.name} dueAt={p.dueAt} extended={p.extended} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
