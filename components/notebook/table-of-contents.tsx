"use client";

import { useEffect, useRef } from "react";
import type { CellId } from "@/lib/notebook/ids";
import type { NotebookSession } from "@/lib/react/use-notebook-session";
import { useTableOfContents, type TocNode } from "@/lib/react/use-table-of-contents";
import { CloseIcon } from "../ui/icons";

interface Props {
  session: NotebookSession;
  onJump: (cellId: CellId) => void;
  onClose: () => void;
}

function Entries({ nodes, onJump }: { nodes: readonly TocNode[]; onJump: (cellId: CellId) => void }) {
  return (
    <ul>
      {nodes.map(({ heading, children }) => (
        <li key={heading.key}>
          <button type="button" className={`toc-link toc-level-${heading.level}`} onClick={() => onJump(heading.cellId)}>
            {heading.text}
          </button>
          {children.length > 0 ? <Entries nodes={children} onJump={onJump} /> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The notebook's table of contents: a panel under the notebook bar (a sheet across the screen on
 * a phone) listing the markdown headings, nested; a heading scrolls to its cell. It stays open while
 * you move around a wide screen; on a phone choosing a heading closes it, so the cell shows.
 */
export function TableOfContents({ session, onJump, onClose }: Props) {
  const toc = useTableOfContents(session);
  const panel = useRef<HTMLElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && panel.current?.contains(document.activeElement)) {
        e.preventDefault();
        close.current();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <nav ref={panel} className="toc" aria-label="Table of contents" data-testid="toc">
      <header className="toc-header">
        <h2>Contents</h2>
        <button type="button" className="find-icon" aria-label="Close contents" title="Close" onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      {toc.length > 0 ? (
        <Entries nodes={toc} onJump={onJump} />
      ) : (
        <p className="toc-empty">No headings yet. Start a text cell with # and a title to list it here.</p>
      )}
    </nav>
  );
}
