/**
 * The local spool: where a notebook's state goes when the server stops while storage is down, so
 * that an update the server accepted is never dropped. One file per notebook under the spool
 * folder (data/spool/ by default), holding one Yjs update; written to a temporary name and renamed,
 * so a crash mid-write leaves the old file or the new one, never half of one. A second write for
 * the same notebook merges with the first (Yjs updates are idempotent and commute).
 *
 * At boot (boot.ts), before the server listens, every file is appended to its notebook's log and
 * then removed; one that cannot be appended is kept for the next boot, unless its notebook no
 * longer exists (deleted meanwhile), when there is nowhere to put it.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as Y from "yjs";
import type { CollabStorage } from "./storage";

const SUFFIX = ".yupdate";

/** The spool folder of a Tandem checkout (next to the default SQLite database). */
export function spoolDirOf(root: string): string {
  return path.join(root, "data", "spool");
}

/** The file for a notebook: its id, encoded so any id is one safe file name. */
function fileFor(dir: string, notebookId: string): string {
  return path.join(dir, `${encodeURIComponent(notebookId)}${SUFFIX}`);
}

/** Writes (or merges into) the notebook's spool file, atomically. */
export function writeSpool(dir: string, notebookId: string, update: Uint8Array): void {
  mkdirSync(dir, { recursive: true });
  const file = fileFor(dir, notebookId);
  let bytes = update;
  try {
    bytes = Y.mergeUpdates([new Uint8Array(readFileSync(file)), update]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes, { flush: true });
  renameSync(temporary, file);
}

export interface SpoolReplay {
  replayed: string[];
  /** Notebooks that no longer exist: their files were removed. */
  dropped: string[];
  /** Notebooks whose file could not be appended (kept for the next boot), with why. */
  failed: Array<{ notebookId: string; error: unknown }>;
}

/** Appends every spooled update to its notebook's log and removes the file once stored. */
export async function replaySpool(dir: string, storage: Pick<CollabStorage, "append" | "load">): Promise<SpoolReplay> {
  const result: SpoolReplay = { replayed: [], dropped: [], failed: [] };
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return result;
    throw error;
  }
  for (const name of names.sort()) {
    const file = path.join(dir, name);
    // A temporary file is a write the crash cut short; its notebook's last full file is kept.
    if (!name.endsWith(SUFFIX)) {
      if (name.endsWith(".tmp")) rmSync(file, { force: true });
      continue;
    }
    const notebookId = decodeURIComponent(name.slice(0, -SUFFIX.length));
    try {
      await storage.append(notebookId, [new Uint8Array(readFileSync(file))]);
      rmSync(file);
      result.replayed.push(notebookId);
    } catch (error) {
      if ((await storage.load(notebookId).catch(() => undefined)) === null) {
        rmSync(file);
        result.dropped.push(notebookId);
      } else {
        result.failed.push({ notebookId, error });
      }
    }
  }
  return result;
}
