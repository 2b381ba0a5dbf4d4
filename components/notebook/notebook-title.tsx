"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { sendJson } from "@/lib/react/send-json";
import { titleChanged } from "@/lib/sync/notebook-signals";
import { FormError } from "../ui/form-error";

const MAX_TITLE = 200;

/**
 * The title shown, in the heading and the tab's title; a rename announced by the room (someone
 * else's, or this person's in another tab) shows the same way.
 */
function useShownTitle(notebookId: string, initial: string): [string, (title: string) => void] {
  const [shown, setShown] = useState(initial);
  const previous = useRef(initial);
  useEffect(() => {
    document.title = document.title.replace(previous.current, shown);
    previous.current = shown;
  }, [shown]);
  useEffect(() => titleChanged.on(notebookId, setShown), [notebookId]);
  return [shown, setShown];
}

/**
 * The notebook's title, renamable in place by anyone who may edit it (guests on a link that edits
 * included), as in JupyterLab: click the title (or "Rename"), type, Enter saves, Escape cancels,
 * leaving the box saves. Saved through PATCH /api/notebooks/<id>; everyone else in the room sees the
 * new title at once (the server's MESSAGE_TITLE_CHANGED), in the heading and the tab's title.
 */
export function NotebookTitle({ notebookId, title, canWrite }: { notebookId: string; title: string; canWrite: boolean }) {
  const router = useRouter();
  const [shown, setShown] = useShownTitle(notebookId, title);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Enter and Escape end the edit before the blur that follows them: the blur must not save again.
  const settled = useRef(false);
  const renameButton = useRef<HTMLButtonElement>(null);

  if (!canWrite) return <h1>{shown}</h1>;

  const start = () => {
    settled.current = false;
    setError(null);
    setEditing(true);
  };
  const finish = () => {
    setEditing(false);
    // Back to Rename, so the keyboard stays where it was.
    requestAnimationFrame(() => renameButton.current?.focus());
  };
  const save = async (value: string) => {
    const clean = value.replace(/\s+/g, " ").trim();
    if (!clean) {
      setError("A notebook needs a title: type one, or press Escape to keep the old one.");
      return;
    }
    if (clean === shown) {
      settled.current = true;
      finish();
      return;
    }
    settled.current = true;
    setPending(true);
    const problem = await sendJson(`/api/notebooks/${encodeURIComponent(notebookId)}`, "PATCH", { title: clean });
    setPending(false);
    if (problem !== null) {
      settled.current = false;
      setError(problem);
      return;
    }
    setShown(clean);
    finish();
    router.refresh();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      void save(event.currentTarget.value);
    } else if (event.key === "Escape") {
      event.preventDefault();
      settled.current = true;
      setError(null);
      finish();
    }
  };

  if (editing) {
    return (
      <span className="notebook-title-edit">
        <h1 className="visually-hidden">{shown}</h1>
        <input
          className="notebook-title-input"
          aria-label="Notebook title"
          defaultValue={shown}
          maxLength={MAX_TITLE}
          autoFocus
          disabled={pending}
          onFocus={(event) => event.currentTarget.select()}
          onKeyDown={onKeyDown}
          onBlur={(event) => {
            // Leaving the box saves what it says, as in JupyterLab; an empty box keeps the old title.
            if (settled.current) return;
            if (!event.currentTarget.value.trim()) {
              setError(null);
              finish();
            } else void save(event.currentTarget.value);
          }}
        />
        <FormError message={error} />
      </span>
    );
  }
  return (
    <span className="notebook-title">
      {/* A click on the title renames, for the mouse; Rename is the same for the keyboard and for
          screen readers, so the heading stays a heading (a button named after the title would
          share its name with whatever the title says: "Stop", "Share"...). */}
      <h1>
        <span className="notebook-title-button" title="Click to rename" onClick={start}>
          {shown}
        </span>
      </h1>
      <button ref={renameButton} type="button" className="button button-small notebook-rename" onClick={start}>
        Rename
      </button>
    </span>
  );
}
