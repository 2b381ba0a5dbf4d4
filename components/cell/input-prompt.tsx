"use client";

import { useEffect, useRef, useState } from "react";
import type { InputPrompt } from "@/lib/kernel/runner";

/** The cell's input() waiting for an answer: the prompt, a field, Enter to send. */
export function InputPromptField({ input, onAnswer }: { input: InputPrompt; onAnswer: (text: string | null) => void }) {
  const [value, setValue] = useState("");
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
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
        <span className="input-prompt-text">{input.prompt || "input()"}</span>
        <input
          ref={field}
          type={input.password ? "password" : "text"}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") onAnswer(null);
          }}
          aria-label={input.prompt || "Input for the running cell"}
          autoComplete="off"
        />
      </label>
      <button type="submit" className="bar-button">
        Send
      </button>
    </form>
  );
}
