/**
 * The teacher's grid: students down, assignments across; each square says where that student is
 * (status, last activity, checks) and opens their copy.
 */
import type { ClassGrid } from "@/lib/classroom/progress-types";
import { ChecksSummary, StatusChip, when } from "./progress-view";

export function ClassGridView({ grid }: { grid: ClassGrid }) {
  if (grid.students.length === 0) return <p className="empty">No students yet: give them the code above.</p>;
  if (grid.assignments.length === 0) return <p className="empty">No assignments yet.</p>;
  return (
    <div className="grid-scroll">
      <table className="class-grid" data-testid="class-grid">
        <thead>
          <tr>
            <th scope="col">Student</th>
            {grid.assignments.map((a) => (
              <th scope="col" key={a.id}>
                {a.title}
                {a.dueAt ? <span className="grid-due">due {when(a.dueAt)}</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
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
                    <ChecksSummary checks={p.checks} />
                    <span className="grid-activity">{p.lastActivity ? `active ${when(p.lastActivity)}` : p.copyId ? "opened, no changes" : ""}</span>
                    {p.slug ? (
                      <a href={`/n/${p.slug}`} className="grid-open" aria-label={`Open ${s.name}'s copy of ${a.title}`}>
                        Open copy
                      </a>
                    ) : null}
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
