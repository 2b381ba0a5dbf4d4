"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { FormError } from "../ui/form-error";
import { useAction } from "./use-action";

/** A button that asks first, in place: `question`, then `confirm` or Cancel. */
function ConfirmButton({ label, ariaLabel, question, confirm, pending, onConfirm }: { label: string; ariaLabel: string; question: ReactNode; confirm: string; pending: boolean; onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button button-small" onClick={() => setAsking(true)} aria-label={ariaLabel}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm-inline" role="group" aria-label={ariaLabel}>
      <span className="confirm-inline-text">{question}</span>
      <button type="button" className="button button-small button-danger" disabled={pending} onClick={onConfirm}>
        {confirm}
      </button>
      <button type="button" className="button button-small" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

/** "2026-12-10T17:00" in this browser's zone, for a datetime-local input. */
export function localInputValue(at: Date | string | null): string {
  if (at === null) return "";
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export interface EditableAssignment {
  readonly id: string;
  readonly title: string;
  readonly instructions: string;
  readonly dueAt: Date | string | null;
  readonly closed: boolean;
  readonly lockAtDue: boolean;
  /** Its checks: without any, it is out of `points`, which the form edits. */
  readonly checks: readonly unknown[];
  readonly points: number;
}

/** A teacher's Edit, Close (or Reopen) hand-ins and Delete on an assignment (the class grid's column head). */
export function AssignmentActions({ assignment }: { assignment: EditableAssignment }) {
  const { pending, error, run } = useAction();
  const [editing, setEditing] = useState(false);
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const due = String(data.get("dueAt") ?? "");
    // datetime-local is the teacher's own clock: sent as an instant.
    const body = {
      title: String(data.get("title") ?? ""),
      instructions: String(data.get("instructions") ?? ""),
      dueAt: due ? new Date(due).toISOString() : null,
      lockAtDue: data.get("lockAtDue") === "on",
      ...(data.has("points") ? { points: Number(data.get("points")) } : {}),
    };
    if (await run(`/api/assignments/${assignment.id}`, "PATCH", body)) setEditing(false);
  };
  return (
    <span className="assignment-actions">
      {editing ? (
        // Rendered only once opened, in the browser: its due date is in the teacher's own zone.
        <form className="assignment-edit" onSubmit={(e) => void save(e)} aria-label={`Edit ${assignment.title}`}>
          <label>
            <span className="label">Title</span>
            <input name="title" required maxLength={200} defaultValue={assignment.title} />
          </label>
          <label>
            <span className="label">Instructions</span>
            <textarea name="instructions" rows={3} maxLength={20000} defaultValue={assignment.instructions} />
          </label>
          <label>
            <span className="label">Due (your time; empty for none)</span>
            <input name="dueAt" type="datetime-local" defaultValue={localInputValue(assignment.dueAt)} />
          </label>
          {assignment.checks.length === 0 ? (
            <label>
              <span className="label">Points (it has no checks)</span>
              <input name="points" type="number" min={0} max={10000} step="any" inputMode="decimal" required defaultValue={assignment.points} />
            </label>
          ) : null}
          <label className="check-label">
            <input name="lockAtDue" type="checkbox" defaultChecked={assignment.lockAtDue} />
            <span>Lock copies at the due date</span>
          </label>
          <span className="inline-form">
            <button type="submit" className="button button-small button-primary" disabled={pending}>
              Save
            </button>
            <button type="button" className="button button-small" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </span>
        </form>
      ) : (
        <button type="button" className="button button-small" onClick={() => setEditing(true)} aria-label={`Edit ${assignment.title}`}>
          Edit
        </button>
      )}
      <button
        type="button"
        className="button button-small"
        disabled={pending}
        onClick={() => void run(`/api/assignments/${assignment.id}`, "PATCH", { closed: !assignment.closed })}
        aria-label={`${assignment.closed ? "Reopen" : "Close"} hand-ins of ${assignment.title}`}
      >
        {assignment.closed ? "Reopen hand-ins" : "Close hand-ins"}
      </button>
      <ConfirmButton
        label="Delete"
        ariaLabel={`Delete ${assignment.title}`}
        question={<>Delete “{assignment.title}”? Students keep their copies as their own notebooks.</>}
        confirm="Delete assignment"
        pending={pending}
        onConfirm={() => void run(`/api/assignments/${assignment.id}`, "DELETE")}
      />
      <FormError message={error} />
    </span>
  );
}

/** A teacher renames, archives (or restores) or deletes the class (its page's header). */
export function ClassActions({ classId, name, archived }: { classId: string; name: string; archived: boolean }) {
  const router = useRouter();
  const { pending, error, run } = useAction();
  const [renaming, setRenaming] = useState(false);
  const rename = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (await run(`/api/classes/${classId}`, "PATCH", { name: String(new FormData(event.currentTarget).get("name") ?? "") })) setRenaming(false);
  };
  return (
    <span className="library-actions">
      {renaming ? (
        <form className="inline-form" onSubmit={(e) => void rename(e)}>
          <label>
            <span className="label">Class name</span>
            <input name="name" required maxLength={120} defaultValue={name} autoFocus />
          </label>
          <button type="submit" className="button button-small button-primary" disabled={pending}>
            Save
          </button>
          <button type="button" className="button button-small" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="button button-small" onClick={() => setRenaming(true)}>
          Rename
        </button>
      )}
      <button type="button" className="button button-small" disabled={pending} onClick={() => void run(`/api/classes/${classId}`, "PATCH", { archived: !archived })}>
        {archived ? "Restore class" : "Archive class"}
      </button>
      <ConfirmButton
        label="Delete class"
        ariaLabel="Delete the class"
        question="Delete the class and its assignments? Students keep their copies as their own notebooks."
        confirm="Delete class"
        pending={pending}
        onConfirm={() => void run(`/api/classes/${classId}`, "DELETE").then((gone) => gone && router.push("/classes"))}
      />
      <FormError message={error} />
    </span>
  );
}

/** A student leaves the class; their copies stay theirs. */
export function LeaveClassButton({ classId }: { classId: string }) {
  const router = useRouter();
  const { pending, error, run } = useAction();
  return (
    <span className="library-actions">
      <ConfirmButton
        label="Leave class"
        ariaLabel="Leave the class"
        question="Leave the class? Your copies stay in your library."
        confirm="Leave"
        pending={pending}
        onConfirm={() => void run(`/api/classes/${classId}/leave`).then((left) => left && router.push("/classes"))}
      />
      <FormError message={error} />
    </span>
  );
}
