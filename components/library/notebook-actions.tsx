"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson } from "@/lib/react/send-json";
import { FormError } from "../ui/form-error";

/** Rename and "move to trash" for one of my notebooks. */
export function NotebookActions({ id, title, canDelete = true }: { id: string; title: string; canDelete?: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const run = async (url: string, method: "PATCH" | "DELETE", body?: unknown) => {
    setPending(true);
    const problem = await sendJson(url, method, body);
    setPending(false);
    setError(problem);
    if (problem === null) {
      setEditing(false);
      router.refresh();
    }
  };

  const rename = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = String(new FormData(event.currentTarget).get("title") ?? "");
    void run(`/api/notebooks/${id}`, "PATCH", { title: next });
  };

  return (
    <span className="library-actions">
      {editing ? (
        <form onSubmit={rename} className="rename-form">
          <input name="title" defaultValue={title} aria-label="New title" maxLength={200} required autoFocus />
          <button type="submit" className="button button-small" disabled={pending}>
            Save
          </button>
          <button type="button" className="button button-small" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <>
          <button type="button" className="button button-small" onClick={() => setEditing(true)} aria-label={`Rename ${title}`}>
            Rename
          </button>
          {canDelete ? (
            <button
              type="button"
              className="button button-small"
              disabled={pending}
              onClick={() => void run(`/api/notebooks/${id}`, "DELETE")}
              aria-label={`Move ${title} to the trash`}
            >
              Delete
            </button>
          ) : null}
        </>
      )}
      <FormError message={error} />
    </span>
  );
}

/** "Restore" for a notebook in my trash. */
export function RestoreButton({ id, title }: { id: string; title: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const restore = async () => {
    const problem = await sendJson(`/api/notebooks/${id}/restore`, "POST");
    setError(problem);
    if (problem === null) router.refresh();
  };
  return (
    <span className="library-actions">
      <button type="button" className="button button-small" onClick={() => void restore()} aria-label={`Restore ${title}`}>
        Restore
      </button>
      <FormError message={error} />
    </span>
  );
}
