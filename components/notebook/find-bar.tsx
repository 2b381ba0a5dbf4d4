"use client";

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { CellId } from "@/lib/notebook/ids";
import type { NotebookSession } from "@/lib/react/use-notebook-session";
import type { NotebookFind } from "@/lib/react/notebook-find";
import { useFindBar, type FindAnchor } from "@/lib/react/use-find-bar";
import { isMac } from "@/lib/react/use-notebook-keys";
import { keyName } from "@/lib/react/notebook-keys";
import { useReadOnly } from "@/lib/react/read-only";
import { ArrowDownIcon, ArrowUpIcon, ChevronRightIcon, CloseIcon } from "../ui/icons";

interface Props {
  session: NotebookSession;
  find: NotebookFind;
  /** Opened (or asked for again: Ctrl-F) with this token; `replace` shows the replace row. */
  request: { readonly replace: boolean; readonly token: number };
  selectedId: CellId | null;
  onClose: () => void;
}

/** An option of the search, as a toggle: its glyph shown, its name for screen readers and the tooltip. */
function Toggle({ on, glyph, label, onChange }: { on: boolean; glyph: string; label: string; onChange: (on: boolean) => void }) {
  return (
    <button type="button" className="find-toggle" aria-pressed={on} title={label} onClick={() => onChange(!on)}>
      <span aria-hidden>{glyph}</span>
      <span className="visually-hidden">{label}</span>
    </button>
  );
}

/*
 * Buttons with nothing to do are aria-disabled, not disabled: a disabled button drops the focus
 * (after "Replace all", say), and Escape would no longer reach the bar.
 */

/**
 * Find (and replace) across the notebook, as in JupyterLab: under the notebook bar, on the right.
 * Enter and Shift-Enter (F3, Shift-F3) go to the next and previous match in any cell; Escape closes
 * the bar and puts the focus back (into the match's editor after moving through matches).
 */
