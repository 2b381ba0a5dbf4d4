"use client";

import { useId, useState, type FormEvent } from "react";
import { MAX_NAME_LENGTH } from "@/lib/react/use-guest";

interface Props {
  suggestion: string;
  /** The current name when renaming; null on first visit. */
  current: string | null;
  onSave: (name: string) => boolean;
  onClose: () => void;
}

/**
 * Asks a guest for the name others see. Not modal: the notebook stays readable and editable
 * behind it, and until a name is saved the suggestion stands in.
 */
export function GuestNameDialog({ suggestion, current, onSave, onClose }: Props) {
  const [name, setName] = useState(current ?? suggestion);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (onSave(name)) onClose();
    else setError("Please type a name.");
  };
  return (
    <div className="guest-dialog" role="dialog" aria-modal="false" aria-labelledby={`${inputId}-title`}>
      <form onSubmit={submit}>
        <h2 id={`${inputId}-title`}>{current ? "Change your name" : "Working together?"}</h2>
        <p>This is the name the others see next to your cursor.</p>
        <label htmlFor={inputId}>Your name</label>
        <div className="guest-dialog-row">
          <input
            id={inputId}
            value={name}
            maxLength={MAX_NAME_LENGTH}
            autoComplete="nickname"
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === "Escape") onClose();
            }}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="submit" className="button button-primary">
            {current ? "Save" : "Join"}
          </button>
        </div>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="button" className="link-button" onClick={onClose}>
          {current ? "Cancel" : `Not now (you'll appear as ${suggestion})`}
        </button>
      </form>
    </div>
  );
}
