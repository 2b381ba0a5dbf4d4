"use client";

import { useEffect, useMemo, useRef } from "react";
import { formatKey, NOTEBOOK_KEYS, type KeyMode } from "@/lib/react/notebook-keys";
import { isMac } from "@/lib/react/use-notebook-keys";
import { ASSIST_KEYS } from "@/lib/editor/assist-keys";

const MODES: { mode: KeyMode; title: string; intro: string }[] = [
  { mode: "command", title: "Command mode", intro: "A cell is selected (blue bar); keys act on cells." },
  { mode: "edit", title: "Edit mode", intro: "You are typing in a cell." },
];

/** One shortcut: its keys (alternatives joined by "or") and what it does. */
function Shortcut({ keys, description, mac }: { keys: readonly string[]; description: string; mac: boolean }) {
  return (
    <div className="shortcut">
      <dt>
        {keys.map((k, i) => (
          <span key={k}>
            {i > 0 ? <span className="or"> or </span> : null}
            <kbd>{formatKey(k, mac)}</kbd>
          </span>
        ))}
      </dt>
      <dd>{description}</dd>
    </div>
  );
}

/**
 * The keyboard shortcuts, straight from the binding tables: the notebook's, and under edit mode a
 * Python cell's code intelligence. Closes on Escape or a click outside.
 */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const panel = useRef<HTMLDivElement>(null);
  const mac = useMemo(() => isMac(), []);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);
  useEffect(() => {
    panel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        close.current();
      }
    };
    const onDown = (e: MouseEvent) => {
      const target = e.target as Element;
      if (!panel.current?.contains(target) && !target.closest("[data-shortcuts-toggle]")) close.current();
    };
    document.addEventListener("keydown", onKey, true);
    document.addEventListener("mousedown", onDown);
    return () => {
      document.removeEventListener("keydown", onKey, true);
      document.removeEventListener("mousedown", onDown);
    };
  }, []);

  return (
    <div ref={panel} className="shortcuts" role="dialog" aria-label="Keyboard shortcuts" tabIndex={-1}>
      <header className="shortcuts-header">
        <h2>Keyboard shortcuts</h2>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </header>
      <div className="shortcuts-columns">
        {MODES.map(({ mode, title, intro }) => (
          <section key={mode}>
            <h3>{title}</h3>
            <p className="shortcuts-intro">{intro}</p>
            <dl>
              {NOTEBOOK_KEYS.filter((b) => b.mode === mode).map((b) => (
                <Shortcut key={b.action} keys={b.keys} description={b.description} mac={mac} />
              ))}
            </dl>
            {mode === "edit" ? (
              <>
                <h4>In a Python cell: completion and docs</h4>
                <dl data-testid="assist-shortcuts">
                  {ASSIST_KEYS.map((k) => (
                    <Shortcut key={k.description} keys={(mac && k.macKeys) || k.keys} description={k.description} mac={mac} />
                  ))}
                </dl>
              </>
            ) : null}
          </section>
        ))}
      </div>
      <p className="shortcuts-note">
        Completion and docs come from your own Python, once it has started; until then Tab indents.
        Clear outputs: a cell&apos;s ⋯ menu, or <em>Clear all outputs</em> in the bar.
      </p>
    </div>
  );
}
