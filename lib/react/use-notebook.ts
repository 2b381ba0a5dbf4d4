/**
 * The React side of the notebook model: the only place components meet Yjs. Components get plain
 * snapshots that change identity only when the document changes, and write through commands.
 *
 * Snapshots are shared structurally: after a change, only the cells the change touched get new
 * snapshot objects, so memoized cell components re-render only for their own cell. Typing in one
 * cell of a 500-cell notebook re-reads one cell, not 500.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import * as Y from "yjs";
import type { CellId } from "../notebook/ids";
import { LOAD } from "../notebook/origins";
import { cellsMap, metaMap, readCellId, readNotebookMetadata } from "../notebook/schema";
import { orderedCellMaps, snapshotCell, type CellSnapshot, type NotebookSnapshot } from "../notebook/selectors";

/** A document built once from stored state (a Yjs update), destroyed on unmount. */
export function useStoredDocument(state: Uint8Array): Y.Doc {
  const [doc] = useState(() => {
    const d = new Y.Doc();
    Y.applyUpdate(d, state, LOAD);
    return d;
  });
  useEffect(() => () => doc.destroy(), [doc]);
  return doc;
}

export interface SnapshotStore {
  subscribe(onChange: () => void): () => void;
  get(): NotebookSnapshot;
  /** The cell ids in order: the same array until a cell is added, removed or moved. */
  ids(): readonly CellId[];
  /** One cell's snapshot (undefined once it is gone): the same object until that cell changes. */
  cell(id: CellId): CellSnapshot | undefined;
}

const stores = new WeakMap<Y.Doc, SnapshotStore>();

/** The snapshot store of `doc` (one per document, shared by every hook on it). */
export function notebookSnapshotStore(doc: Y.Doc): SnapshotStore {
  const existing = stores.get(doc);
  if (existing) return existing;

  const cells = cellsMap(doc);
  const meta = metaMap(doc);
  const cache = new Map<string, { map: unknown; snapshot: CellSnapshot }>();
  /** Cells whose cached snapshot is stale; null: all of them (nobody was listening). */
  let dirty: Set<string> | null = null;
  let current: NotebookSnapshot | null = null;
  const listeners = new Set<() => void>();
  let lastCells: readonly CellSnapshot[] | null = null;
  let lastIds: readonly CellId[] = [];

  const onCells = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const event of events) {
      if (event instanceof Y.YMapEvent && event.target === cells) {
        event.keysChanged.forEach((key) => dirty?.add(key));
      } else {
        // The cells map is keyed by cell id (schema.ts): the first step of the path names the cell.
        const key = event.path[0];
        if (typeof key === "string") dirty?.add(key);
      }
    }
    changed();
  };
  const onMeta = () => changed();
  const changed = () => {
    current = null;
    [...listeners].forEach((fn) => fn());
  };

  const store: SnapshotStore = {
    subscribe(onChange) {
      if (listeners.size === 0) {
        cells.observeDeep(onCells);
        meta.observe(onMeta);
        dirty = null; // Missed changes while nobody listened: re-read everything once.
        current = null;
      }
      listeners.add(onChange);
      return () => {
        listeners.delete(onChange);
        if (listeners.size === 0) {
          cells.unobserveDeep(onCells);
          meta.unobserve(onMeta);
        }
      };
    },
    get() {
      if (current) return current;
      const stale = dirty;
      const seen = new Set<string>();
      const list = orderedCellMaps(doc).map((map) => {
        const id = readCellId(map);
        seen.add(id);
        const hit = cache.get(id);
        if (hit && hit.map === map && stale !== null && !stale.has(id)) return hit.snapshot;
        const snapshot = snapshotCell(map);
        cache.set(id, { map, snapshot });
        return snapshot;
      });
      for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
      // Same cells in the same order (say, only notebook metadata changed): keep the array too.
      const previous = lastCells;
      const same = previous !== null && previous.length === list.length && previous.every((c, i) => c === list[i]);
      const cellsOut = same ? previous : list;
      lastCells = cellsOut;
      const ids = cellsOut.map((c) => c.id);
      if (ids.length !== lastIds.length || ids.some((id, i) => id !== lastIds[i])) lastIds = ids;
      dirty = new Set();
      current = { metadata: readNotebookMetadata(doc), cells: cellsOut };
      return current;
    },
    ids() {
      store.get();
      return lastIds;
    },
    cell(id) {
      store.get();
      return cache.get(id)?.snapshot;
    },
  };
  stores.set(doc, store);
  return store;
}

/** The cell ids in order; re-renders only when cells are added, removed or moved. */
export function useCellIds(doc: Y.Doc): readonly CellId[] {
  const store = notebookSnapshotStore(doc);
  return useSyncExternalStore(store.subscribe, store.ids, store.ids);
}

/** One cell's snapshot; re-renders only when that cell changes. */
export function useCellSnapshot(doc: Y.Doc, id: CellId): CellSnapshot | undefined {
  const store = notebookSnapshotStore(doc);
  const get = useCallback(() => store.cell(id), [store, id]);
  return useSyncExternalStore(store.subscribe, get, get);
}

/** The notebook's current snapshot; re-renders when the document changes. */
export function useNotebookSnapshot(doc: Y.Doc): NotebookSnapshot {
  const store = notebookSnapshotStore(doc);
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
