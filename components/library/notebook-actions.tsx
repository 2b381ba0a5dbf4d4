"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

async function send(url: string, method: string, body?: unknown): Promise<string | null> {
  try {
    const response = await fetch(url, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.ok) return null;
    const data = (await response.json().catch(() => null)) as { message?: unknown } | null;
    return typeof data?.message === "string" ? data.message : `The server answered ${response.status}.`;
  } catch {
    return "Could not reach the server. Check your connection and try again.";
  }
}

/** Rename and "move to trash" for one of my notebooks. */
export function NotebookActions({ id, title }: { id: string; title: string }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const run = async (url: string, method: string, body?: unknown) => {
    setPending(true);
    const problem = await send(url, method, body);
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
          <button
            type="button"
            className="button button-small"
            disabled={pending}
            onClick={() => void run(`/api/notebooks/${id}`, "DELETE")}
            aria-label={`Move ${title} to the trash`}
          >
            Delete
          </button>
        </>
      )}
      {error ? (
        <span className="form-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** "Restore" for a notebook in my trash. */
export function RestoreButton({ id, title }: { id: string; title: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const restore = async () => {
    const problem = await send(`/api/notebooks/${id}/restore`, "POST");
    setError(problem);
    if (problem === null) router.refresh();
  };
  return (
    <span className="library-actions">
      <button type="button" className="button button-small" onClick={() => void restore()} aria-label={`Restore ${title}`}>
        Restore
      </button>
      {error ? (
        <span className="form-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
