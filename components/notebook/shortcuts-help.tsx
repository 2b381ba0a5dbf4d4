"use client";

import { useEffect, useMemo, useRef } from "react";
import { formatKey, NOTEBOOK_KEYS, type KeyMode } from "@/lib/react/notebook-keys";
import { isMac } from "@/lib/react/use-notebook-keys";

const MODES: { mode: KeyMode; title: string; intro: string }[] = [
  { mode: "command", title: "Command mode", intro: "A cell is selected (blue bar); keys act on cells." },
  { mode: "edit", title: "Edit mode", intro: "You are typing in a cell." },
];

/** The keyboard shortcuts, straight from the binding table. Closes on Escape or a click outside. */
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
                <div key={b.action} className="shortcut">
                  <dt>
                    {b.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 ? <span className="or"> or </span> : null}
                        <kbd>{formatKey(k, mac)}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{b.description}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="shortcuts-note">
        Running code arrives with the Python kernel; for now the run keys move between cells as Jupyter does.
      </p>
    </div>
  );
}
