"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { AnswerOptions, InputPrompt } from "@/lib/kernel/runner";
import { possessive } from "./cell-outputs";

/**
 * The cell's input() waiting for this person's answer: a field under the output, where the prompt
 * already stands (the runner writes it there for everyone), Enter to send, Escape to give up
 * (EOFError). In a shared notebook the answer joins the shared output after the prompt, as in
 * Jupyter, unless its author ticks "Keep private": then Python gets it, the room sees a placeholder
 * and the run's record keeps nothing (a getpass() answer always is private, shown as dots). The
 * note under the field says which. Where the answer goes (`to`): the room's shared output, this
 * person's own (a reader's or an embed's copy), or nowhere (a catch up's replay writes nothing; it
 * asks because the author's answer was not shared, and says so, naming `author`).
 */
export function InputPromptField({
  input,
  to,
  author = "its author",
  onAnswer,
}: {
  input: InputPrompt;
  to: "room" | "mine" | "catch-up";
  author?: string;
  onAnswer: (text: string | null, options: AnswerOptions) => void;
}) {
  const [value, setValue] = useState("");
  const [keepPrivate, setKeepPrivate] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const noteId = useId();
  useEffect(() => field.current?.focus(), []);
  const prompt = input.prompt.trim();
  const choosable = to === "room" && !input.password;
  const note =
    to === "catch-up"
      ? `catching up: ${possessive(author)} answer was not shared, so give yours; only you see it`
      : input.password
        ? "hidden from everyone"
        : to === "mine"
          ? "only you see the answer"
          : keepPrivate
            ? "only your Python gets the answer; the room sees •••• (private)"
            : "everyone here sees the answer";
  return (
    <form
      className="input-prompt"
      data-testid="input-prompt"
      onSubmit={(e) => {
        e.preventDefault();
        onAnswer(value, { keepPrivate: choosable && keepPrivate });
      }}
    >
      <label>
        <span className="input-prompt-text">{input.password ? "Password:" : "Answer:"}</span>
        <input
          ref={field}
          type={input.password ? "password" : "text"}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") onAnswer(null, {});
          }}
          aria-label={prompt ? `Answer to “${prompt}”` : "Input for the running cell"}
          aria-describedby={noteId}
          autoComplete="off"
        />
      </label>
      {choosable ? (
        <label className="input-prompt-private">
          <input type="checkbox" checked={keepPrivate} onChange={(e) => setKeepPrivate(e.target.checked)} />
          Keep private
        </label>
      ) : null}
      <button type="submit" className="bar-button">
        Send
      </button>
      <span className="input-prompt-note" id={noteId} data-testid="input-prompt-note">
        {note}
      </span>
    </form>
  );
}

/** What the others see while someone's run waits for that person's answer. */
export function InputWaiting({ name }: { name: string }) {
  return (
    <p className="input-waiting" role="status" data-testid="input-waiting">
      Waiting for {possessive(name)} input…
    </p>
  );
}
