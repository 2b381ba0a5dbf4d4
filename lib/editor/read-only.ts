/**
 * CodeMirror 6 setup for showing code: the language, the shared token colours, bracket matching
 * and no editing. Live editing (collab.ts) builds on the same base, so a lesson and an editable
 * notebook look the same.
 */
import { EditorState, Prec, type Extension } from "@codemirror/state";
import { EditorView, drawSelection, keymap, type KeyBinding } from "@codemirror/view";
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { python } from "@codemirror/lang-python";
import { markdownLanguage } from "./markdown";
import { tokenHighlighter } from "./highlight";

export type EditorLanguage = "python" | "markdown" | "plain";

export function languageBase(language: EditorLanguage): Extension[] {
  const lang = language === "python" ? [python()] : language === "markdown" ? [markdownLanguage] : [];
  return [bracketMatching(), syntaxHighlighting(tokenHighlighter), ...lang, EditorView.lineWrapping];
}

export function pythonBase(): Extension[] {
  return languageBase("python");
}

export function readOnlyPython(): Extension[] {
  return [...pythonBase(), EditorState.readOnly.of(true), EditorView.editable.of(false)];
}

/** What every editable editor starts from: `keys` first (run keys win over CodeMirror's), the language, Python's indentation. */
export function editingBase(language: EditorLanguage, keys: readonly KeyBinding[]): Extension[] {
  return [Prec.highest(keymap.of([...keys])), ...languageBase(language), indentUnit.of("    "), indentOnInput(), drawSelection()];
}
