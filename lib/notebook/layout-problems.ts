/**
 * What in a document falls outside the layout schema.ts describes, as sentences for a log. The
 * server's guard (lib/server/collab/guard.ts) keeps new updates inside it; a document stored
 * before that may still hold such parts, which every reader skips or repairs (selectors.ts,
 * cellSourceText), and the server logs what it found when it materializes one.
 */
import * as Y from "yjs";
import { cellsMap, metaMap } from "./schema";

const ROOTS = new Set(["meta", "cells"]);

/** Every part of `doc` outside the layout (empty for a well-formed document). O(cells + outputs). */
export function layoutProblems(doc: Y.Doc): string[] {
  const problems: string[] = [];
  for (const [name, type] of doc.share) {
    // Deleted content stays as tombstones: only what is still there counts.
    const holds = type._length > 0 || [...type._map.values()].some((item) => !item.deleted);
    if (!ROOTS.has(name) && holds) problems.push(`unknown root ${JSON.stringify(name)}`);
  }
  const metadata = metaMap(doc).get("metadata");
  if (metadata !== undefined && !isPlainObject(metadata)) problems.push("notebook metadata is not an object");
  cellsMap(doc).forEach((cell: unknown, id) => {
    if (!(cell instanceof Y.Map)) return problems.push(`cell ${id} is not a map`);
    const map = cell as Y.Map<unknown>;
    if (!(map.get("source") instanceof Y.Text)) problems.push(`cell ${id} has no source text`);
    const outputs = map.get("outputs");
    if (outputs !== undefined && !(outputs instanceof Y.Array)) problems.push(`cell ${id}: outputs is not a list`);
    if (outputs instanceof Y.Array && outputs.toArray().some((o) => !isPlainObject(o))) problems.push(`cell ${id}: an output is not an object`);
    for (const key of ["metadata", "attachments", "execution"]) {
      const value = map.get(key);
      if (value !== undefined && !isPlainObject(value)) problems.push(`cell ${id}: ${key} is not an object`);
    }
    return undefined;
  });
  return problems;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Y.AbstractType);
}
