/**
 * The notebook's keyboard, as Jupyter has it: one table of bindings for command mode (a cell is
 * selected, keys act on cells) and edit mode (typing in a cell's editor). Everything that reads
 * keys reads this table: the command-mode handler (use-notebook-keys.ts), the editors' keymaps
 * and the "Keyboard shortcuts" popover. Pure: no DOM, no React.
 *
 * Key names use CodeMirror's notation, modifiers in the order Alt-Ctrl-Mod-Shift: "Mod" is Cmd on
 * macOS and Ctrl elsewhere; letters are lower case ("Shift-m" is capital M); "d d" is D twice.
 */
export type NotebookAction =
  | "edit"
  | "commandMode"
  | "runAndAdvance"
  | "runInPlace"
  | "runAndInsert"
  | "selectPrevious"
  | "selectNext"
  | "editPrevious"
  | "editNext"
  | "insertAbove"
  | "insertBelow"
  | "deleteCell"
  | "undo"
  | "redo"
  | "toCode"
  | "toMarkdown"
  | "toRaw"
  | "moveUp"
  | "moveDown"
  | "splitCell"
  | "mergeBelow"
  | "runAll"
  | "runAbove"
  | "runBelow"
  | "interrupt"
  | "restartKernel"
  | "showHelp"
  | "find"
  | "findReplace"
  | "extendUp"
  | "extendDown"
  | "selectAll"
  | "copyCells"
  | "cutCells"
  | "pasteBelow"
  | "pasteAbove"
  | "clearOutputs"
  | "clearAllOutputs"
  | "toggleOutputs"
  | "toggleOutputsScrolled"
  | "toggleLineNumbers"
  | "toggleAllLineNumbers";

export type KeyMode = "command" | "edit";

export interface KeyBindingSpec {
  readonly mode: KeyMode;
  /** Alternatives: any of these keys does it. */
  readonly keys: readonly string[];
  readonly action: NotebookAction;
  readonly description: string;
}

export const NOTEBOOK_KEYS: readonly KeyBindingSpec[] = [
  { mode: "command", keys: ["Enter"], action: "edit", description: "Edit the selected cell" },
  { mode: "command", keys: ["Shift-Enter"], action: "runAndAdvance", description: "Run the selected cells, then select the next (adds one at the end)" },
  { mode: "command", keys: ["Mod-Enter"], action: "runInPlace", description: "Run the selected cells" },
  { mode: "command", keys: ["Alt-Enter"], action: "runAndInsert", description: "Run, then insert a cell below" },
  { mode: "command", keys: ["ArrowUp", "k"], action: "selectPrevious", description: "Select the cell above" },
  { mode: "command", keys: ["ArrowDown", "j"], action: "selectNext", description: "Select the cell below" },
  { mode: "command", keys: ["Shift-ArrowUp", "Shift-k"], action: "extendUp", description: "Extend the selection up" },
  { mode: "command", keys: ["Shift-ArrowDown", "Shift-j"], action: "extendDown", description: "Extend the selection down (Shift-click: to a cell)" },
  { mode: "command", keys: ["Mod-a"], action: "selectAll", description: "Select all cells" },
  { mode: "command", keys: ["c"], action: "copyCells", description: "Copy the selected cells" },
  { mode: "command", keys: ["x"], action: "cutCells", description: "Cut the selected cells" },
  { mode: "command", keys: ["v"], action: "pasteBelow", description: "Paste cells below" },
  { mode: "command", keys: ["Shift-v"], action: "pasteAbove", description: "Paste cells above" },
  { mode: "command", keys: ["a"], action: "insertAbove", description: "Insert a code cell above" },
  { mode: "command", keys: ["b"], action: "insertBelow", description: "Insert a code cell below" },
  { mode: "command", keys: ["d d"], action: "deleteCell", description: "Delete the selected cells" },
  { mode: "command", keys: ["z", "Mod-z"], action: "undo", description: "Undo (brings back a deleted cell)" },
  { mode: "command", keys: ["Shift-z", "Mod-Shift-z", "Mod-y"], action: "redo", description: "Redo" },
  { mode: "command", keys: ["y"], action: "toCode", description: "Change the selected cells to code" },
  { mode: "command", keys: ["m"], action: "toMarkdown", description: "Change the selected cells to markdown" },
  { mode: "command", keys: ["r"], action: "toRaw", description: "Change the selected cells to raw text" },
  { mode: "command", keys: ["Alt-ArrowUp"], action: "moveUp", description: "Move the selected cells up" },
  { mode: "command", keys: ["Alt-ArrowDown"], action: "moveDown", description: "Move the selected cells down" },
  { mode: "command", keys: ["Shift-m"], action: "mergeBelow", description: "Merge the selected cells (one cell: with the cell below)" },
  { mode: "command", keys: ["o"], action: "toggleOutputs", description: "Hide or show the selected cells' outputs" },
  { mode: "command", keys: ["Shift-o"], action: "toggleOutputsScrolled", description: "Scroll long outputs in a box, or show them in full" },
  { mode: "command", keys: ["l"], action: "toggleLineNumbers", description: "Line numbers on the selected cells" },
  { mode: "command", keys: ["Shift-l"], action: "toggleAllLineNumbers", description: "Line numbers on all cells" },
  { mode: "command", keys: ["i i"], action: "interrupt", description: "Stop the running code (KeyboardInterrupt)" },
  { mode: "command", keys: ["0 0"], action: "restartKernel", description: "Restart Python (asks first: variables are lost)" },
  { mode: "command", keys: ["Mod-Shift-Enter"], action: "runAll", description: "Run all cells" },
  { mode: "command", keys: ["h"], action: "showHelp", description: "Show these shortcuts" },
  { mode: "command", keys: ["Mod-f"], action: "find", description: "Find in the notebook" },
  { mode: "command", keys: ["Mod-h"], action: "findReplace", description: "Find and replace in the notebook" },
  { mode: "edit", keys: ["Escape"], action: "commandMode", description: "Stop editing (command mode)" },
  { mode: "edit", keys: ["Shift-Enter"], action: "runAndAdvance", description: "Run, then go to the next cell" },
  { mode: "edit", keys: ["Mod-Shift-Enter"], action: "runAll", description: "Run all cells" },
  { mode: "edit", keys: ["Mod-Enter"], action: "runInPlace", description: "Run the cell (markdown: render it)" },
  { mode: "edit", keys: ["Alt-Enter"], action: "runAndInsert", description: "Run, then insert a cell below" },
  { mode: "edit", keys: ["Mod-z"], action: "undo", description: "Undo (my changes only)" },
  { mode: "edit", keys: ["Mod-Shift-z", "Mod-y"], action: "redo", description: "Redo" },
  { mode: "edit", keys: ["Mod-Shift--"], action: "splitCell", description: "Split the cell at the cursor" },
  { mode: "edit", keys: ["ArrowUp"], action: "editPrevious", description: "On the first line: edit the cell above" },
  { mode: "edit", keys: ["ArrowDown"], action: "editNext", description: "On the last line: edit the cell below" },
  { mode: "edit", keys: ["Mod-f"], action: "find", description: "Find in the notebook (starts with the selected text)" },
  { mode: "edit", keys: ["Mod-h"], action: "findReplace", description: "Find and replace in the notebook" },
];

