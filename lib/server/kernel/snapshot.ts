/**
 * The app's prebuilt start-up snapshot: Python booted once, at build time, in Node, with Tandem's
 * helpers imported, and its memory written to public/kernel/snapshots/<key>.snapshot (and a
 * brotli copy, which server.ts serves to browsers that take it: ~5 MB for ~31 MB). A first visit
 * then restores Python instead of booting it (lib/kernel/worker/snapshot.ts); BENCHMARKS.md has
 * the figures.
 *
 * What a snapshot holds of its maker's machine is made neutral here (the program name Node gives
 * Emscripten, a UTC time zone) and re-read in the browser after every restore
 * (lib/kernel/worker/environment.ts: time zone, locale). The key names the Pyodide version and
 * the helpers' hash, so the file is made again only when either changes; making it takes a few
 * seconds, in a child process, because Pyodide loads asynchronously and the callers are not.
 *
 *   node --import tsx lib/server/kernel/snapshot.ts <file>   makes one snapshot into <file>
 *
 * (ensureKernelSnapshot runs this very module that way, as its child.)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";

import { snapshotKey, snapshotPath } from "../../kernel/worker/snapshot-key";

/** Where the prebuilt snapshot for the installed Pyodide and the current helpers goes. */
export function kernelSnapshotFile(root: string): string {
  const pkg = createRequire(join(root, "package.json"))("pyodide/package.json") as { version: string };
  return join(root, "public", decodeURIComponent(snapshotPath(snapshotKey(pkg.version))));
}

/**
 * Makes the prebuilt snapshot when it is missing, and removes older ones. Returns whether it made
 * one. A failure is a warning, not an error: the app works without it, only a first visit is slower.
 */
export function ensureKernelSnapshot(root: string): boolean {
  const file = kernelSnapshotFile(root);
  const dir = dirname(file);
  const made = !(existsSync(file) && existsSync(`${file}.br`));
  if (made) {
    console.log("Preparing Python's start-up snapshot…");
    const result = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), file], {
      cwd: root,
      stdio: "inherit",
      // The zone is re-read in the browser; UTC keeps the build machine's out of the file.
      env: { ...process.env, TZ: "UTC" },
    });
    if (result.status !== 0) {
      // Not fatal: without it, browsers boot Python (slower) and keep a snapshot of their own.
      console.warn(`Warning: making Python's start-up snapshot failed (exit ${result.status}; see above). Browsers will boot Python instead.`);
      return false;
    }
  }
  for (const other of readdirSync(dir)) {
    if (other !== basename(file) && other !== `${basename(file)}.br`) rmSync(join(dir, other), { force: true });
  }
  return made;
}

function writeAtomically(file: string, bytes: Uint8Array): void {
  writeFileSync(`${file}.partial`, bytes);
  renameSync(`${file}.partial`, file);
}

async function makeSnapshot(file: string): Promise<void> {
  const { loadPyodide } = await import("pyodide");
  const { prepareInterpreter } = await import("../../kernel/worker/interpreter");
  // `_` is the program name; Node would give Emscripten this script's path, a browser "./this.program".
  const options = { _makeSnapshot: true, env: { _: "./this.program" } };
  const pyodide = await loadPyodide(options as Parameters<typeof loadPyodide>[0]);
  prepareInterpreter(pyodide);
  pyodide.runPython('import sys\nsys.orig_argv = ["./this.program"]\nsys.executable = ""');
  const bytes = pyodide.makeMemorySnapshot();
  mkdirSync(dirname(file), { recursive: true });
  const compressed = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } });
  writeAtomically(file, bytes);
  writeAtomically(`${file}.br`, compressed);
  console.log(`Python's start-up snapshot: ${(bytes.byteLength / 1e6).toFixed(1)} MB, ${(compressed.byteLength / 1e6).toFixed(1)} MB compressed`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) throw new Error("usage: node --import tsx lib/server/kernel/snapshot.ts <file>");
  await makeSnapshot(file);
  // Pyodide keeps timers alive in Node; the snapshot is written.
  process.exit(0);
}

