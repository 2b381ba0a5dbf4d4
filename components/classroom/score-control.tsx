"use client";

import { useState, type FormEvent } from "react";
import type { ScoreSummary } from "@/lib/classroom/progress-types";
import { FormError } from "../ui/form-error";
import { useAction } from "./use-action";

interface Props {
  readonly assignmentId: string;
  readonly assignmentTitle: string;
  readonly copyId: string;
  readonly studentName: string;
  /** The copy's score now (the teacher's own, or the grade's points), or null. */
  readonly score: ScoreSummary | null;
  /** What the assignment is out of. */
  readonly maxPoints: number;
}

/**
 * A grid square's "Score…": the teacher sets their own score of a student's copy (0 to what the
 * assignment is out of, with an optional note), overriding the grade's points, or clears it
 * (lib/server/classroom/scores.ts).
 */
export function ScoreControl({ assignmentId, assignmentTitle, copyId, studentName, score, maxPoints }: Props) {
  const { pending, error, setError, run } = useAction();
  const [open, setOpen] = useState(false);
  const url = `/api/assignments/${assignmentId}/copies/${copyId}/score`;
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = String(data.get("points") ?? "").trim();
    const points = Number(text);
    if (text === "" || !Number.isFinite(points) || points < 0 || points > maxPoints) return setError(`Enter a score from 0 to ${maxPoints} points.`);
    if (await run(url, "PUT", { points, note: String(data.get("note") ?? "") })) setOpen(false);
  };
  const label = `Score ${studentName}'s copy of ${assignmentTitle}`;
  if (!open) {
    return (
      <button type="button" className="button button-small" onClick={() => setOpen(true)} aria-label={label}>
        Score…
      </button>
    );
  }
  return (
    <form className="score-form" onSubmit={(e) => void save(e)} aria-label={label}>
      <label>
        <span className="label">Score for {studentName} (of {maxPoints} points)</span>
        <input name="points" type="number" min={0} max={maxPoints} step="any" inputMode="decimal" required defaultValue={score ? String(score.points) : ""} />
      </label>
      <label>
        <span className="label">Note (optional)</span>
        <input name="note" maxLength={2000} defaultValue={score?.override?.note ?? ""} />
      </label>
      <span className="inline-actions">
        <button type="submit" className="button button-small button-primary" disabled={pending}>
          Save
        </button>
        {score?.override ? (
          <button type="button" className="button button-small" disabled={pending} onClick={() => void run(url, "DELETE").then((done) => done && setOpen(false))}>
            Clear score
          </button>
        ) : null}
        <button type="button" className="button button-small" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </span>
      <FormError message={error} />
    </form>
  );
}
