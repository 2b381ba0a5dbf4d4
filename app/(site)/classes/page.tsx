import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CreateClassForm, JoinClassForm } from "@/components/classroom/class-forms";
import { currentViewer } from "@/lib/server/auth/current";
import { listClasses } from "@/lib/server/classroom/classes";
import { myAssignments } from "@/lib/server/classroom/progress";
import { OpenAssignmentButton } from "@/components/classroom/assignment-buttons";
import { DueFact, StatusChip } from "@/components/classroom/progress-view";
import { getDb } from "@/lib/server/db/client";

export const metadata: Metadata = { title: "Classes" };
export const dynamic = "force-dynamic";

export default async function ClassesPage() {
  const viewer = await currentViewer();
  if (!viewer) redirect("/sign-in?next=/classes");
  const [classes, assignments] = await Promise.all([listClasses(getDb(), viewer.id), myAssignments(getDb(), viewer.id)]);
  const teaching = classes.filter((c) => c.role === "teacher" && !c.archived);
  const learning = classes.filter((c) => c.role === "student" && !c.archived);
  const archived = classes.filter((c) => c.archived);
  return (
    <div className="library">
      <header className="library-header">
        <h1>Classes</h1>
      </header>
      {assignments.length > 0 ? (
        <section aria-labelledby="todo-heading">
          <h2 id="todo-heading">Your assignments</h2>
          <ul className="library-list" data-testid="my-assignments">
            {assignments.map(({ className, classId, assignment, progress }) => (
              <li key={assignment.id} data-testid="my-assignment">
                <strong>{assignment.title}</strong>
                <StatusChip progress={progress} />
                <span className="library-facts">
                  <Link href={`/classes/${classId}`}>{className}</Link>
                </span>
                <DueFact progress={progress} lockAtDue={assignment.lockAtDue} />
                <OpenAssignmentButton assignmentId={assignment.id} started={progress.copyId !== null} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="learning-heading">
        <h2 id="learning-heading">Classes you are in</h2>
        {learning.length === 0 ? <p className="empty">None yet. Your teacher gives you a code or a link to join.</p> : null}
        <ul className="library-list" data-testid="learning-list">
          {learning.map((c) => (
            <li key={c.id}>
              <Link href={`/classes/${c.id}`}>{c.name}</Link>
              <span className="library-facts">{c.assignments === 1 ? "1 assignment" : `${c.assignments} assignments`}</span>
            </li>
          ))}
        </ul>
        <JoinClassForm />
      </section>
      <section aria-labelledby="teaching-heading">
        <h2 id="teaching-heading">Classes you teach</h2>
        <ul className="library-list" data-testid="teaching-list">
          {teaching.map((c) => (
            <li key={c.id}>
              <Link href={`/classes/${c.id}`}>{c.name}</Link>
              <span className="library-facts">
                {c.students === 1 ? "1 student" : `${c.students} students`} · {c.assignments === 1 ? "1 assignment" : `${c.assignments} assignments`}
              </span>
            </li>
          ))}
        </ul>
        <CreateClassForm />
      </section>
      {archived.length > 0 ? (
        <section aria-labelledby="archived-heading">
          <h2 id="archived-heading">Archived</h2>
          <ul className="library-list" data-testid="archived-list">
            {archived.map((c) => (
              <li key={c.id}>
                <Link href={`/classes/${c.id}`}>{c.name}</Link>
                <span className="library-facts">{c.role === "teacher" ? "you taught it" : "you were in it"}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
