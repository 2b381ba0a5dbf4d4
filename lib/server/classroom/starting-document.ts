/**
 * The students' starting document of an assignment, made once when it is assigned: a copy of the
 * source notebook's state in which every check (lib/notebook/checks.ts) is locked and has no
 * outputs (the author's own run proves nothing about the student), and every hidden check's code is
 * taken out. The code leaves no trace in the copy: Yjs garbage-collects deleted text, so the
 * encoded state holds only its length (a test checks the bytes).
 */
import * as Y from "yjs";
import { clearOutputs, setCellMetadata, setSource, snapshotNotebook, sourceHash, SYSTEM } from "../../notebook";
import { checkPoints, readCheck, type CheckSpec } from "../../notebook/checks";

export interface HiddenCheck {
  readonly cellId: string;
  readonly source: string;
}

export interface StartingDocument {
  readonly snapshot: Uint8Array<ArrayBuffer>;
  readonly checks: CheckSpec[];
  readonly hiddenChecks: HiddenCheck[];
}

export function startingDocument(source: Y.Doc): StartingDocument {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
  const checks: CheckSpec[] = [];
  const hiddenChecks: HiddenCheck[] = [];
  for (const cell of snapshotNotebook(doc).cells) {
    const check = cell.type === "code" ? readCheck(cell.metadata) : null;
    if (!check) continue;
    checks.push({ cellId: cell.id, hidden: check.hidden, sourceHash: sourceHash(cell.source), points: checkPoints(check) });
    clearOutputs(doc, cell.id, SYSTEM);
    setCellMetadata(doc, cell.id, { ...cell.metadata, editable: false, deletable: false }, SYSTEM);
    if (check.hidden) {
      hiddenChecks.push({ cellId: cell.id, source: cell.source });
      setSource(doc, cell.id, "", SYSTEM);
    }
  }
  return { snapshot: Y.encodeStateAsUpdate(doc) as Uint8Array<ArrayBuffer>, checks, hiddenChecks };
}
