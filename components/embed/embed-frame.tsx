"use client";

import "katex/dist/katex.min.css";
import "./embed.css";
import { useCallback, useMemo, useRef, useState } from "react";
// The model's modules, not its index: the index also re-exports nbformat validation (full zod).
import { setSource } from "@/lib/notebook/commands";
import { userOrigin } from "@/lib/notebook/origins";
import type { CellSnapshot } from "@/lib/notebook/selectors";
import type { CellId } from "@/lib/notebook/ids";
import { useKernelStatus } from "@/lib/react/use-kernel";
import { readerDocument, readerEdits } from "@/lib/embed/reader-document";
import { browserEditStore, readEdit, writeEdit } from "@/lib/embed/reader-edits";
import { handoffFragment } from "@/lib/embed/handoff";
import { useReaderPython } from "./use-reader-python";
import { EmbedCell } from "./embed-cell";
import { KernelState } from "./kernel-state";
import { useFrameSize } from "./use-frame-size";

export interface EmbedFrameProps {
  slug: string;
  title: string;
  cells: { position: number; cell: CellSnapshot }[];
  /** Frames of one page with the same token share one Python (lib/embed/urls.ts). */
  sharedKernel: string | null;
  /** The server's package source, as the notebook page has it (null: packages off). */
  packageBaseUrl: string | null;
}

const origin = userOrigin("embed-reader");

/**
 * Embedded cells, for a reader on someone else's page: each with its source, the notebook's
 * shared output and who produced it, and Run. Edits and runs are the reader's alone (this frame's
 * own Yjs document, never connected to the room); edits are kept in the browser until reset.
 * Python loads on the first run, not before.
 */
export function EmbedFrame({ slug, title, cells, sharedKernel, packageBaseUrl }: EmbedFrameProps) {
  const [doc] = useState(() => {
    const store = browserEditStore();
    return readerDocument(cells.map(({ cell }) => cell), (id) => readEdit(store, slug, id));
  });
  const root = useRef<HTMLDivElement>(null);
  useFrameSize(root);
  const originals = useMemo(() => new Map(cells.map(({ cell }) => [cell.id, cell])), [cells]);

  const { python, ensure: ensurePython } = useReaderPython(doc, packageBaseUrl, sharedKernel);
  const run = useCallback((id: CellId) => ensurePython().runner.run([id]), [ensurePython]);
  const edit = useCallback(
    (id: CellId, text: string) => {
      setSource(doc, id, text, origin);
      writeEdit(browserEditStore(), slug, id, text, originals.get(id)?.source ?? "");
    },
    [doc, slug, originals],
  );

  const status = useKernelStatus(python);
  return (
    <div ref={root} className="embed-root" data-testid="embed-root">
      <header className="embed-header">
        <a className="embed-brand" href={`/n/${slug}`} target="_blank" rel="noopener" title="Open this notebook in Tandem">
          <span aria-hidden>⟲</span> {title}
        </a>
        <KernelState python={python} status={status} />
        <a
          className="button button-small"
          href={`/n/${slug}/fork`}
          target="_blank"
          rel="noopener"
          data-testid="open-in-tandem"
          title="Fork it into your library (after signing in), with your edits"
          // The reader's edits go along in the fragment, which no server sees (handoff.ts).
          onClick={(event) => void (event.currentTarget.href = `/n/${slug}/fork${handoffFragment(readerEdits(doc, originals))}`)}
        >
          Open in Tandem
        </a>
      </header>
      {cells.map(({ cell, position }) => (
        <EmbedCell key={cell.id} doc={doc} original={cell} position={position} python={python} onRun={run} onEdit={edit} />
      ))}
    </div>
  );
}
