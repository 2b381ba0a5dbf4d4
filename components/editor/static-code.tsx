"use client";

import { memo, useMemo } from "react";
import { highlightPython, type Token } from "@/lib/editor/highlight";

/**
 * A cell's source as highlighted text without an editor, for cells far from the viewport. It is
 * laid out like a CodeMirror view (same font, padding and line height), so nothing moves when
 * the real editor replaces it.
 */
export const StaticCode = memo(function StaticCode({ source, python }: { source: string; python: boolean }) {
  const lines = useMemo<Token[][]>(
    () => (python ? highlightPython(source) : source.split("\n").map((text) => (text ? [{ text, cls: "" }] : []))),
    [source, python],
  );
  return (
    <div className="static-code" data-testid="static-code">
      <div className="static-code-content">
        {lines.map((line, i) => (
          <div key={i} className="static-line">
            {line.length === 0 ? <br /> : line.map((t, j) => (t.cls ? <span key={j} className={t.cls}>{t.text}</span> : t.text))}
          </div>
        ))}
      </div>
    </div>
  );
});
