"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson } from "@/lib/react/send-json";
import { FormError } from "../ui/form-error";

/** "Save version": names the notebook's current state. */
export function SaveVersionButton({ notebookId }: { notebookId: string }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    const problem = await sendJson(`/api/notebooks/${encodeURIComponent(notebookId)}/versions`, "POST", { name });
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
      <FormError message={error} />
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
    const problem = await sendJson(`/api/notebooks/${encodeURIComponent(notebookId)}/versions/${encodeURIComponent(versionId)}/restore`, "POST");
    setPending(false);
    setError(problem);
    if (problem === null) router.push(`/n/${slug}`);
  };
  return (
    <span className="action-with-error">
      <button type="button" className="button button-primary" onClick={() => void restore()} disabled={pending}>
        {pending ? "Restoring…" : "Restore this version"}
      </button>
      <FormError message={error} />
    </span>
  );
}
