/**
 * How a notebook changed between a saved version ("then") and now, cell by cell, as nbdime shows
 * it. Tandem's cells keep their ids for life, so cells are matched by id, never by content: a cell
 * only in the version was deleted, one only now was added, one in both whose place among the
 * others changed was moved (the cells outside the longest common order of ids), and one whose
 * type, source, outputs or metadata differ was changed. A cell can be moved and changed at once.
 *
 * The rows come in the notebook's order now, each deleted cell after the cell that preceded it in
 * the version (or first, when none of those is left), which is also where restoring it puts it.
 *
 * Pure: nbformat cells in, plain data out, for a server page to render (no React, no DOM).
 */
import type { IpynbCell } from "../notebook/nbformat/convert";
import type { JsonObject, JsonValue } from "../util/json";
import { lineDiff, type DiffRow } from "./line-diff";

export type CellStatus = "added" | "deleted" | "moved" | "changed" | "unchanged";

/** A metadata key whose value differs: its JSON on each side, null where that side lacks it. */
export interface MetadataChange {
  key: string;
  then: string | null;
  now: string | null;
}

/**
 * How a code cell's outputs changed: text outputs on both sides give a line diff of their text;
 * anything richer (images, HTML) is "rich", and the page shows both sides whole.
 */
export type OutputsDiff = { kind: "text"; rows: DiffRow[] } | { kind: "rich"; then: JsonObject[]; now: JsonObject[] };

export interface CellDiff {
  id: string;
  status: CellStatus;
  /** Also set on a changed cell whose place changed. */
  moved: boolean;
  then: IpynbCell | null;
  now: IpynbCell | null;
  /** The source's line diff (every line, for a deleted or added cell). */
  source: DiffRow[];
  /** Null when the outputs are the same (or the cell is not code on either side). */
  outputs: OutputsDiff | null;
  metadata: MetadataChange[];
  /** The version's cell before this one (for a deleted cell: where a restore puts it back). */
  previousId: string | null;
}

export interface NotebookDiff {
  cells: CellDiff[];
  counts: Record<CellStatus, number>;
}

const sourceOf = (cell: IpynbCell): string => (Array.isArray(cell.source) ? cell.source.join("") : String(cell.source));
const outputsOf = (cell: IpynbCell | null): JsonObject[] => (cell?.cell_type === "code" ? cell.outputs : []);
const text = (value: JsonValue | undefined): string => (typeof value === "string" ? value : Array.isArray(value) ? value.join("") : "");

/**
 * Metadata that says nothing about the cell's content: where and when it last ran (Tandem's
 * provenance, Jupyter's timings), which changes at every run.
 */
function comparableMetadata(metadata: JsonObject): JsonObject {
  const { execution: _timing, ...rest } = metadata;
  const tandem = rest.tandem;
  if (tandem && typeof tandem === "object" && !Array.isArray(tandem)) {
    const { execution: _provenance, ...own } = tandem;
    if (Object.keys(own).length > 0) rest.tandem = own;
    else delete rest.tandem;
  }
  return rest;
}

/** JSON with sorted keys, so that two equal values give equal text whatever their key order. */
function stable(value: JsonValue | undefined): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

export function metadataChanges(then: JsonObject, now: JsonObject): MetadataChange[] {
  const a = comparableMetadata(then);
  const b = comparableMetadata(now);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys
    .filter((key) => stable(a[key]) !== stable(b[key]))
    .map((key) => ({ key, then: key in a ? stable(a[key]) : null, now: key in b ? stable(b[key]) : null }));
}

/** An output's text when it is only text (a stream, an error, a plain result), else null. */
function outputText(output: JsonObject): string | null {
  switch (output.output_type) {
    case "stream":
      return text(output.text);
    case "error":
      return `${text(output.ename)}: ${text(output.evalue)}\n`;
    case "execute_result":
    case "display_data": {
      const data = output.data;
      if (!data || typeof data !== "object" || Array.isArray(data)) return null;
      const mimes = Object.keys(data);
      return mimes.length === 1 && mimes[0] === "text/plain" ? text(data["text/plain"]) : null;
    }
    default:
      return null;
  }
}

