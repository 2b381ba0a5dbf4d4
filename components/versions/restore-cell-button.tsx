"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/lib/react/send-json";
import { FormError } from "../ui/form-error";

/**
 * "Restore this cell": writes the version's cell back into the live notebook, as one change that
 * everyone in the room sees (a deleted cell returns where it was). The comparison stays as it was
 * until asked again ("Compare again"), so that the cell does not vanish from under the click.
 */
export function RestoreCellButton({ notebookId, versionId, cellId, deleted }: { notebookId: string; versionId: string; cellId: string; deleted: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const restore = async () => {
    setPending(true);
    const url = `/api/notebooks/${encodeURIComponent(notebookId)}/versions/${encodeURIComponent(versionId)}/cells/${encodeURIComponent(cellId)}/restore`;
    const problem = await sendJson(url, "POST");
    setPending(false);
    setError(problem);
    if (problem === null) {
      setNote(deleted ? "Restored: the cell is back in the notebook." : "Restored: the cell is as it was then.");
    }
  };
  if (note) {
    return (
      <span className="diff-restore">
        <span className="save-note" role="status">
          {note}
        </span>
        <button type="button" className="button button-small" onClick={() => router.refresh()}>
          Compare again
        </button>
      </span>
    );
  }
  return (
    <span className="action-with-error diff-restore">
      <button type="button" className="button button-small" onClick={() => void restore()} disabled={pending}>
        {pending ? "Restoring…" : "Restore this cell"}
      </button>
      <FormError message={error} />
    </span>
  );
}
