/**
 * What the database stores for a notebook's content: the Yjs state (the source of truth) and a
 * JSON copy of its cells derived from that state, for listings and export.
 */
import * as Y from "yjs";
import { SCHEMA_VERSION } from "../../notebook/schema";
import { ipynbFromDocument, type IpynbCell } from "../../notebook/nbformat/convert";
import { layoutProblems } from "../../notebook/layout-problems";

export interface StoredDocument {
  snapshot: Uint8Array<ArrayBuffer>;
  schemaVersion: number;
  /**
   * The nbformat cells as JSON text. Text, not a JSON column: Prisma walks every value of a JSON
   * argument on the calling thread (half a second for 10,000 cells), while text passes straight
   * through; the work thread that derives it writes the text (lib/server/work/).
   */
  cells: string;
  cellCount: number;
  /** searchTextOf(cells). */
  searchText: string;
}

/** Enough to find a notebook by what it says; a longer one is searched by its beginning. */
const MAX_SEARCH_TEXT = 200_000;

/** The cells' sources, lower-cased, one cell per line group: what the library's search looks in. */
export function searchTextOf(cells: readonly { source: string | readonly string[] }[]): string {
  const text = cells.map((c) => (typeof c.source === "string" ? c.source : c.source.join(""))).join("\n\n");
  return text.toLowerCase().slice(0, MAX_SEARCH_TEXT);
}

export function materializeDocument(doc: Y.Doc): StoredDocument {
  // The readers skip or repair what falls outside the layout (a document stored before the
  // server's guard); say so once here, where every stored copy is derived.
  const problems = layoutProblems(doc);
  if (problems.length > 0) console.warn(`A notebook document holds malformed parts, left out of its copies: ${problems.slice(0, 10).join("; ")}`);
  const cells = ipynbFromDocument(doc).cells;
  return {
    snapshot: Y.encodeStateAsUpdate(doc) as Uint8Array<ArrayBuffer>,
    schemaVersion: SCHEMA_VERSION,
    cells: JSON.stringify(cells),
    cellCount: cells.length,
    searchText: searchTextOf(cells),
  };
}

/** The cells of a stored JSON copy (NotebookDocument.cells, NotebookVersion.cells); [] if unreadable. */
export function storedCells(text: string): IpynbCell[] {
  try {
    const cells: unknown = JSON.parse(text);
    return Array.isArray(cells) ? (cells as IpynbCell[]) : [];
  } catch {
    return [];
  }
}

/** A document from stored state: the snapshot, then any logged updates after it, in order. */
export function documentFromStored(snapshot: Uint8Array, updates: readonly Uint8Array[] = []): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, snapshot);
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}
