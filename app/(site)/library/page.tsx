import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { redirect } from "next/navigation";
import { NotebookActions, RestoreButton } from "@/components/library/notebook-actions";
import { ImportNotebookButton } from "@/components/notebook/import-notebook-button";
import { NewNotebookButton } from "@/components/notebook/new-notebook-button";
import { currentViewer } from "@/lib/server/auth/current";
import { getDb } from "@/lib/server/db/client";
import { loadLibrary, TRASH_DAYS } from "@/lib/server/notebooks/library";

export const metadata: Metadata = { title: "Your library" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ q?: string | string[] }> };

const day = (d: Date) => <LocalTime at={d} style="date" />;

export default async function LibraryPage({ searchParams }: Props) {
  const viewer = await currentViewer();
  if (!viewer) redirect("/sign-in?next=/library");
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 200) ?? "";
  const library = await loadLibrary(getDb(), viewer, q);

  return (
    <div className="library">
      <header className="library-header">
        <h1>Your library</h1>
        <span className="hero-actions">
          <NewNotebookButton />
          <ImportNotebookButton />
        </span>
      </header>

      {library.recent.length > 0 && !q ? (
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading">Recently opened</h2>
          <ul className="library-list" data-testid="recent-list">
            {library.recent.map((n) => (
              <li key={n.id}>
                <Link href={`/n/${n.slug}`}>{n.title}</Link>
                <span className="library-facts">
                  {n.owned ? "yours" : "shared with you"} · opened {day(n.visitedAt)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">Your notebooks</h2>
        <form className="library-search" role="search" action="/library">
          <input name="q" type="search" defaultValue={q} placeholder="Search titles and code" aria-label="Search your notebooks" />
          <button type="submit" className="button button-small">
            Search
          </button>
          {q ? <Link href="/library">Clear</Link> : null}
        </form>
        {library.mine.length === 0 ? (
          <p className="empty">{q ? `Nothing of yours matches “${q}”.` : "No notebooks yet: start one, import one, or copy a lesson."}</p>
        ) : (
          <ul className="library-list" data-testid="my-notebooks">
            {library.mine.map((n) => (
              <li key={n.id} data-testid="library-item">
                <Link href={`/n/${n.slug}`}>{n.title}</Link>
                {n.assignmentClass ? <span className="badge">assignment · {n.assignmentClass}</span> : null}
                <span className="library-facts">
                  {n.cellCount === 1 ? "1 cell" : `${n.cellCount} cells`} · changed {day(n.updatedAt)}
                </span>
                <NotebookActions id={n.id} title={n.title} canDelete={n.assignmentClass === null} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {library.shared.length > 0 ? (
        <section aria-labelledby="shared-heading">
          <h2 id="shared-heading">Shared with you</h2>
          <ul className="library-list" data-testid="shared-list">
            {library.shared.map((n) => (
              <li key={n.id}>
                <Link href={`/n/${n.slug}`}>{n.title}</Link>
                <span className="library-facts">
                  {n.role === "editor" ? "you can edit" : "you can view"}
                  {n.ownerName ? ` · ${n.ownerName}'s` : ""} · changed {day(n.updatedAt)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="lessons-link-heading">
        <h2 id="lessons-link-heading">Lessons</h2>
        <p>
          <Link href="/">Browse the lessons</Link>: open one and copy it to make it yours.
        </p>
      </section>

      {library.trash.length > 0 ? (
        <section aria-labelledby="trash-heading">
          <h2 id="trash-heading">Trash</h2>
          <p className="hint">Deleted notebooks stay here for {TRASH_DAYS} days, then go for good.</p>
          <ul className="library-list" data-testid="trash-list">
            {library.trash.map((n) => (
              <li key={n.id}>
                <span>{n.title}</span>
                <span className="library-facts">deleted {day(n.deletedAt)} · removed {day(n.purgeAt)}</span>
                <RestoreButton id={n.id} title={n.title} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
