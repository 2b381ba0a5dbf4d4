/**
 * The server's heavy document work, as plain functions of bytes and text: parsing and converting
 * an imported file, merging a stored log, materializing the stored copies, writing an export.
 * For a notebook of thousands of cells each takes from tens to hundreds of milliseconds, so the
 * server runs them on worker threads (pool.ts), never on the event loop that relays everyone's
 * keystrokes; scripts and tests without a pool run them inline. Same function either way.
 *
 * Inputs and outputs are what a worker thread can take and give back cheaply: strings, byte
 * arrays, plain objects. Nothing here touches the database or the network.
 */
import * as Y from "yjs";
import { documentFromIpynb, ipynbFromDocument, LOAD, readImportedIpynb, setSource, snapshotNotebook, validateLenient, type CellId, type CellType } from "../../notebook";
import type { IpynbCell } from "../../notebook/nbformat/convert";
import type { NotebookProblemCode } from "../../notebook/nbformat/validate";
import type { LenientNotebook } from "../../notebook/nbformat/schema";
import { notebookFromPercent, percentFromNotebook } from "../../notebook/nbformat/percent";
import { ipynbText } from "../../notebook/nbformat/writer";
import { documentFileBytes } from "../../notebook/nbformat/file-size";
import { joinBundle, joinMultiline } from "../../notebook/nbformat/lines";
import { outputToDocument } from "../../notebook/nbformat/outputs";
import { fail, ok, type Result } from "../../util/result";
import { documentFromStored, materializeDocument, storedCells, type StoredDocument } from "../documents/materialize";

/**
 * Cells as the document holds them (multiline strings joined), so that cells stored under an
 * earlier rule for splitting lines (before 2026-12-07 base64 images were split too) compare equal
 * to the same cells written now.
 */
function joinedCells(cells: readonly IpynbCell[]): unknown[] {
  return cells.map((cell) => {
    const joined: Record<string, unknown> = { ...cell, source: joinMultiline(cell.source) };
    if (cell.cell_type === "code") joined.outputs = cell.outputs.map((o) => outputToDocument(o as Record<string, unknown>));
    else if (cell.attachments) joined.attachments = Object.fromEntries(Object.entries(cell.attachments).map(([name, bundle]) => [name, joinBundle(bundle as Record<string, unknown>)]));
    return joined;
  });
}

/** JSON with object keys sorted: PostgreSQL's jsonb does not keep key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export interface ImportedDocument {
  /** What the file's metadata calls the notebook, if anything. */
  metadataTitle: unknown;
  stored: StoredDocument;
  /** What reading the file changed, as Jupyter would (nbformat/repair.ts): one line each. */
  notes: string[];
  /** The notebook's size as Tandem writes its .ipynb (file-size.ts), what the size limit counts. */
  fileBytes: number;
}

export type ExportFormat = "ipynb" | "py";

