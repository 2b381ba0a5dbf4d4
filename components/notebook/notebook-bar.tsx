"use client";

import { useEffect, useRef, type RefObject } from "react";
import type { NotebookSession } from "@/lib/react/use-notebook-session";
import { useConnectionStatus, useUndoState } from "@/lib/react/use-notebook-session";
import type { NotebookActions } from "@/lib/react/use-notebook-controller";
import type { Participant } from "@/lib/react/use-participants";
import { IconButton } from "../ui/icon-button";
import { ContentsIcon, KeyboardIcon, RedoIcon, SearchIcon, UndoIcon } from "../ui/icons";
import type { Python } from "@/lib/react/use-kernel";
import { ConnectionStatus } from "./connection-status";
import { CatchUpStatus } from "./catch-up-status";
import { KernelControls } from "./kernel-controls";
import { Participants } from "./participants";
import { ShortcutsHelp } from "./shortcuts-help";
import { BarMenu } from "./bar-menu";
import { useReadOnly } from "@/lib/react/read-only";

interface Props {
  session: NotebookSession;
  python: Python | null;
  actions: NotebookActions;
  participants: readonly Participant[];
  helpOpen: boolean;
  /** The "Restart Python?" dialog is open. */
  restartOpen?: boolean;
  onRename: (() => void) | null;
  /** More controls at the end of the first group (the Embed button). */
  extra?: React.ReactNode;
  /** Opens what `extra` opens, from the phone's "More tools" (where `extra`'s button is hidden). */
  onEmbed?: (() => void) | null;
  /** The find bar is open (its button closes it). */
  findOpen?: boolean;
  /** The table of contents is open, and its button's toggle. */
  tocOpen?: boolean;
  onToggleToc?: () => void;
  /** Panels that hang under the bar (find, contents). */
  panels?: React.ReactNode;
}

/**
 * Publishes the bar's height as --notebook-bar-h (globals.css): it wraps to two or three rows on a
 * phone, and what scrolls into view (a cell, an editor's caret) must land below it.
 */
function useStickyHeight(bar: RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    const element = bar.current;
    if (!element) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => root.style.setProperty("--notebook-bar-h", `${element.offsetHeight}px`));
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty("--notebook-bar-h");
    };
  }, [bar]);
}

/** The notebook's sticky toolbar: undo and redo, shortcuts, Python, who is here, and the connection. */
export function NotebookBar({
  session,
  python,
  actions,
  participants,
  helpOpen,
  restartOpen = false,
  onRename,
  extra = null,
  onEmbed = null,
  findOpen = false,
  tocOpen = false,
  onToggleToc,
  panels = null,
}: Props) {
  const status = useConnectionStatus(session);
  const { canUndo, canRedo } = useUndoState(session);
  const readOnly = useReadOnly();
  const bar = useRef<HTMLDivElement>(null);
  useStickyHeight(bar);
  return (
    <div ref={bar} className="notebook-bar" data-testid="notebook-bar">
      <div className="notebook-bar-group">
        {readOnly ? (
          <span className="bar-note" data-testid="view-only-bar">
            Viewing<span className="bar-note-detail">: you see every change live</span>
          </span>
        ) : (
          <>
            <IconButton label="Undo" hint="Ctrl+Z, or Z on a selected cell" onClick={() => actions.perform("undo")} disabled={!canUndo}>
          <UndoIcon />
        </IconButton>
        <IconButton label="Redo" hint="Ctrl+Shift+Z" onClick={() => actions.perform("redo")} disabled={!canRedo} className="bar-wide">
          <RedoIcon />
        </IconButton>
          </>
        )}
        <span className="toolbar-divider bar-wide" aria-hidden />
        <button
          type="button"
          className="bar-button bar-wide"
          data-shortcuts-toggle
          aria-expanded={helpOpen}
          onClick={() => actions.setHelpOpen(!helpOpen)}
        >
          <KeyboardIcon /> <span className="bar-button-text">Shortcuts</span>
        </button>
        <button
          type="button"
          className="bar-button bar-wide"
          aria-expanded={findOpen}
          title={readOnly ? "Find in the notebook (Ctrl+F)" : "Find and replace in the notebook (Ctrl+F, Ctrl+H)"}
          onClick={() => (findOpen ? actions.closeFind() : actions.perform("find"))}
        >
          <SearchIcon /> <span className="bar-button-text">Find</span>
        </button>
        {onToggleToc ? (
          <button type="button" className="bar-button bar-wide" aria-expanded={tocOpen} title="Table of contents" onClick={onToggleToc} data-testid="toc-toggle">
            <ContentsIcon /> <span className="bar-button-text">Contents</span>
          </button>
        ) : null}
        {readOnly ? null : (
          <>
            <span className="toolbar-divider" aria-hidden />
            <KernelControls python={python} actions={actions} restartOpen={restartOpen} />
          </>
        )}
        {extra ? (
          <>
            <span className="toolbar-divider bar-wide" aria-hidden />
            <span className="notebook-bar-extra">{extra}</span>
          </>
        ) : null}
      </div>
      <div className="notebook-bar-group notebook-bar-end">
        <Participants participants={participants} onRename={onRename} />
        <ConnectionStatus status={status} />
        <BarMenu
          actions={actions}
          python={python}
          readOnly={readOnly}
          canRedo={canRedo}
          hasContents={onToggleToc !== undefined}
          onToggleToc={onToggleToc}
          onEmbed={onEmbed}
        />
      </div>
      {readOnly ? null : <CatchUpStatus python={python} />}
      {helpOpen ? <ShortcutsHelp onClose={() => actions.setHelpOpen(false)} /> : null}
      {panels}
    </div>
  );
}
