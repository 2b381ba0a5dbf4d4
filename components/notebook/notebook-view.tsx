"use client";

import "katex/dist/katex.min.css";
import { useNotebookSnapshot, useStoredDocument } from "@/lib/react/use-notebook";
import { CellView } from "../cell/cell-view";

/** A notebook's cells, rendered from its stored Yjs state. */
export default function NotebookView({ stateBase64 }: { stateBase64: string }) {
  const doc = useStoredDocument(stateBase64);
  const { cells } = useNotebookSnapshot(doc);
  if (cells.length === 0) return <p className="empty">This notebook has no cells yet.</p>;
  return (
    <div className="notebook-cells" data-testid="notebook-cells" data-ready="true">
      {cells.map((cell, index) => (
        <CellView key={cell.id} cell={cell} index={index} />
      ))}
    </div>
  );
}