/** How long the second key of a sequence ("d d") may wait for the first, in milliseconds. */
export const SEQUENCE_TIMEOUT_MS = 1_000;

export interface KeyEventLike {
  readonly key: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
}

/** The table's name for a key event ("Shift-Enter", "Mod-z", "m"), or null for a lone modifier. */
export function keyName(event: KeyEventLike, mac: boolean): string | null {
  const { key } = event;
  if (key === "Shift" || key === "Control" || key === "Alt" || key === "Meta" || key === "Dead") return null;
  const single = [...key].length === 1;
  const letter = single && key.toLowerCase() !== key.toUpperCase();
  // Shift is part of a letter's or a named key's name; for other characters it picks the
  // character itself ("?" is Shift-/), so it is not repeated.
  const shift = event.shiftKey && (letter || !single);
  let name = "";
  if (event.altKey) name += "Alt-";
  if (mac ? event.ctrlKey : false) name += "Ctrl-";
  if (mac ? event.metaKey : event.ctrlKey) name += "Mod-";
  if (!mac && event.metaKey) name += "Meta-";
  if (shift) name += "Shift-";
  return name + (letter ? key.toLowerCase() : key === " " ? "Space" : key);
}

export interface SequenceState {
  /** The first key of a sequence, waiting for its second. */
  readonly pending: string | null;
  readonly at: number;
}

export const NO_SEQUENCE: SequenceState = { pending: null, at: 0 };

/**
 * Looks a key up in `mode`'s bindings, with sequences. `handled` says the key belongs to the
 * notebook (the caller prevents the browser's default), even when it only started a sequence.
 */
export function matchKey(
  name: string,
  mode: KeyMode,
  state: SequenceState,
  now: number,
  table: readonly KeyBindingSpec[] = NOTEBOOK_KEYS,
): { action: NotebookAction | null; state: SequenceState; handled: boolean } {
  const bindings = table.filter((b) => b.mode === mode);
  const find = (key: string) => bindings.find((b) => b.keys.includes(key))?.action ?? null;
  if (state.pending !== null && now - state.at <= SEQUENCE_TIMEOUT_MS) {
    const action = find(`${state.pending} ${name}`);
    if (action) return { action, state: NO_SEQUENCE, handled: true };
  }
  const starts = bindings.some((b) => b.keys.some((k) => k.startsWith(`${name} `)));
  if (starts) return { action: null, state: { pending: name, at: now }, handled: true };
  const action = find(name);
  return { action, state: NO_SEQUENCE, handled: action !== null };
}

const SYMBOLS: Record<string, string> = {
  ArrowUp: "↑",
  ArrowDown: "↓",
  ArrowLeft: "←",
  ArrowRight: "→",
  Escape: "Esc",
  Enter: "Enter",
  "-": "-",
};

/** A key for people: "Mod-Shift-z" -> "Ctrl+Shift+Z" (or "⌘⇧Z" on a Mac), "d d" -> "D, D". */
export function formatKey(key: string, mac: boolean): string {
  return key
    .split(" ")
    .map((step) => {
      const parts = step.split(/-(?!$)/);
      const base = parts.pop()!;
      const shown = SYMBOLS[base] ?? (base.length === 1 ? base.toUpperCase() : base);
      const mods = parts.map((m) =>
        mac ? ({ Alt: "⌥", Ctrl: "⌃", Mod: "⌘", Shift: "⇧", Meta: "⌘" } as Record<string, string>)[m] ?? m : m === "Mod" ? "Ctrl" : m,
      );
      return mac ? mods.join("") + shown : [...mods, shown].join("+");
    })
    .join(", ");
}

/** The edit-mode bindings, one entry per key, for an editor's keymap. */
export function editModeKeys(table: readonly KeyBindingSpec[] = NOTEBOOK_KEYS): { key: string; action: NotebookAction }[] {
  return table.filter((b) => b.mode === "edit").flatMap((b) => b.keys.map((key) => ({ key, action: b.action })));
}
