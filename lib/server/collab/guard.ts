/**
 * The schema guard: every update a peer sends is applied under watch, and one that leaves the
 * document outside the notebook layout (lib/notebook/schema.ts) or changes a locked cell without
 * the right is taken back before anyone else sees it.
 *
 * How: the update is applied to the room's document with garbage collection off, so that what it
 * deletes stays whole and an undo could restore it. The room holds back the update events
 * meanwhile (room.ts). If the transaction passes, the deleted content is collected as the
 * transaction would have done itself. If not, a Y.UndoManager tracking only that peer's origin is
 * handed the transaction and reverts it; the bad content, now deleted, is
 * collected; and what stands for the whole episode is `repair`: the document's structs since the
 * state before the update, which carry only tombstones of the bad items (their lengths and keys,
 * no content) plus the restored copies of anything it deleted. The others get that, and storage
 * stores it, so clocks stay contiguous and nothing of the bad content leaves the server.
 *
 * Cost: only what the transaction touched is checked (`transaction.changed`): a keystroke is one
 * Y.Text change, a lookup of its cell and a set lookup for its lock, whatever the notebook's size.
 * Measured on a 200-cell notebook, keystroke updates: about 6 µs each against 4.5 µs for a plain
 * apply. An undo manager made for every update (as this guard once did) took it to 12 µs; now
 * one is made only to revert.
 * A new or replaced cell is checked whole (its few fields; outputs item by item). Rejections are
 * rare and cost one encoding of the structs since the update (plus the document's delete set).
 *
 * Locks: nbformat's `editable: false` protects a cell's source, `deletable: false` its existence,
 * and either protects its metadata, type, id and attachments (which would unlock or hollow it).
 * Outputs, execution count, run record and position stay writable: a student runs and may move
 * the checks of their copy. Whether a cell was locked is read from the state before the update
 * (an index kept up to date after every transaction), so an update cannot unlock and edit at once.
 *
 * Gaps: the guard judges what a transaction integrated. Structs Yjs holds back for a missing
 * predecessor (schema.ts, "Gaps") are judged when they integrate, under the origin of the update
 * that completed them. Every peer syncs through this server, so that does not happen in practice;
 * a missing position or type (a gap) is allowed, since readers fall back.
 */
import * as Y from "yjs";
import { isEditable, isLocked } from "../../notebook/checks";
import { cellsMap, isCellType, metaMap, readCellMetadata } from "../../notebook/schema";

/** What a peer may do beyond writing: change the cells its notebook locks. */
export interface GuardRights {
  readonly editsLocked: boolean;
}

export type GuardOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: string;
      /** The update that stands for the rejected one and its revert (tombstones only), or null if nothing changed. */
      readonly repair: Uint8Array | null;
    };

/** A shared type as a transaction lists it. */
type SharedType = Y.Transaction["changed"] extends Map<infer T, unknown> ? T : never;

interface Lock {
  readonly editable: boolean;
  readonly deletable: boolean;
}

const CELL_FIELDS = new Set(["id", "type", "position", "source", "metadata", "attachments", "outputs", "executionCount", "execution"]);
/** Fields a locked cell keeps writable (running a check, moving it). */
const WRITABLE_WHEN_LOCKED = new Set(["position", "outputs", "executionCount", "execution"]);

export class UpdateGuard {
  /** Cells locked in the current state: id -> lock. */
  private readonly locks = new Map<string, Lock>();
  private guarding = false;
  private readonly refreshAfter = (tr: Y.Transaction) => {
    if (!this.guarding) this.refresh(tr);
  };

  constructor(private readonly doc: Y.Doc) {
    cellsMap(doc).forEach((_cell, id) => this.refreshCell(id));
    doc.on("afterTransaction", this.refreshAfter);
  }

