/**
 * The keys of a Python cell's code intelligence (python-assist.ts binds them), as the "Keyboard
 * shortcuts" popover lists them under edit mode. Pure data in the notation of the notebook's own
 * table (lib/react/notebook-keys.ts): "Ctrl" is the Control key on every platform.
 */
export interface AssistKey {
  /** Alternatives: any of these keys does it. */
  readonly keys: readonly string[];
  /** On macOS, if they differ. */
  readonly macKeys?: readonly string[];
  readonly description: string;
}

export const ASSIST_KEYS: readonly AssistKey[] = [
  { keys: ["Tab"], description: "Complete the name before the cursor (else indent)" },
  { keys: ["Shift-Tab"], description: "Show the signature and docs of the name at the cursor (else dedent)" },
  { keys: ["Ctrl-Space"], macKeys: ["Ctrl-Space", "Alt-i"], description: "Show completions" },
  { keys: ["ArrowUp", "ArrowDown"], description: "In the completion list: choose" },
  { keys: ["Enter", "Tab"], description: "In the completion list: take the chosen one" },
  { keys: ["Escape"], description: "Close the completion list or the docs (else command mode)" },
];
