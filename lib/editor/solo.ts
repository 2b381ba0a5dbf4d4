/**
 * CodeMirror 6 setup for an editor of one's own, bound to nothing shared: an embedded cell, which
 * a reader edits in their browser only. The same language, colours and indentation as the
 * notebook's editors (read-only.ts, collab.ts), with CodeMirror's own undo history.
 */
import type { Extension } from "@codemirror/state";
import { EditorView, keymap, type KeyBinding } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { editingBase, type EditorLanguage } from "./read-only";

export interface SoloEditorConfig {
  language: EditorLanguage;
  /** Bindings checked before CodeMirror's own (run keys). */
  keys: readonly KeyBinding[];
  /** The accessible name of the editable area. */
  label: string;
  onChange: (text: string) => void;
}

export function soloExtensions(config: SoloEditorConfig): Extension[] {
  return [
    ...editingBase(config.language, config.keys),
    history(),
    keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
    EditorView.contentAttributes.of({ "aria-label": config.label }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) config.onChange(update.state.doc.toString());
    }),
  ];
}
