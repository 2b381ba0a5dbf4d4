"use client";

import { createContext, useContext } from "react";
import type { CellId } from "@/lib/notebook/ids";

/** What a notebook may be embedded as, for its Embed buttons: null where it offers none. */
export interface EmbedTarget {
  readonly slug: string;
  readonly title: string;
  /** Public or viewable by link (the dialog explains why not otherwise). */
  readonly embeddable: boolean;
  /** Not embeddable because anyone with the link may edit: the dialog offers the fix. */
  readonly linkEdits?: boolean;
  readonly notebookId?: string;
  /** The viewer may change who can open it (its owner). */
  readonly canShare?: boolean;
}

/** Opens the notebook's Embed dialog on a cell (its toolbar's "Embed"); null where there is none. */
export const EmbedCellContext = createContext<((id: CellId) => void) | null>(null);

export const useEmbedCell = () => useContext(EmbedCellContext);