export function FindBar({ session, find, request, selectedId, onClose }: Props) {
  const readOnly = useReadOnly();
  const searchBox = useRef<HTMLInputElement>(null);
  const [showReplace, setShowReplace] = useState(request.replace && !readOnly);
  const returnTo = useRef<HTMLElement | null>(null);
  const id = useId();

  // Read once per request, before the focus leaves the editor: where the search starts and what it seeds.
  const [start, setStart] = useState(() => startOf(find, selectedId, request.token));
  if (start.seed.token !== request.token) {
    setStart(startOf(find, selectedId, request.token));
    setShowReplace((shown) => !readOnly && (request.replace || shown));
  }
  useEffect(() => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && !active.closest(".find-bar")) returnTo.current = active;
    searchBox.current?.focus();
    searchBox.current?.select();
  }, [request.token]);

  const [state, actions] = useFindBar(session, find, start.anchor, start.seed, readOnly);
  const mac = useMemo(() => isMac(), []);

  const close = () => {
    const cell = actions.visited();
    onClose();
    if (cell && find.focusEditor(cell)) return;
    const back = returnTo.current;
    if (back?.isConnected) back.focus();
  };
  const closeRef = useRef(close);
  const stepRef = useRef(actions.step);
  useEffect(() => {
    closeRef.current = close;
    stepRef.current = actions.step;
  });

  // F3 / Shift-F3 (and Ctrl-G) go through matches from anywhere while the bar is open.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const name = keyName(event, mac);
      if (name === "F3" || name === "Mod-g" || name === "Shift-F3" || name === "Mod-Shift-g") {
        event.preventDefault();
        stepRef.current(name.includes("Shift") ? -1 : 1);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [mac]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const name = keyName(event.nativeEvent, mac);
    const inReplace = (event.target as Element).getAttribute("name") === "replace";
    if (name === "Escape") {
      event.preventDefault();
      closeRef.current();
    } else if (name === "Mod-f") {
      event.preventDefault();
      searchBox.current?.focus();
      searchBox.current?.select();
    } else if (name === "Mod-h" && !readOnly) {
      event.preventDefault();
      setShowReplace((shown) => !shown);
    } else if ((name === "Enter" || name === "Shift-Enter") && !inReplace && (event.target as Element).tagName === "INPUT") {
      event.preventDefault();
      actions.step(name === "Enter" ? 1 : -1);
    } else if (name === "Enter" && inReplace) {
      event.preventDefault();
      actions.replaceCurrent();
    } else if ((name === "Mod-Enter" || name === "Alt-Mod-Enter") && inReplace) {
      event.preventDefault();
      actions.replaceAll();
    }
  };

  const { options, status } = state;
  const none = state.matches.length === 0;
  return (
    <div className="find-bar" role="search" aria-label="Find in notebook" data-testid="find-bar" onKeyDown={onKeyDown}>
      <div className="find-row">
        {readOnly ? null : (
          <button
            type="button"
            className="find-expand"
            aria-expanded={showReplace}
            aria-controls={showReplace ? `${id}-replace` : undefined}
            title="Replace"
            onClick={() => setShowReplace(!showReplace)}
          >
            <ChevronRightIcon />
            <span className="visually-hidden">Replace</span>
          </button>
        )}
        <label className="visually-hidden" htmlFor={`${id}-find`}>
          Find
        </label>
        <input
          ref={searchBox}
          id={`${id}-find`}
          name="find"
          className="find-input"
          type="text"
          placeholder="Find"
          autoComplete="off"
          spellCheck={false}
          value={options.search}
          aria-invalid={status === "Invalid regular expression" ? true : undefined}
          aria-describedby={`${id}-status`}
          onChange={(e) => actions.setOptions({ search: e.target.value })}
        />
        <Toggle on={options.caseSensitive} glyph="Aa" label="Match case" onChange={(on) => actions.setOptions({ caseSensitive: on })} />
        <Toggle on={options.wholeWord} glyph="ab|" label="Match whole word" onChange={(on) => actions.setOptions({ wholeWord: on })} />
        <Toggle on={options.regexp} glyph=".*" label="Use regular expression" onChange={(on) => actions.setOptions({ regexp: on })} />
        <span id={`${id}-status`} className={`find-status${none && options.search ? " find-status-none" : ""}`} aria-live="polite" data-testid="find-status">
          {status}
        </span>
        <button type="button" className="find-icon" aria-label="Previous match" title="Previous match (Shift+Enter)" aria-disabled={none} onClick={() => actions.step(-1)}>
          <ArrowUpIcon />
        </button>
        <button type="button" className="find-icon" aria-label="Next match" title="Next match (Enter)" aria-disabled={none} onClick={() => actions.step(1)}>
          <ArrowDownIcon />
        </button>
        <button type="button" className="find-icon" aria-label="Close" title="Close (Esc)" onClick={close}>
          <CloseIcon />
        </button>
      </div>
      {showReplace ? (
        <div className="find-row find-replace-row" id={`${id}-replace`}>
          <label className="visually-hidden" htmlFor={`${id}-replace-input`}>
            Replace with
          </label>
          <input
            id={`${id}-replace-input`}
            name="replace"
            className="find-input"
            type="text"
            placeholder="Replace with"
            autoComplete="off"
            spellCheck={false}
            value={state.replace}
            onChange={(e) => actions.setReplace(e.target.value)}
          />
          <button type="button" className="button button-small" aria-disabled={!state.canReplaceCurrent} onClick={actions.replaceCurrent}>
            Replace
          </button>
          <button type="button" className="button button-small" aria-disabled={none} onClick={actions.replaceAll}>
            Replace all
          </button>
          <span className="visually-hidden" aria-live="polite">
            {state.replaced}
          </span>
        </div>
      ) : null}
    </div>
  );
}

function startOf(find: NotebookFind, selectedId: CellId | null, token: number): { anchor: FindAnchor; seed: { text: string | null; token: number } } {
  return {
    anchor: { cellId: selectedId, offset: find.caret(selectedId) ?? 0 },
    seed: { text: find.selectedText(selectedId), token },
  };
}
