"use client";

import { useEffect, useState } from "react";

const KEY = (slug: string) => `tandem:import-notes:${slug}`;
const SHOWN = 6;

/** Keeps what an import changed for the notebook page it opens (ImportNotebookButton). */
export function rememberImportNotes(slug: string, notes: readonly string[]): void {
  if (notes.length === 0) return;
  try {
    sessionStorage.setItem(KEY(slug), JSON.stringify(notes));
  } catch {
    // No storage (private mode, full): the notebook opens without the note.
  }
}

/**
 * Right after an import, what reading the file changed, as Jupyter would have (an old format
 * converted, keys dropped, ids replaced: lib/notebook/nbformat/repair.ts), so the person knows what
 * their file lost. Shown once, to the person who imported it; dismissible.
 */
export function ImportNotes({ slug }: { slug: string }) {
  const [notes, setNotes] = useState<string[] | null>(null);
  useEffect(() => {
    try {
      const stored = sessionStorage.getItem(KEY(slug));
      if (stored === null) return;
      sessionStorage.removeItem(KEY(slug));
      const parsed: unknown = JSON.parse(stored);
      // Read once from the browser's storage after hydration: an external system, not render state.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      if (Array.isArray(parsed) && parsed.every((n) => typeof n === "string")) setNotes(parsed);
    } catch {
      // Unreadable: nothing to say.
    }
  }, [slug]);
  if (!notes) return null;
  return (
    <section className="import-notes" role="status" aria-label="What the import changed" data-testid="import-notes">
      <div className="import-notes-head">
        <strong>
          Imported with {notes.length} change{notes.length === 1 ? "" : "s"}, as Jupyter reads the file:
        </strong>
        <button type="button" className="button button-small" onClick={() => setNotes(null)}>
          Dismiss
        </button>
      </div>
      <ul>
        {notes.slice(0, SHOWN).map((note, i) => (
          <li key={i}>{note}</li>
        ))}
      </ul>
      {notes.length > SHOWN ? (
        <details>
          <summary>{notes.length - SHOWN} more</summary>
          <ul>
            {notes.slice(SHOWN).map((note, i) => (
              <li key={i}>{note}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
