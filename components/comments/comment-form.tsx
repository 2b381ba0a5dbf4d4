"use client";

import { useId, useState, type FormEvent, type KeyboardEvent } from "react";
import { isMac } from "@/lib/react/use-notebook-keys";
import { FormError } from "../ui/form-error";

/** The server's limit (lib/server/comments/comments.ts), checked there too. */
export const MAX_COMMENT = 5000;

interface Props {
  /** The text field's label: "Comment", "Reply". */
  label: string;
  submitLabel: string;
  /** Offers the optional "Line" field (a new thread). */
  withLine?: boolean;
  placeholder?: string;
  autoFocus?: boolean;
  /** Resolves to null when it worked (the form then empties), else to the message to show. */
  onSubmit: (body: string, line: number | null) => Promise<string | null>;
  /** Offers "Cancel" (and Escape). */
  onCancel?: () => void;
  className?: string;
}

/**
 * A comment's text (and, for a new thread, the line it is about), sent with the button or with
 * Ctrl-Enter (Cmd-Enter on a Mac). Its fields are form fields, which the notebook's command-mode
 * keys leave alone (lib/react/use-notebook-keys.ts), so typing "d d" here deletes no cell.
 */
export function CommentForm({ label, submitLabel, withLine = false, placeholder, autoFocus, onSubmit, onCancel, className = "" }: Props) {
  const id = useId();
  const [body, setBody] = useState("");
  const [line, setLine] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const empty = body.trim() === "";

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (pending) return;
    if (empty) {
      setError("Write something first.");
      return;
    }
    const lineNumber = withLine && line.trim() !== "" ? Number(line) : null;
    if (lineNumber !== null && !(Number.isInteger(lineNumber) && lineNumber >= 1)) {
      setError("A line is a whole number from 1; leave it empty for the whole cell.");
      return;
    }
    setPending(true);
    const problem = await onSubmit(body, lineNumber);
    setPending(false);
    setError(problem);
    if (problem === null) {
      setBody("");
      setLine("");
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === "Escape" && onCancel) {
      event.preventDefault();
      onCancel();
    }
  };

  const shortcut = isMac() ? "⌘-Enter" : "Ctrl-Enter";
  return (
    <form className={`comment-form ${className}`} onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown}>
      {/* The label beside its field, not around it: around, the field's text would join its name. */}
      <div className="comment-field">
        <label className="comment-label" htmlFor={`${id}-body`}>
          {label}
        </label>
        <textarea
          id={`${id}-body`}
          value={body}
          onChange={(e) => {
            setBody(e.target.value);
            if (error) setError(null);
          }}
          placeholder={placeholder}
          rows={withLine ? 3 : 1}
          autoFocus={autoFocus}
          aria-describedby={`${id}-hint`}
        />
      </div>
      <div className="comment-form-row">
        {withLine ? (
          <span className="comment-line-field">
            <label className="comment-label" htmlFor={`${id}-line`}>
              Line
            </label>
            <input id={`${id}-line`} type="number" inputMode="numeric" min={1} step={1} value={line} onChange={(e) => setLine(e.target.value)} placeholder="all" />
          </span>
        ) : null}
        <span className="comment-hint" id={`${id}-hint`}>
          {body.length > MAX_COMMENT ? `${body.length} / ${MAX_COMMENT} characters` : `${shortcut} to send`}
        </span>
        {onCancel ? (
          <button type="button" className="button button-small" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        ) : null}
        <button type="submit" className="button button-small button-primary" disabled={pending || empty}>
          {pending ? "Sending…" : submitLabel}
        </button>
      </div>
      <FormError message={error} />
    </form>
  );
}
