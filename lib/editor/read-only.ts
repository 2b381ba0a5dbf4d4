/**
 * CodeMirror 6 setup for showing Python source: highlighting, line numbers, bracket matching, no
 * editing. Live editing (y-codemirror.next over the cell's Y.Text) builds on this same base.
 */
import { EditorState, type Extension } from "@codemirror/state";
import { EditorView, lineNumbers } from "@codemirror/view";
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { python } from "@codemirror/lang-python";

export function pythonBase(): Extension[] {
  return [
    lineNumbers(),
    bracketMatching(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    python(),
    EditorView.lineWrapping,
  ];
}

export function readOnlyPython(): Extension[] {
  return [...pythonBase(), EditorState.readOnly.of(true), EditorView.editable.of(false)];
}
