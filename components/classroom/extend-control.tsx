"use client";

import { useState, type FormEvent } from "react";
import { LocalTime } from "@/components/ui/local-time";
import { FormError } from "../ui/form-error";
import { localInputValue } from "./course-actions";
import { useAction } from "./use-action";

interface Props {
  readonly assignmentId: string;
  readonly assignmentTitle: string;
  readonly studentId: string;
  readonly studentName: string;
  /** The student's own due date now: their extension, else the assignment's. */
  readonly dueAt: Date | string | null;
  readonly extended: boolean;
}

/**
 * A grid square's "Extend…": the teacher gives one student their own due date (entered in the
 * teacher's zone, sent as an instant, like the assignment's own), moves it, or clears it. The
 * square shows that date while there is one.
 */
export function ExtendControl({ assignmentId, assignmentTitle, studentId, studentName, dueAt, extended }: Props) {
  const { pending, error, setError, run } = useAction();
  const [open, setOpen] = useState(false);
  const url = `/api/assignments/${assignmentId}/extensions/${studentId}`;
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("dueAt") ?? "");
    const date = new Date(value);
    if (!value || Number.isNaN(date.getTime())) return setError("Choose a date and time for the extension.");
    if (await run(url, "PUT", { dueAt: date.toISOString() })) setOpen(false);
  };
  const label = `Extend ${studentName}'s due date for ${assignmentTitle}`;
  return (
    <span className="extend-control" data-testid="extend">
      {extended && dueAt ? (
        <span className="grid-activity" data-testid="extended-to">
          extended to <LocalTime at={dueAt} style="moment" />
        </span>
      ) : null}
      {open ? (
        // Rendered only once opened, in the browser: its date is in the teacher's own zone.
        <form className="extend-form" onSubmit={(e) => void save(e)} aria-label={label}>
          <label>
            <span className="label">Due for {studentName} (your time)</span>
            <input name="dueAt" type="datetime-local" required defaultValue={localInputValue(dueAt)} />
          </label>
          <span className="inline-actions">
            <button type="submit" className="button button-small button-primary" disabled={pending}>
              Save
            </button>
            {extended ? (
              <button type="button" className="button button-small" disabled={pending} onClick={() => void run(url, "DELETE").then((done) => done && setOpen(false))}>
                Clear extension
              </button>
            ) : null}
            <button type="button" className="button button-small" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </span>
          <FormError message={error} />
        </form>
      ) : (
        <button type="button" className="button button-small" onClick={() => setOpen(true)} aria-label={label}>
          Extend…
        </button>
      )}
    </span>
  );
}
