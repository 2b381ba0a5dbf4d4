"use client";

import { useEffect, useRef, useState } from "react";
import type { InputPrompt } from "@/lib/kernel/runner";
import { possessive } from "./cell-outputs";

/**
 * The cell's input() waiting for this person's answer: a field under the output, where the prompt
 * already stands (the runner writes it there for everyone), Enter to send, Escape to give up
 * (EOFError). The answer joins the shared output after the prompt, as in Jupyter, and the field
 * says so; a getpass() answer is shown as dots.
 */
export function InputPromptField({ input, onAnswer }: { input: InputPrompt; onAnswer: (text: string | null) => void }) {
  const [value, setValue] = useState("");
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
  const prompt = input.prompt.trim();
  return (
    <form
      className="input-prompt"
      data-testid="input-prompt"
      onSubmit={(e) => {
        e.preventDefault();
        onAnswer(value);
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
            if (e.key === "Escape") onAnswer(null);
          }}
          aria-label={prompt ? `Answer to “${prompt}”` : "Input for the running cell"}
          autoComplete="off"
        />
      </label>
      <button type="submit" className="bar-button">
        Send
      </button>
      <span className="input-prompt-note">{input.password ? "hidden from everyone" : "everyone here sees the answer"}</span>
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
