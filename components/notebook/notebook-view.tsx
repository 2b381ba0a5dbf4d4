"use client";

import "katex/dist/katex.min.css";
import { useMemo } from "react";
import { cellLabel } from "@/lib/embed/labels";
import { useNotebookSnapshot, useStoredDocument } from "@/lib/react/use-notebook";
import { CellView } from "../cell/cell-view";
import { EmbedDialog } from "../embed/embed-dialog";
import type { EmbedTarget } from "../embed/embed-cell-context";

/** A notebook's cells, rendered from its stored Yjs state (a lesson), with its Embed button. */
export default function NotebookView({ stateBase64, embed = null }: { stateBase64: string; embed?: EmbedTarget | null }) {
  const doc = useStoredDocument(stateBase64);
  const { cells } = useNotebookSnapshot(doc);
  const labels = useMemo(() => cells.map((c, i) => ({ id: c.id, label: cellLabel(i, c.source) })), [cells]);
  if (cells.length === 0) return <p className="empty">This notebook has no cells yet.</p>;
  return (
    <div className="notebook-cells" data-testid="notebook-cells" data-ready="true">
      {embed ? (
        <div className="notebook-view-bar">
          <EmbedDialog slug={embed.slug} title={embed.title} embeddable={embed.embeddable} cells={labels} />
        </div>
      ) : null}
      {cells.map((cell, index) => (
        <CellView key={cell.id} cell={cell} index={index} />
      ))}
    </div>
  );
}
