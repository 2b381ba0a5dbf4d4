"use client";

import { useContext, useEffect, useRef } from "react";
import { Compartment, EditorSelection, EditorState } from "@codemirror/state";
import { EditorView, lineNumbers as lineNumberGutter, type KeyBinding } from "@codemirror/view";
import type * as Y from "yjs";
import { caretAtEdge, collabExtensions } from "@/lib/editor/collab";
import type { EditorLanguage } from "@/lib/editor/read-only";
import type { CellId } from "@/lib/notebook/ids";
import { editModeKeys } from "@/lib/react/notebook-keys";
import type { Caret, EditorHandle, NotebookActions } from "@/lib/react/use-notebook-controller";
import type { NotebookSession } from "@/lib/react/use-notebook-session";
import type { Python } from "@/lib/react/use-kernel";
import { NotebookFindContext } from "@/lib/react/notebook-find";

interface Props {
  /** The cell's source text: the one Y type a component may hold, for this binding. */
  text: Y.Text;
  session: NotebookSession;
  cellId: CellId;
  language: EditorLanguage;
  label: string;
  placeholder?: string;
  actions: NotebookActions;
  /** Receives the editor's handle once it exists, and null when it goes. */
  onReady: (handle: EditorHandle | null) => void;
  /** A viewer's editor (lib/react/read-only.ts). */
  readOnly?: boolean;
  /** This person's Python, for completion and Shift-Tab docs; null while there is none. */
  python?: Python | null;
  /** Line numbers in the gutter (L, Shift-L): this person's view, switched without a rebuild. */
  lineNumbers?: boolean;
}

/** The notebook's edit-mode keys for one cell's editor. */
function notebookKeys(cellId: CellId, actions: NotebookActions): KeyBinding[] {
  return editModeKeys().map(({ key, action }) => ({
    key,
    run: (view: EditorView) => {
      if (action === "editPrevious" && !caretAtEdge(view, "first")) return false;
      if (action === "editNext" && !caretAtEdge(view, "last")) return false;
      const done = actions.perform(action, cellId);
      // Nothing left to undo must not fall through to the browser's own undo of the DOM.
      return done || action === "undo" || action === "redo";
    },
  }));
}

/**
 * An editable CodeMirror view bound to a cell's Y.Text (y-codemirror.next), with remote carets,
 * the notebook's keys and undo. Recreated when the text object or the language changes (a cell
 * restored by undo comes back with a new Y.Text).
 */
export function CollabEditor({ text, session, cellId, language, label, placeholder, actions, onReady, readOnly = false, python = null, lineNumbers = false }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const onReadyRef = useRef(onReady);
  /** The caret of a view that was rebuilt while focused (a collaborator changed the cell's type). */
  const refocusAt = useRef<number | null>(null);
  const view = useRef<EditorView | null>(null);
  // The label names the cell's position ("Code cell 3"), which changes when cells move.
  const labelSlot = useRef(new Compartment());
  const numbersSlot = useRef(new Compartment());
  const numbersRef = useRef(lineNumbers);
  // Read at each completion request: Python starting or restarting does not rebuild the editor.
  const pythonRef = useRef(python);
  const find = useContext(NotebookFindContext);
  useEffect(() => {
    onReadyRef.current = onReady;
  }, [onReady]);
  useEffect(() => {
    pythonRef.current = python;
  }, [python]);

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const editor = new EditorView({
      parent,
      state: EditorState.create({
        doc: text.toString(),
        extensions: [
          numbersSlot.current.of(numbersRef.current ? lineNumberGutter() : []),
          // Out of the Tab order: Enter on the cell edits it, and Tab inside indents or completes
          // (one tab stop per cell: lib/react/use-cell-tab-stops.ts). A click still focuses it.
          EditorView.contentAttributes.of({ tabindex: "-1" }),
          collabExtensions({
            text,
            awareness: session.awareness,
            undoManager: session.undo.yUndoManager,
            language,
            keys: notebookKeys(cellId, actions),
            label: labelSlot.current.of(EditorView.contentAttributes.of({ "aria-label": label })),
            ...(placeholder ? { placeholder } : {}),
            readOnly,
            assist: () => pythonRef.current?.assist ?? null,
            onFocusChange: (focused) => {
              if (focused) actions.select(cellId, "edit");
              // A blur because the window lost focus keeps edit mode, as in Jupyter.
              else if (document.hasFocus()) actions.leaveEdit(cellId);
            },
          }),
        ],
      }),
    });
    view.current = editor;
    const handle: EditorHandle = {
      focus(caret: Caret) {
        if (caret !== "keep") {
          const at = caret === "start" ? 0 : editor.state.doc.length;
          editor.dispatch({ selection: EditorSelection.cursor(at), scrollIntoView: true });
        }
        editor.focus();
      },
      cursorOffset: () => editor.state.selection.main.head,
    };
    const unregister = actions.registerEditor(cellId, handle);
    const unregisterFind = find?.register(cellId, editor);
    onReadyRef.current(handle);
    if (refocusAt.current !== null) {
      editor.dispatch({ selection: EditorSelection.cursor(Math.min(refocusAt.current, editor.state.doc.length)) });
      editor.focus();
      refocusAt.current = null;
    }
    return () => {
      refocusAt.current = editor.hasFocus ? editor.state.selection.main.head : null;
      onReadyRef.current(null);
      unregister();
      unregisterFind?.();
      view.current = null;
      editor.destroy();
    };
    // The view is rebuilt only for a new text or language; the label is updated below, and the
    // placeholder never changes for a language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, language, session, cellId, actions, readOnly, find]);

  useEffect(() => {
    view.current?.dispatch({
      effects: labelSlot.current.reconfigure(EditorView.contentAttributes.of({ "aria-label": label })),
    });
  }, [label]);

  useEffect(() => {
    numbersRef.current = lineNumbers;
    view.current?.dispatch({ effects: numbersSlot.current.reconfigure(lineNumbers ? lineNumberGutter() : []) });
  }, [lineNumbers]);

  return <div ref={host} className="code-view code-editor" data-testid="cell-editor" />;
}
