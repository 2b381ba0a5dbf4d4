/**
 * Start-up snapshots: the kernel's second start in a browser skips Python's own start-up.
 *
 * The app serves a snapshot made when it was built (lib/server/kernel/snapshot.ts, in Node), so even
 * a first visit restores rather than boots, when the connection is not slow (snapshot-cache.ts);
 * environment.ts then re-reads what the snapshot holds of the machine it was made on. Without
 * it, the first time, Pyodide is loaded in its snapshot-making mode, Tandem's helper modules are
 * imported (pure Python: no bridge, no user code, so nothing personal is in it), and Pyodide's
 * memory is copied out (about 30 MB) and handed to the page before the kernel says it is ready. Later starts hand it to
 * loadPyodide, which still compiles the wasm and mounts the standard library but restores the
 * interpreter instead of booting it: about ten times faster in Node (BENCHMARKS.md has the
 * browser's figures). A prebuilt snapshot is kept in the store the same way after it restored.
 *
 * Pyodide's snapshot API is private (`_makeSnapshot`, `makeMemorySnapshot`, `_loadSnapshot`), so
 * every step degrades to a plain start: no store, a store that fails, a snapshot that will not
 * restore (it is then discarded), or a Pyodide that cannot make one. The store's key names the
 * Pyodide version and the helpers' hash (python.ts: HELPERS_VERSION), and Pyodide itself refuses a
 * snapshot of another build.
 */
import type { PyodideAPI } from "pyodide";

import type { KernelStart } from "../protocol";
import type { SnapshotStore } from "../snapshot-cache";

/** Where a snapshot comes from: this browser's own copy, or the one the app serves (prebuilt). */
export type SnapshotSource = "stored" | "prebuilt";

/**
 * Where one snapshot is kept: the page's Cache Storage, reached over the port (page-host.ts), or
 * a file in the tests. `find` offers the bytes still being read: Pyodide awaits them only once its
 * wasm is compiled, so the read (or download) overlaps the compile.
 */
export type { SnapshotStore };

/** The snapshot options of loadPyodide (private in Pyodide 314, hence spelled out here). */
export interface SnapshotLoadOptions {
  readonly _makeSnapshot?: boolean;
  readonly _loadSnapshot?: PromiseLike<Uint8Array>;
}

export interface Booted {
  readonly pyodide: PyodideAPI;
  /** "restored" from this browser's snapshot, "prebuilt" from the app's, or a "fresh" start (which may have made one). */
  readonly start: KernelStart;
  /** A snapshot to store once the kernel is ready (a new one, or the prebuilt one), or null. */
  readonly snapshot: Uint8Array | null;
}

function warn(what: string, error: unknown): void {
  console.warn(`Tandem kernel: ${what}; starting Python without it.`, error);
}

/**
 * Loads Pyodide, from the store's snapshot when there is a good one, and runs `prepare` on it
 * (both ways: a snapshot holds memory, not files, so `prepare` must rewrite what it put in the
 * file system). On a fresh start with a store, the snapshot is taken right after `prepare`.
 */
export async function bootPyodide(
  load: (snapshot: SnapshotLoadOptions) => Promise<PyodideAPI>,
  store: SnapshotStore | null,
  prepare: (pyodide: PyodideAPI) => void,
): Promise<Booted> {
  const found = store === null ? null : await store.find().catch((error: unknown) => (warn("could not look up the start-up snapshot", error), null));
  if (store !== null && found !== null) {
    try {
      const pyodide = await load({ _loadSnapshot: found.bytes });
      prepare(pyodide);
      // The app's snapshot is kept like one made here, so the next start needs no download.
      return found.source === "stored" ? { pyodide, start: "restored", snapshot: null } : { pyodide, start: "prebuilt", snapshot: await found.bytes };
    } catch (error) {
      warn(found.source === "stored" ? "the start-up snapshot did not restore" : "the app's start-up snapshot did not restore", error);
      if (found.source === "stored") await store.discard().catch(() => undefined);
    }
  }
  const pyodide = await load(store === null ? {} : { _makeSnapshot: true });
  prepare(pyodide);
  let snapshot: Uint8Array | null = null;
  if (store !== null) {
    try {
      snapshot = pyodide.makeMemorySnapshot();
    } catch (error) {
      console.warn("Tandem kernel: could not make a start-up snapshot.", error);
    }
  }
  return { pyodide, start: "fresh", snapshot };
}

/**
 * Hands a snapshot to the store, before the kernel says it is ready: the page keeps one only while
 * the worker boots, before any cell code could forge it (lib/protocol/kernel-frame.ts). The store writes it a
 * little later (host-services.ts: SNAPSHOT_SAVE_DELAY_MS), so the first run never waits for it.
 * A full disk or a private window only costs the speed-up.
 */
export function keepSnapshot(store: SnapshotStore | null, snapshot: Uint8Array | null): void {
  if (store === null || snapshot === null) return;
  store.save(snapshot).catch((error: unknown) => console.warn("Tandem kernel: could not store the start-up snapshot.", error));
}
