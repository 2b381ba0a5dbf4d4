import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CreateClassForm, JoinClassForm } from "@/components/classroom/class-forms";
import { currentViewer } from "@/lib/server/auth/current";
import { listClasses } from "@/lib/server/classroom/classes";
import { getDb } from "@/lib/server/db/client";

export const metadata: Metadata = { title: "Classes" };
export const dynamic = "force-dynamic";

export default async function ClassesPage() {
  const viewer = await currentViewer();
  if (!viewer) redirect("/sign-in?next=/classes");
  const classes = await listClasses(getDb(), viewer.id);
  const teaching = classes.filter((c) => c.role === "teacher");
  const learning = classes.filter((c) => c.role === "student");
  return (
    <div className="library">
      <header className="library-header">
        <h1>Classes</h1>
      </header>
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
    </div>
  );
}
