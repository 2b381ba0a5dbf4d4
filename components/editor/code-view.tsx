"use client";

import { useEffect, useRef } from "react";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { readOnlyPython } from "@/lib/editor/read-only";

/** Highlighted, read-only Python source. Shows plain text until CodeMirror mounts. */
export function CodeView({ source, label }: { source: string; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({ doc: source, extensions: [readOnlyPython(), EditorView.contentAttributes.of({ "aria-label": label })] }),
    });
    view.current = v;
    host.current.dataset.mounted = "true";
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once; later source changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== source) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: source } });
    }
  }, [source]);

  return <div ref={host} className="code-view" data-testid="code-view" />;
}