  /** Applies `update` with `origin` (the peer) as the transaction origin, or reverts it. */
  apply(update: Uint8Array, origin: object, rights: GuardRights): GuardOutcome {
    let applied: Y.Transaction | null = null;
    const capture = (tr: Y.Transaction) => {
      if (tr.origin === origin) applied = tr;
    };
    this.doc.on("afterTransaction", capture);
    this.guarding = true;
    // Nothing the update deletes is collected until it is judged, so a revert can restore it.
    const gc = this.doc.gc;
    this.doc.gc = false;
    try {
      try {
        Y.applyUpdate(this.doc, update, origin);
      } finally {
        this.doc.gc = gc;
        this.doc.off("afterTransaction", capture);
      }
      const tr = applied as Y.Transaction | null;
      if (!tr) return { ok: true };
      const reason = this.check(tr, rights);
      const touched = [tr];
      let repair: Uint8Array | null = null;
      if (reason !== null) {
        const reverted = revert(this.doc, tr, origin);
        if (reverted) touched.push(reverted);
        repair = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(tr.beforeState));
      }
      // Collect what the transactions deleted, as they would have themselves.
      if (gc) for (const t of touched) Y.tryGc(t.deleteSet, this.doc.store, this.doc.gcFilter);
      for (const t of touched) this.refresh(t);
      return reason === null ? { ok: true } : { ok: false, reason, repair };
    } finally {
      this.guarding = false;
    }
  }

  /** Stops watching the document. */
  dispose(): void {
    this.doc.off("afterTransaction", this.refreshAfter);
  }

  /** Why the transaction leaves the document outside the layout or breaks a lock, or null. */
  check(tr: Y.Transaction, rights: GuardRights): string | null {
    const cells: unknown = cellsMap(this.doc);
    const meta: unknown = metaMap(this.doc);
    for (const [type, keys] of tr.changed) {
      if (type === cells) {
        for (const key of keys) {
          const reason = key === null ? "the cells map holds a list" : this.checkCellEntry(key, rights);
          if (reason) return reason;
        }
      } else if (type === meta) {
        for (const key of keys) {
          const reason = key === null ? "the meta map holds a list" : checkMetaField(metaMap(this.doc), key);
          if (reason) return reason;
        }
      } else if (type._item === null) {
        return `unknown root type ${JSON.stringify(Y.findRootTypeKey(type))}`;
      } else {
        const reason = this.checkNested(type, keys, rights);
        if (reason) return reason;
      }
    }
    return null;
  }

  private checkCellEntry(id: string, rights: GuardRights): string | null {
    const lock = this.locks.get(id);
    if (lock && !rights.editsLocked) return `cell ${id} is locked`;
    const cell = cellsMap(this.doc).get(id) as unknown;
    if (cell === undefined) return null; // deleted
    if (!(cell instanceof Y.Map)) return `cell ${id} is not a map`;
    for (const key of cell.keys()) {
      const reason = checkCellField(cell as Y.Map<unknown>, id, key);
      if (reason) return reason;
    }
    if (!(cell.get("source") instanceof Y.Text)) return `cell ${id} has no source text`;
    return null;
  }

  /** A change inside a cell: one of its fields, its source text or its outputs. */
  private checkNested(type: SharedType, keys: Set<string | null>, rights: GuardRights): string | null {
    const place = locate(this.doc, type);
    if (!place) return "a change outside the notebook layout";
    const lock = this.locks.get(place.id);
    if (place.field === null) {
      if (!(type instanceof Y.Map)) return `cell ${place.id} is not a map`;
      const cell = type as Y.Map<unknown>;
      for (const key of keys) {
        if (key === null) return `cell ${place.id} holds a list`;
        if (lock && !rights.editsLocked && !WRITABLE_WHEN_LOCKED.has(key)) return `cell ${place.id} is locked`;
        const reason = checkCellField(cell, place.id, key);
        if (reason) return reason;
      }
      return null;
    }
    if (place.field === "source") return lock && !lock.editable && !rights.editsLocked ? `cell ${place.id} is locked` : null;
    if (place.field === "outputs") return checkOutputs(type, place.id);
    return `a change inside field ${place.field} of cell ${place.id}`;
  }

  private refresh(tr: Y.Transaction): void {
    const cells: unknown = cellsMap(this.doc);
    for (const [type, keys] of tr.changed) {
      if (type === cells) {
        for (const key of keys) if (key !== null) this.refreshCell(key);
      } else {
        const item = type._item;
        if (item && item.parent === cells && keys.has("metadata") && typeof item.parentSub === "string") this.refreshCell(item.parentSub);
      }
    }
  }

  private refreshCell(id: string): void {
    const cell = cellsMap(this.doc).get(id) as unknown;
    const metadata = cell instanceof Y.Map ? readCellMetadata(cell as Y.Map<unknown>) : {};
    if (isLocked(metadata)) this.locks.set(id, { editable: isEditable(metadata), deletable: metadata.deletable !== false });
    else this.locks.delete(id);
  }
}

