"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

async function post(url: string, body?: unknown): Promise<string | null> {
  try {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}) });
    if (response.ok) return null;
    const data = (await response.json().catch(() => null)) as { message?: unknown } | null;
    return typeof data?.message === "string" ? data.message : `The server answered ${response.status}.`;
  } catch {
    return "Could not reach the server. Check your connection and try again.";
  }
}

/** "Save version": names the notebook's current state. */
export function SaveVersionButton({ notebookId }: { notebookId: string }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    const problem = await post(`/api/notebooks/${encodeURIComponent(notebookId)}/versions`, { name });
    setError(problem);
    if (problem === null) {
      setOpen(false);
      setNote(`Saved “${name.trim()}”`);
      setTimeout(() => setNote(null), 3000);
    }
  };
  if (!open) {
    return (
      <span className="action-with-error">
        <button type="button" className="button button-small" onClick={() => setOpen(true)}>
          Save version
        </button>
        {note ? (
          <span className="save-note" role="status">
            {note}
          </span>
        ) : null}
      </span>
    );
  }
  return (
    <form className="save-version" onSubmit={save}>
      <input name="name" aria-label="Version name" placeholder="Name this version" required maxLength={120} autoFocus />
      <button type="submit" className="button button-small button-primary">
        Save
      </button>
      <button type="button" className="button button-small" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error ? (
        <span className="form-error" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}

/** "Restore this version": a new change everyone in the room sees; then back to the notebook. */
export function RestoreVersionButton({ notebookId, versionId, slug }: { notebookId: string; versionId: string; slug: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const restore = async () => {
    setPending(true);
    const problem = await post(`/api/notebooks/${encodeURIComponent(notebookId)}/versions/${encodeURIComponent(versionId)}/restore`);
    setPending(false);
    setError(problem);
    if (problem === null) router.push(`/n/${slug}`);
  };
  return (
    <span className="action-with-error">
      <button type="button" className="button button-primary" onClick={() => void restore()} disabled={pending}>
        {pending ? "Restoring…" : "Restore this version"}
      </button>
      {error ? (
        <span className="form-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
