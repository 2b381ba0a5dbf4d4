/**
 * Upgrading a stored notebook document to the layout this code reads (schema.ts, SCHEMA_VERSION).
 *
 * Every document names its layout version (`meta.schemaVersion`; one that names none is version 1,
 * the first, from before the version was written). Opening a document runs the steps from its
 * version up to SCHEMA_VERSION, in order, in one transaction under the SYSTEM origin (not undoable,
 * and the room stores and relays it like any update), then writes the new version. A document of a
 * newer version than this code knows is refused, never read with the wrong layout: a server that
 * was rolled back must not rewrite what a newer one wrote.
 *
 * To change the layout: bump SCHEMA_VERSION, add the step from the old version here, and test it
 * on a document of the old version (upgrade.test.ts).
 */
import type * as Y from "yjs";
import { SYSTEM, type Origin } from "./origins";
import { readSchemaVersion, SCHEMA_VERSION, writeSchemaVersion } from "./schema";

/** The step from version `n` to `n + 1`, by `n`. None yet: version 1 is the first layout. */
type Step = (doc: Y.Doc) => void;
const STEPS: Readonly<Record<number, Step>> = {};

export type UpgradeOutcome =
  | { readonly ok: true; readonly from: number; readonly to: number }
  | { readonly ok: false; readonly code: "newer_layout"; readonly message: string };

/** The layout version `doc` names (1 when it names none). */
export function documentVersion(doc: Y.Doc): number {
  return readSchemaVersion(doc) ?? 1;
}

/** Brings `doc` to SCHEMA_VERSION (a no-op when it is there); refuses a newer layout. */
export function upgradeDocument(doc: Y.Doc, origin: Origin = SYSTEM, steps: Readonly<Record<number, Step>> = STEPS, target = SCHEMA_VERSION): UpgradeOutcome {
  const from = documentVersion(doc);
  if (from > target) {
    return { ok: false, code: "newer_layout", message: `This notebook was saved in layout version ${from}; this server reads up to version ${target}. Upgrade the server.` };
  }
  if (from === target) return { ok: true, from, to: target };
  for (let v = from; v < target; v++) {
    if (!steps[v]) throw new Error(`No upgrade step from layout version ${v} to ${v + 1} (upgrade.ts)`);
  }
  doc.transact(() => {
    for (let v = from; v < target; v++) steps[v]!(doc);
    writeSchemaVersion(doc, target);
  }, origin);
  return { ok: true, from, to: target };
}
