"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormError } from "../ui/form-error";
import { postForJson, useAction } from "./use-action";

/**
 * Opens the student's own copy, made on first open. A POST (not a link) so that prefetching or a
 * crawler never makes one; two tabs or a double click still end in the same copy (assignments.ts).
 */
export function OpenAssignmentButton({ assignmentId, started }: { assignmentId: string; started: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const open = async () => {
    setPending(true);
    const result = await postForJson<{ slug: string }>(`/api/assignments/${assignmentId}/open`);
    if ("error" in result) {
      setPending(false);
      return setError(result.error);
    }
    router.push(`/n/${result.value.slug}`);
  };
  return (
    <span className="library-actions">
      <button type="button" className="button button-small button-primary" disabled={pending} onClick={() => void open()}>
        {started ? "Open your copy" : "Start"}
      </button>
      <FormError message={error} />
    </span>
  );
}

/** Hand in, or take back before the due date. */
export function HandInButton({ assignmentId, submitted, returned, canUnsubmit }: { assignmentId: string; submitted: boolean; returned: boolean; canUnsubmit: boolean }) {
  const { pending, error, run } = useAction();
  return (
    <span className="library-actions">
      {submitted ? (
        canUnsubmit ? (
          <button type="button" className="button button-small" disabled={pending} onClick={() => void run(`/api/assignments/${assignmentId}/unsubmit`)}>
            Unsubmit
          </button>
        ) : null
      ) : (
        <button type="button" className="button button-small button-primary" disabled={pending} onClick={() => void run(`/api/assignments/${assignmentId}/submit`)}>
          {returned ? "Hand in again" : "Hand in"}
        </button>
      )}
      <FormError message={error} />
    </span>
  );
}

/** A teacher returns a student's copy with an overall note. */
export function ReturnForm({ copyId, returned }: { copyId: string; returned: boolean }) {
  const { pending, error, run } = useAction();
  const [open, setOpen] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (await run(`/api/copies/${copyId}/return`, "POST", { note: String(new FormData(event.currentTarget).get("note") ?? "") })) setOpen(false);
  };
  if (!open) {
    return (
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        {returned ? "Return again" : "Return"}
      </button>
    );
  }
  return (
    <form className="return-form" onSubmit={(e) => void submit(e)}>
      <label>
        <span className="label">Note to the student</span>
        <textarea name="note" rows={3} maxLength={20000} autoFocus />
      </label>
      <span className="form-actions">
        <button type="submit" className="button button-small button-primary" disabled={pending}>
          Return with note
        </button>
        <button type="button" className="button button-small" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </span>
      <FormError message={error} />
    </form>
  );
}
