/**
 * The editable editor of one cell: CodeMirror bound to the cell's Y.Text with y-codemirror.next.
 *
 * - Typing goes straight into the Y.Text (one Yjs transaction per CodeMirror transaction); the
 *   network never sits in the way of a keystroke.
 * - Remote carets and selections come from awareness (`yRemoteSelections`). Each cell is its own
 *   Y.Text and a caret's relative position names the Y.Text it belongs to; the plugin resolves it
 *   against the whole document and skips any that lands in another type (y-remote-selections.js,
 *   `anchor.type !== ytext`), so every editor shows only the carets in its own cell.
 * - Undo is the notebook's, not CodeMirror's: the notebook undo manager's Y.UndoManager is handed
 *   to yCollab so that it also tracks this binding's transactions (their origin is the binding's
 *   YSyncConfig, not the session's user origin) and restores the caret on undo; the notebook keys
 *   bind Mod-z / Mod-Shift-z / Mod-y to the same manager, so one undo history covers typing and
 *   cell commands (insert, delete, move) alike. CodeMirror's own history is not loaded.
 * - Python cells get completion, Shift-Tab docs and closing brackets from the person's kernel
 *   (python-assist.ts), whose keys come before the notebook's.
 * - `keys` are the notebook's edit-mode bindings (Shift-Enter, Escape, ...) at the highest
 *   precedence, so they win over CodeMirror's defaults (Mod-Enter would insert a blank line).
 */
import type * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";
import { EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap, placeholder, type KeyBinding } from "@codemirror/view";
import { defaultKeymap, indentWithTab } from "@codemirror/commands";
import { yCollab } from "y-codemirror.next";
import { editingBase, type EditorLanguage } from "./read-only";
import { pythonAssist, type CodeAssist } from "./python-assist";
import { findHighlight } from "./find-highlight";

/**
 * Height of what is stuck to the top of the page (site header and notebook bar), in pixels, where
 * the stylesheet does not say: it gives the editor a scroll-margin-top of that height, which
 * follows the bar as it wraps on a narrow screen (globals.css, --sticky-top).
 */
const STICKY_TOP = 112;
/** Room kept below the caret when it scrolls into view at the bottom. */
const BOTTOM_MARGIN = 24;

export interface CollabEditorConfig {
  text: Y.Text;
  awareness: Awareness;
  /** The notebook undo manager's underlying Y.UndoManager (see above). */
  undoManager: Y.UndoManager;
  language: EditorLanguage;
  /** Notebook bindings for edit mode, checked before CodeMirror's own. */
  keys: readonly KeyBinding[];
  /** The accessible name of the editable area: an extension, so the caller can update it. */
  label: Extension;
  placeholder?: string;
  /** Called on focus and blur of the editor. */
  onFocusChange?: (focused: boolean) => void;
  /** A viewer's editor: the caret moves and selects (others see it), the text does not change. */
  readOnly?: boolean;
  /**
   * This person's kernel for completion and Shift-Tab in a Python cell (python-assist.ts), read
   * at each request; null while there is none.
   */
  assist?: () => CodeAssist | null;
}

export function collabExtensions(config: CollabEditorConfig): Extension[] {
  const assisted = config.language === "python" && config.assist !== undefined && !config.readOnly;
  return [
    // First: while a completion list is open its keys (Escape, arrows) win over the notebook's.
    ...(assisted && config.assist ? pythonAssist(config.assist) : []),
    ...editingBase(config.language, config.keys),
    keymap.of([...defaultKeymap, indentWithTab]),
    yCollab(config.text, config.awareness, { undoManager: config.undoManager }),
    config.label,
    // The notebook-wide find's marks (find-highlight.ts).
    findHighlight(),
    ...(config.readOnly ? [EditorState.readOnly.of(true)] : []),
    ...(config.placeholder ? [placeholder(config.placeholder)] : []),
    // Keep the caret clear of the page's sticky header and notebook bar when it scrolls into view.
    // A scroll handler rather than scrollMargins: CodeMirror also applies those margins to the
    // editor's own box when it decides whether a tooltip's anchor is visible, which hid the
    // completion list and the docs of every cell shorter than the header (python-assist.ts).
    EditorView.scrollHandler.of((view, range) => keepClearOfHeader(view, range.head)),
    EditorView.focusChangeEffect.of((_state, focusing) => {
      config.onFocusChange?.(focusing);
      return null;
    }),
  ];
}

/** Scrolls the window so the caret is below the sticky bars and above the bottom edge; false: in view. */
function keepClearOfHeader(view: EditorView, pos: number): boolean {
  // CodeMirror may ask while it is still updating (a focus right after a remote change), when
  // reading the layout throws: its own scrolling does the job then.
  let caret: ReturnType<EditorView["coordsAtPos"]>;
  try {
    caret = view.coordsAtPos(pos);
  } catch {
    return false;
  }
  if (!caret) return false;
  const win = view.dom.ownerDocument.defaultView;
  if (!win) return false;
  const top = parseFloat(win.getComputedStyle(view.dom).scrollMarginTop) || STICKY_TOP;
  if (caret.top < top) win.scrollBy(0, caret.top - top);
  else if (caret.bottom > win.innerHeight - BOTTOM_MARGIN) win.scrollBy(0, caret.bottom - win.innerHeight + BOTTOM_MARGIN);
  else return false;
  return true;
}

/** Whether the caret is on the first (or last) line with nothing selected: where arrows leave the cell. */
export function caretAtEdge(view: EditorView, edge: "first" | "last"): boolean {
  const { main } = view.state.selection;
  if (!main.empty) return false;
  const line = view.state.doc.lineAt(main.head);
  return edge === "first" ? line.number === 1 : line.number === view.state.doc.lines;
}
