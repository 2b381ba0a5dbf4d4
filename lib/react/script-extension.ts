/**
 * The extension of a notebook's script download (.py, .R, .jl...: jupytext's choice, from the
 * notebook's kernelspec and language_info; lib/notebook/nbformat/script-languages.ts), for the
 * Download menu. The menu sits in the page's header, which the server renders without the
 * document; the live view, which holds it, says the extension here by notebook id, and the menu
 * reads it (".py" until the document has loaded, as for a notebook that names no language).
 */
import { useEffect, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { scriptExtension } from "../notebook/nbformat/script-languages";
import { notebookSnapshotStore } from "./use-notebook";

const DEFAULT = ".py";
const known = new Map<string, string>();
const listeners = new Set<() => void>();

/** The script extension said for `notebookId`, or ".py". */
export function scriptExtensionFor(notebookId: string): string {
  return known.get(notebookId) ?? DEFAULT;
}

/** Says `extension` for `notebookId` (null: forgets it); tells the readers when it changed. */
export function sayScriptExtension(notebookId: string, extension: string | null): void {
  if (known.get(notebookId) === (extension ?? undefined)) return;
  if (extension === null) known.delete(notebookId);
  else known.set(notebookId, extension);
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The notebook's script extension, for the Download menu. */
export function useScriptExtension(notebookId: string): string {
  return useSyncExternalStore(
    subscribe,
    () => scriptExtensionFor(notebookId),
    () => DEFAULT,
  );
}

/** Keeps the notebook's script extension said while `doc` (its live document) is mounted. */
export function useSayScriptExtension(notebookId: string, doc: Y.Doc): void {
  const store = notebookSnapshotStore(doc);
  const extension = useSyncExternalStore(
    store.subscribe,
    () => scriptExtension(store.get().metadata),
    () => DEFAULT,
  );
  useEffect(() => {
    sayScriptExtension(notebookId, extension);
    return () => sayScriptExtension(notebookId, null);
  }, [notebookId, extension]);
}
