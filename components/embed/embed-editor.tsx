"use client";

import { useEffect, useRef } from "react";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { soloExtensions } from "@/lib/editor/solo";

/**
 * An embedded cell's editor. The reader's text lives here and in the frame's own document;
 * `source` only replaces it from outside (reset to the original).
 */
export function EmbedEditor({ source, label, onChange, onRun }: { source: string; label: string; onChange: (text: string) => void; onRun: () => void }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const handlers = useRef({ onChange, onRun });
  useEffect(() => {
    handlers.current = { onChange, onRun };
  }, [onChange, onRun]);

  useEffect(() => {
    if (!host.current) return;
    const run = () => (handlers.current.onRun(), true);
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: source,
        extensions: soloExtensions({
          language: "python",
          label,
          keys: [
            { key: "Shift-Enter", run },
            { key: "Mod-Enter", run },
            { key: "Alt-Enter", run },
          ],
          onChange: (text) => handlers.current.onChange(text),
        }),
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // Created once; a reset comes through `source` below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== source) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: source } });
  }, [source]);

  return <div ref={host} className="code-view code-editor embed-editor" data-testid="embed-editor" />;
}