export const TASKS = {
  /** An .ipynb file's text as a stored document, or what is wrong with it. */
  importIpynb(text: string): Result<ImportedDocument, NotebookProblemCode> {
    const read = readImportedIpynb(text);
    if (!read.ok) return read;
    const { notebook, notes } = read.value;
    const doc = documentFromIpynb(notebook);
    return ok({ metadataTitle: notebook.metadata.title, stored: materializeDocument(doc), notes, fileBytes: documentFileBytes(doc) });
  },

  /** A percent-format script (`extension` ".py", ".R"...) as a stored document, as jupytext reads it. */
  importScript(input: { text: string; extension: string }): Result<ImportedDocument, NotebookProblemCode> {
    const read = notebookFromPercent(input.text, input.extension);
    if (!read.ok) return fail("invalid_notebook", read.message);
    // nbformat 4.4, without ids: the reader derives them from the cells (the same file, the same ids).
    const cells = read.value.cells.map((cell) => ({ ...cell, ...(cell.cell_type === "code" ? { outputs: [], execution_count: null } : {}) }));
    return TASKS.importIpynb(JSON.stringify({ nbformat: 4, nbformat_minor: 4, metadata: read.value.metadata, cells }));
  },

  /** One Yjs update holding a snapshot and the log after it. */
  mergeUpdates(parts: Uint8Array[]): Uint8Array {
    return parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
  },

  /** The stored copies (snapshot, cells JSON, search text) of the document in `state`. */
  materialize(state: Uint8Array): StoredDocument {
    return materializeDocument(documentFromStored(state));
  },

  /** A fork's content: the document in `state`, with new text for some of its code cells (by id). */
  copyDocument(input: { state: Uint8Array; sources: Readonly<Record<string, string>> }): StoredDocument {
    const doc = documentFromStored(input.state);
    const code = new Set(snapshotNotebook(doc).cells.filter((c) => c.type === "code").map((c) => c.id as string));
    for (const [id, text] of Object.entries(input.sources)) if (code.has(id)) setSource(doc, id as CellId, text, LOAD);
    return materializeDocument(doc);
  },

  /**
   * A version of the document in `state`: its snapshot and cells (JSON text), or null when its
   * cells are the same as `latestCells` (the latest version's JSON text, as the database gave it).
   */
  versionOf(input: { state: Uint8Array; latestCells: string | null }): { snapshot: Uint8Array<ArrayBuffer>; cells: string } | null {
    const doc = documentFromStored(input.state);
    const cells = ipynbFromDocument(doc).cells;
    if (input.latestCells !== null && canonical(joinedCells(storedCells(input.latestCells))) === canonical(joinedCells(cells))) return null;
    return { snapshot: Y.encodeStateAsUpdate(doc) as Uint8Array<ArrayBuffer>, cells: JSON.stringify(cells) };
  },

  /** The nbformat cells of the document in `state`. */
  cellsOf(state: Uint8Array): IpynbCell[] {
    return ipynbFromDocument(documentFromStored(state)).cells;
  },

  /** The cells (id, type, source) of a version's snapshot: what a teacher grades (classroom/grading.ts). */
  gradingCells(snapshot: Uint8Array): { id: string; type: CellType; source: string }[] {
    return snapshotNotebook(documentFromStored(snapshot)).cells.map((c) => ({ id: c.id, type: c.type, source: c.source }));
  },

  /** A version's snapshot as a notebook to restore, or why it cannot be. */
  restorable(snapshot: Uint8Array): Result<LenientNotebook, NotebookProblemCode> {
    return validateLenient(ipynbFromDocument(documentFromStored(snapshot)));
  },

  /**
   * The file a download gives: .ipynb (nbformat 4.5), or the script jupytext writes in its percent
   * format, with the extension of the notebook's language (.py, .R, .jl...).
   */
  exportFile(input: { state: Uint8Array; format: ExportFormat; title: string }): { body: string; extension: string } {
    const nb = ipynbFromDocument(documentFromStored(input.state));
    if (input.format === "ipynb") return { body: ipynbText(nb), extension: "ipynb" };
    const script = percentFromNotebook({ metadata: nb.metadata, cells: nb.cells.map((c) => ({ cell_type: c.cell_type, source: joinMultiline(c.source), metadata: c.metadata })) });
    return { body: script.text, extension: script.extension.slice(1) };
  },
} as const;

export type TaskName = keyof typeof TASKS;
export type TaskInput<K extends TaskName> = Parameters<(typeof TASKS)[K]>[0];
export type TaskOutput<K extends TaskName> = ReturnType<(typeof TASKS)[K]>;

/** A task run here, on the calling thread. */
export function runInline<K extends TaskName>(name: K, input: TaskInput<K>): TaskOutput<K> {
  return (TASKS[name] as (input: TaskInput<K>) => TaskOutput<K>)(input);
}

/** What a worker thread receives. */
export interface TaskMessage<K extends TaskName = TaskName> {
  name: K;
  input: TaskInput<K>;
}
