/**
 * A notebook's table of contents: the headings (h1-h3) of its markdown cells, nested, live as
 * anyone edits. Read from the notebook's snapshot only while the panel is mounted.
 */
import { useMemo } from "react";
import type { CellId } from "../notebook/ids";
import type { NotebookSession } from "../sync/session";
import { markdownHeadings, nestHeadings, type HeadingNode } from "../markdown/headings";
import { useNotebookSnapshot } from "./use-notebook";

export interface TocHeading {
  readonly cellId: CellId;
  readonly level: number;
  readonly text: string;
  /** Unique in the notebook: the cell and the heading's line. */
  readonly key: string;
}

export type TocNode = HeadingNode<TocHeading>;

/** The deepest heading level the contents list, as JupyterLab's default. */
export const TOC_MAX_LEVEL = 3;

export function useTableOfContents(session: NotebookSession): readonly TocNode[] {
  const { cells } = useNotebookSnapshot(session.doc);
  return useMemo(() => {
    const headings = cells.flatMap((cell) =>
      cell.type === "markdown"
        ? markdownHeadings(cell.source, TOC_MAX_LEVEL).map((h) => ({ cellId: cell.id, level: h.level, text: h.text, key: `${cell.id}:${h.line}` }))
        : [],
    );
    return nestHeadings(headings);
  }, [cells]);
}