export function outputsDiff(then: JsonObject[], now: JsonObject[]): OutputsDiff | null {
  if (stable(then) === stable(now)) return null;
  const thenTexts = then.map(outputText);
  const nowTexts = now.map(outputText);
  if (thenTexts.every((t) => t !== null) && nowTexts.every((t) => t !== null)) {
    const join = (texts: (string | null)[]) => texts.map((t) => (t!.endsWith("\n") || t === "" ? t! : `${t}\n`)).join("");
    return { kind: "text", rows: lineDiff(join(thenTexts), join(nowTexts)) };
  }
  return { kind: "rich", then, now };
}

/**
 * The ids in both lists that keep their relative order: the longest such run; the others moved.
 * Both lists hold the same ids, so their longest common subsequence is the longest increasing
 * run of `now`'s positions read in `then`'s order: O(n log n) (patience sorting), where a general
 * sequence diff costs O(n·d) and takes seconds on a reversed notebook of thousands of cells.
 */
function stayedInOrder(thenIds: string[], nowIds: string[]): Set<string> {
  const nowIndex = new Map(nowIds.map((id, i) => [id, i]));
  const positions = thenIds.map((id) => nowIndex.get(id)!);
  // tails[k]: the index (into positions) ending the best increasing run of length k + 1 so far.
  const tails: number[] = [];
  const previous: number[] = new Array<number>(positions.length).fill(-1);
  positions.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (positions[tails[mid]!]! < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const stayed = new Set<string>();
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) stayed.add(thenIds[i]!);
  return stayed;
}

function cellDiff(id: string, then: IpynbCell | null, now: IpynbCell | null, moved: boolean, previousId: string | null): CellDiff {
  const source = lineDiff(then ? sourceOf(then) : "", now ? sourceOf(now) : "");
  const outputs = then && now ? outputsDiff(outputsOf(then), outputsOf(now)) : null;
  const metadata = then && now ? metadataChanges(then.metadata, now.metadata) : [];
  const differs = then !== null && now !== null && (then.cell_type !== now.cell_type || source.some((r) => r.kind !== "same") || outputs !== null || metadata.length > 0);
  const status: CellStatus = !then ? "added" : !now ? "deleted" : differs ? "changed" : moved ? "moved" : "unchanged";
  return { id, status, moved, then, now, source, outputs, metadata, previousId };
}

/** How `now` differs from `then` (a version's cells), cell by cell. */
export function diffNotebooks(then: readonly IpynbCell[], now: readonly IpynbCell[]): NotebookDiff {
  const thenById = new Map(then.map((c) => [c.id, c]));
  const nowById = new Map(now.map((c) => [c.id, c]));
  const common = (cells: readonly IpynbCell[], other: Map<string, IpynbCell>) => cells.filter((c) => other.has(c.id)).map((c) => c.id);
  const stayed = stayedInOrder(common(then, nowById), common(now, thenById));
  const previousOf = new Map(then.map((c, i) => [c.id, i > 0 ? then[i - 1]!.id : null]));

  // Each deleted cell goes after the nearest cell before it in the version that is still there.
  const deletedAfter = new Map<string | null, IpynbCell[]>();
  let anchor: string | null = null;
  for (const cell of then) {
    if (nowById.has(cell.id)) {
      anchor = cell.id;
      continue;
    }
    const list = deletedAfter.get(anchor) ?? [];
    list.push(cell);
    deletedAfter.set(anchor, list);
  }
  const deletedRows = (key: string | null) => (deletedAfter.get(key) ?? []).map((c) => cellDiff(c.id, c, null, false, previousOf.get(c.id) ?? null));

  const cells: CellDiff[] = [...deletedRows(null)];
  for (const cell of now) {
    const before = thenById.get(cell.id) ?? null;
    cells.push(cellDiff(cell.id, before, cell, before !== null && !stayed.has(cell.id), previousOf.get(cell.id) ?? null));
    cells.push(...deletedRows(cell.id));
  }
  const counts: Record<CellStatus, number> = { added: 0, deleted: 0, moved: 0, changed: 0, unchanged: 0 };
  for (const row of cells) counts[row.status]++;
  return { cells, counts };
}