/**
 * Undoes the finished transaction `tr` (made by `origin`, with collection off) and returns the
 * transaction that did it. An undo manager made only now is handed `tr` as it would have seen it
 * live; it then keeps what `tr` deleted, which collection-off left in place.
 */
function revert(doc: Y.Doc, tr: Y.Transaction, origin: object): Y.Transaction | null {
  const undo = new Y.UndoManager(doc, { trackedOrigins: new Set([origin]), captureTimeout: 0 });
  try {
    undo.afterTransactionHandler(tr);
    const reverted = captureNext(doc, () => undo.undo());
    // Let go of what the undo manager kept, so that it can be collected.
    undo.clear();
    return reverted;
  } finally {
    undo.destroy();
  }
}

/** Runs `fn` and returns the transaction it made on `doc`, if any. */
function captureNext(doc: Y.Doc, fn: () => void): Y.Transaction | null {
  let made: Y.Transaction | null = null;
  const capture = (tr: Y.Transaction) => {
    made ??= tr;
  };
  doc.on("afterTransaction", capture);
  try {
    fn();
  } finally {
    doc.off("afterTransaction", capture);
  }
  return made;
}

/** Where a nested type sits: a cell map itself (field null), or a field of one. */
function locate(doc: Y.Doc, type: SharedType): { id: string; field: string | null } | null {
  const cells: unknown = cellsMap(doc);
  const item = type._item;
  if (!item || typeof item.parentSub !== "string") return null;
  if (item.parent === cells) return { id: item.parentSub, field: null };
  const parent = item.parent as SharedType;
  const cellItem = parent._item;
  if (!cellItem || cellItem.parent !== cells || typeof cellItem.parentSub !== "string") return null;
  return { id: cellItem.parentSub, field: item.parentSub };
}

function checkCellField(cell: Y.Map<unknown>, id: string, key: string): string | null {
  if (!CELL_FIELDS.has(key)) return `cell ${id} has an unknown field ${JSON.stringify(key)}`;
  if (!cell.has(key)) return key === "source" ? `cell ${id} lost its source text` : null;
  const value = cell.get(key);
  const bad = (what: string) => `cell ${id}: ${key} must be ${what}`;
  switch (key) {
    case "id":
      return value === id ? null : bad("the cell's key");
    case "type":
      return isCellType(value) ? null : bad("code, markdown or raw");
    case "position":
      return typeof value === "string" ? null : bad("a string");
    case "source":
      return value instanceof Y.Text ? null : bad("a Y.Text");
    case "executionCount":
      return value === null || typeof value === "number" ? null : bad("a number or null");
    case "outputs":
      return value instanceof Y.Array ? checkOutputs(value, id) : bad("a Y.Array");
    default: // metadata, attachments, execution
      return isPlainObject(value) ? null : bad("a plain object");
  }
}

function checkOutputs(outputs: unknown, id: string): string | null {
  if (!(outputs instanceof Y.Array)) return `cell ${id}: outputs must be a Y.Array`;
  for (const output of outputs.toArray()) if (!isPlainObject(output)) return `cell ${id}: every output must be a plain object`;
  return null;
}

function checkMetaField(meta: Y.Map<unknown>, key: string): string | null {
  if (!meta.has(key)) return null;
  const value = meta.get(key);
  // The layout version is the server's to write (create, upgrade.ts): a peer that changed it could
  // make the notebook unservable (a newer layout is refused at load) or skip an upgrade.
  if (key === "schemaVersion") return `the layout version is the server's to set (a peer wrote ${JSON.stringify(value)})`;
  if (key === "metadata") return isPlainObject(value) ? null : "notebook metadata must be a plain object";
  return `meta has an unknown field ${JSON.stringify(key)}`;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Y.AbstractType);
}
