/**
 * The React side of the notebook model: the only place components meet Yjs. Components get plain
 * snapshots that change identity only when the document changes, and write through commands.
 */
import { useEffect, useState, useSyncExternalStore } from "react";
import * as Y from "yjs";
import { snapshotNotebook, type NotebookSnapshot } from "../notebook/selectors";
import { fromBase64 } from "../util/base64";

/** A document built once from stored state (base64 of a Yjs update), destroyed on unmount. */
export function useStoredDocument(stateBase64: string): Y.Doc {
  const [doc] = useState(() => {
    const d = new Y.Doc();
    Y.applyUpdate(d, fromBase64(stateBase64));
    return d;
  });
  useEffect(() => () => doc.destroy(), [doc]);
  return doc;
}

interface SnapshotStore {
  subscribe(onChange: () => void): () => void;
  get(): NotebookSnapshot;
}

const stores = new WeakMap<Y.Doc, SnapshotStore>();

function storeFor(doc: Y.Doc): SnapshotStore {
  let store = stores.get(doc);
  if (store) return store;
  let current: NotebookSnapshot | null = null;
  store = {
    subscribe(onChange) {
      const handler = () => {
        current = null;
        onChange();
      };
      doc.on("update", handler);
      return () => doc.off("update", handler);
    },
    get() {
      current ??= snapshotNotebook(doc);
      return current;
    },
  };
  stores.set(doc, store);
  return store;
}

/** The notebook's current snapshot; re-renders when the document changes. */
export function useNotebookSnapshot(doc: Y.Doc): NotebookSnapshot {
  const store = storeFor(doc);
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
