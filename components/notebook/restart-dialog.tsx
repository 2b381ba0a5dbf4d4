"use client";

/**
 * "Restart Python?": restarting loses every variable, so the Restart button and the 0 0 keys ask
 * first, as Jupyter does, and offer what usually follows: run all, or clear outputs. "My outputs"
 * are the cells whose outputs came from my runs (their provenance names me); all outputs are
 * everyone's, and the button says so, since they vanish for the whole room.
 *
 * A modal <dialog> (showModal), like the Embed dialog: the top layer, focus kept inside, Escape
 * cancels. Keys inside stop at the dialog, so the notebook's shortcuts do not see them.
 */
import { useEffect, useId, useRef } from "react";
import type { RestartThen } from "@/lib/kernel/runner";

interface Choice {
  readonly then: RestartThen;
  readonly label: string;
  readonly hint: string;
}

const CHOICES: readonly Choice[] = [
  { then: "nothing", label: "Restart", hint: "Outputs stay as they are." },
  { then: "runAll", label: "Restart and run all", hint: "Runs every cell, top to bottom, in the fresh Python." },
  { then: "clearMine", label: "Restart and clear my outputs", hint: "Only the outputs your runs produced; the others' stay." },
  { then: "clearAll", label: "Restart and clear all outputs", hint: "Everyone's outputs in this notebook, for the whole room." },
];

export function RestartDialog({ onChoose, onCancel }: { onChoose: (then: RestartThen) => void; onCancel: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // Back to where the person was (a cell, or the Restart button) when the dialog goes.
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!element.open) element.showModal();
    element.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => before?.focus({ preventScroll: true });
  }, []);

  return (
    <dialog
      ref={dialog}
      className="restart-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      data-testid="restart-dialog"
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === "Escape") {
          e.preventDefault();
          onCancel();
        }
      }}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      onMouseDown={(e) => e.stopPropagation()}
      onClick={(e) => {
        e.stopPropagation();
        if (e.target === e.currentTarget) onCancel(); // the backdrop
      }}
    >
      <div className="restart-dialog-body">
        <h2 id={`${id}-title`}>Restart Python?</h2>
        <p id={`${id}-body`}>Your Python starts again from scratch: every variable and import is lost. Nobody else&apos;s Python is touched.</p>
        <ul className="restart-choices">
          {CHOICES.map((choice, i) => (
            <li key={choice.then}>
              <button
                type="button"
                className={`button${i === 0 ? " button-primary" : ""}`}
                data-autofocus={i === 0 ? true : undefined}
                aria-describedby={`${id}-${choice.then}`}
                onClick={() => onChoose(choice.then)}
              >
                {choice.label}
              </button>
              <span className="restart-hint" id={`${id}-${choice.then}`}>
                {choice.hint}
              </span>
            </li>
          ))}
        </ul>
        <div className="restart-dialog-foot">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </dialog>
  );
}
