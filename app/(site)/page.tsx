import Link from "next/link";
import { ImportNotebookButton } from "@/components/notebook/import-notebook-button";
import { NewNotebookButton } from "@/components/notebook/new-notebook-button";
import { listLessons } from "@/lib/server/catalogue";

// The catalogue lives in the database, which changes after the build.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const lessons = await listLessons();
  return (
    <>
      <section className="hero">
        <h1>Learn Python together</h1>
        <p>
          Open a lesson, run its code in your browser, and study it with a friend: every notebook is shared live, with
          everyone&apos;s cursors and results.
        </p>
        <p className="hero-actions">
          <NewNotebookButton />
          <ImportNotebookButton />
          <span className="hero-hint">A blank notebook with its own link: send it to a friend and edit together.</span>
        </p>
      </section>
      <section aria-labelledby="lessons-heading">
        <h2 id="lessons-heading">Lessons</h2>
        {lessons.length === 0 ? (
          <p className="empty">No lessons yet. Seed notebooks in notebooks/ appear here when the server starts.</p>
        ) : (
          <ul className="lesson-grid" data-testid="lesson-list">
            {lessons.map((lesson) => (
              <li key={lesson.slug} className="lesson-card">
                <Link href={`/n/${lesson.notebookSlug}`} className="lesson-link">
                  <h3>{lesson.title}</h3>
                  <p>{lesson.summary}</p>
                  <p className="lesson-facts">
                    <span className="badge">{lesson.level}</span>
                    <span>{lesson.minutes} min</span>
                    <span>{lesson.cellCount} cells</span>
                  </p>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
