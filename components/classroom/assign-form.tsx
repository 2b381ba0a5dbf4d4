"use client";

import { useState, type FormEvent } from "react";
import { FormError } from "../ui/form-error";
import { useAction } from "./use-action";

export interface AssignableNotebook {
  slug: string;
  title: string;
  kind: "lesson" | "mine";
}

/** A teacher assigns one of their notebooks, or a lesson, to the class. */
export function AssignForm({ classId, notebooks }: { classId: string; notebooks: readonly AssignableNotebook[] }) {
  const { pending, error, setError, run } = useAction();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(notebooks[0]?.title ?? "");
  const [touched, setTouched] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const due = String(data.get("dueAt") ?? "");
    // datetime-local is the teacher's own clock: sent as an instant.
    const dueAt = due ? new Date(due).toISOString() : "";
    if (due && Number.isNaN(new Date(due).getTime())) return setError("The due date is not a date.");
    const ok = await run(`/api/classes/${classId}/assignments`, "POST", {
      notebook: String(data.get("notebook") ?? ""),
      title,
      instructions: String(data.get("instructions") ?? ""),
      dueAt,
      lockAtDue: data.get("lockAtDue") === "on",
      points: Number(data.get("points") ?? 10),
    });
    if (ok) {
      setOpen(false);
      setTouched(false);
    }
  };

  if (!open) {
    return (
      <button type="button" className="button button-primary" onClick={() => setOpen(true)} disabled={notebooks.length === 0}>
        Assign a notebook
      </button>
    );
  }
  const lessons = notebooks.filter((n) => n.kind === "lesson");
  const mine = notebooks.filter((n) => n.kind === "mine");
  return (
    <form className="assign-form" onSubmit={(e) => void submit(e)} aria-label="New assignment">
      <label>
        <span className="label">Notebook</span>
        <select
          name="notebook"
          onChange={(e) => {
            if (!touched) setTitle(notebooks.find((n) => n.slug === e.target.value)?.title ?? "");
          }}
        >
          {lessons.length > 0 ? (
            <optgroup label="Lessons">
              {lessons.map((n) => (
                <option key={n.slug} value={n.slug}>
                  {n.title}
                </option>
              ))}
            </optgroup>
          ) : null}
          {mine.length > 0 ? (
            <optgroup label="Your notebooks">
              {mine.map((n) => (
                <option key={n.slug} value={n.slug}>
                  {n.title}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </label>
      <label>
        <span className="label">Title</span>
        <input
          name="title"
          required
          maxLength={200}
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            setTouched(true);
          }}
        />
      </label>
      <label>
        <span className="label">Instructions</span>
        <textarea name="instructions" rows={3} maxLength={20000} placeholder="What to do, and how it will be checked" />
      </label>
      <label>
        <span className="label">Due (optional)</span>
        <input name="dueAt" type="datetime-local" />
      </label>
      <label>
        <span className="label">Points, if it has no checks</span>
        <input name="points" type="number" min={0} max={10000} step="any" inputMode="decimal" required defaultValue={10} />
      </label>
      <label className="check-label">
        <input name="lockAtDue" type="checkbox" />
        <span>Lock copies at the due date</span>
      </label>
      <p className="hint">
        Students each get their own copy of the notebook as it is now. Cells marked as checks are locked in their copies; hidden checks
        never reach students, and run when you grade. With checks, a copy scores the points of those it
        passes (set a check&apos;s points beside its check mark); without, you score each copy out of the points above. A copy locked at the due date turns read-only then (at a student&apos;s own date if
        you extend it), until you return it.
      </p>
      <span className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          Assign
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </span>
      <FormError message={error} />
    </form>
  );
}
