import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { AssignForm } from "@/components/classroom/assign-form";
import { OpenAssignmentButton } from "@/components/classroom/assignment-buttons";
import { ClassGridView } from "@/components/classroom/class-grid";
import { RefreshOnClass } from "@/components/classroom/refresh-on-class";
import { ClassActions, LeaveClassButton } from "@/components/classroom/course-actions";
import { ChecksSummary, DueFact, StatusChip } from "@/components/classroom/progress-view";
import { LocalTime } from "@/components/ui/local-time";
import { AddTeacherForm, JoinCode, RemoveMemberButton } from "@/components/classroom/roster-actions";
import { currentViewer } from "@/lib/server/auth/current";
import { assignableNotebooks } from "@/lib/server/classroom/assignments";
import { formatJoinCode, loadClass, type ClassPage } from "@/lib/server/classroom/classes";
import { classGrid, studentAssignments } from "@/lib/server/classroom/progress";
import { getDb } from "@/lib/server/db/client";
import { settings } from "@/lib/server/env";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const viewer = await currentViewer();
  const found = viewer ? await loadClass(getDb(), viewer.id, (await params).id) : null;
  return { title: found ? found.name : "Not found" };
}

async function TeacherView({ page, viewerId }: { page: ClassPage; viewerId: string }) {
  const [grid, notebooks] = await Promise.all([classGrid(getDb(), viewerId, page.id), assignableNotebooks(getDb(), viewerId)]);
  return (
    <>
      <JoinCode
        classId={page.id}
        code={formatJoinCode(page.joinCode!)}
        path={`/join/${page.joinCode}`}
        previous={page.previousCode ? { code: formatJoinCode(page.previousCode.code), until: page.previousCode.until } : null}
      />
      <section aria-labelledby="work-heading">
        <header className="section-header">
          <h2 id="work-heading">Assignments</h2>
          <span className="library-actions">
            {grid && grid.assignments.length > 0 ? (
              <a className="button" href={`/api/classes/${page.id}/gradebook`} download>
                Download grades (CSV)
              </a>
            ) : null}
            <AssignForm classId={page.id} notebooks={notebooks} />
          </span>
        </header>
        {grid ? <ClassGridView grid={grid} packageBaseUrl={settings().pyodidePackageUrl} /> : null}
      </section>
      <section aria-labelledby="roster-heading">
        <h2 id="roster-heading">People</h2>
        <ul className="library-list" data-testid="roster">
          {[...page.teachers.map((m) => ({ ...m, role: "teacher" })), ...page.students.map((m) => ({ ...m, role: "student" }))].map((m) => (
            <li key={m.id} data-testid="roster-member">
              <span className="avatar avatar-small" style={{ backgroundColor: m.color }} aria-hidden />
              <strong>{m.name}</strong>
              <span className="library-facts">
                {m.email} · {m.role} · joined <LocalTime at={m.joinedAt} style="date" />
              </span>
              <RemoveMemberButton classId={page.id} userId={m.id} name={m.name} />
            </li>
          ))}
        </ul>
        <AddTeacherForm classId={page.id} />
      </section>
    </>
  );
}

async function StudentView({ page, viewerId }: { page: ClassPage; viewerId: string }) {
  const assignments = (await studentAssignments(getDb(), viewerId, page.id)) ?? [];
  return (
    <section aria-labelledby="work-heading">
      <h2 id="work-heading">Your assignments</h2>
      {assignments.length === 0 ? <p className="empty">Nothing assigned yet.</p> : null}
      <ul className="library-list" data-testid="assignment-list">
        {assignments.map(({ assignment, progress }) => (
          <li key={assignment.id} data-testid="assignment-item" data-title={assignment.title}>
            <strong>{assignment.title}</strong>
            <StatusChip progress={progress} />
            <DueFact progress={progress} lockAtDue={assignment.lockAtDue} />
            {progress.locked ? <span className="badge badge-locked">Locked at the due date</span> : null}
            {assignment.closed ? <span className="badge">Hand-ins closed</span> : null}
            <ChecksSummary checks={progress.checks} />
            <OpenAssignmentButton assignmentId={assignment.id} started={progress.copyId !== null} />
            {assignment.instructions ? <p className="assignment-instructions">{assignment.instructions}</p> : null}
            {progress.status === "returned" && progress.returnNote ? (
              <p className="return-note" data-testid="return-note">
                <strong>Your teacher:</strong> {progress.returnNote}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export default async function ClassRoute({ params }: Props) {
  const { id } = await params;
  const viewer = await currentViewer();
  if (!viewer) redirect(`/sign-in?next=${encodeURIComponent(`/classes/${id}`)}`);
  const page = await loadClass(getDb(), viewer.id, id);
  if (!page) notFound();
  return (
    <div className="library">
      <p className="breadcrumb">
        <Link href="/classes">Classes</Link>
      </p>
      <header className="library-header">
        <h1>{page.name}</h1>
        <span className="library-facts">
          {page.role === "teacher" ? `You teach this class · ${page.students.length === 1 ? "1 student" : `${page.students.length} students`}` : `Taught by ${page.teachers.map((t) => t.name).join(", ")}`}
        </span>
        {page.role === "teacher" ? <ClassActions classId={page.id} name={page.name} archived={page.archived} /> : <LeaveClassButton classId={page.id} />}
      </header>
      {page.archived ? (
        <p className="class-archived" data-testid="class-archived">
          This class is archived: nobody joins it, nothing new is assigned and nothing is handed in. Its work and grades stay here.
        </p>
      ) : null}
      {/* Live: a hand-in, a return, a grade, a new assignment render the page again (class-events.ts). */}
      <RefreshOnClass classId={page.id} />
      {page.role === "teacher" ? <TeacherView page={page} viewerId={viewer.id} /> : <StudentView page={page} viewerId={viewer.id} />}
    </div>
  );
}
