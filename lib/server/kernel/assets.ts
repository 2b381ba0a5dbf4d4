/**
 * The kernel's static files, generated into public/ (gitignored) where Next serves them as is:
 *
 *   public/pyodide/   Pyodide's runtime, copied from node_modules/pyodide: the files loadPyodide
 *                     fetches in a browser (pyodide.mjs imports pyodide.asm.mjs, which fetches
 *                     pyodide.asm.wasm; then python_stdlib.zip and pyodide-lock.json).
 *   public/kernel/    worker.js, lib/kernel/worker/entry.ts bundled by esbuild as a classic
 *                     script (the kernel frame runs it from a blob: URL); frame.js, the frame's
 *                     own script (lib/kernel/frame-host.ts); snapshots/, Python's prebuilt
 *                     start-up snapshot (snapshot.ts).
 *
 * Each step writes only what changed, so running this on every `npm start` / `npm run dev` costs
 * a few milliseconds and does not wake file watchers. Synchronous on purpose: callers run it before
 * anything else. `watchKernelWorker` rebuilds the worker on change, for development.
 *
 * Callers: server.ts (development), scripts/build-if-needed.ts (`npm start`, the e2e build) and
 * scripts/kernel-assets-cli.ts. Runs under plain Node (tsx), outside Next: no "server-only" here
 * (docs/adr/0002-import-boundaries.md).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

import { buildSync, context, type BuildOptions } from "esbuild";

import { ensureKernelSnapshot } from "./snapshot";

/** The files of node_modules/pyodide a browser fetches (the .map only when devtools are open). */
export const PYODIDE_RUNTIME_FILES = [
  "pyodide.mjs",
  "pyodide.mjs.map",
  "pyodide.asm.mjs",
  "pyodide.asm.wasm",
  "python_stdlib.zip",
  "pyodide-lock.json",
] as const;

export const WORKER_ENTRY = "lib/kernel/worker/entry.ts";
export const FRAME_ENTRY = "lib/kernel/frame-host.ts";

function sameContents(a: string, b: string): boolean {
  if (!existsSync(b) || statSync(a).size !== statSync(b).size) return false;
  return readFileSync(a).equals(readFileSync(b));
}

/** Copies Pyodide's runtime into public/pyodide/. Returns the files it (re)wrote. */
export function copyPyodideRuntime(root: string): string[] {
  const source = dirname(createRequire(join(root, "package.json")).resolve("pyodide/package.json"));
  const target = join(root, "public", "pyodide");
  mkdirSync(target, { recursive: true });
  const written: string[] = [];
  for (const file of PYODIDE_RUNTIME_FILES) {
    const from = join(source, file);
    if (!existsSync(from)) {
      throw new Error(`node_modules/pyodide has no ${file}: is the pyodide package installed, and at the version package.json names?`);
    }
    const to = join(target, file);
    if (sameContents(from, to)) continue;
    copyFileSync(from, to);
    written.push(file);
  }
  return written;
}

function workerBuildOptions(root: string): BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: [
      { in: WORKER_ENTRY, out: "worker" },
      { in: FRAME_ENTRY, out: "frame" },
    ],
    outdir: "public/kernel",
    bundle: true,
    // Classic scripts: the frame runs the worker from a blob: URL, where module workers cannot start.
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    sourcemap: "linked",
    // `import type` from "pyodide" is erased; nothing of Pyodide may end up in the bundle.
    external: ["pyodide"],
    logLevel: "warning",
  };
}

/** Bundles the worker and the frame's script into public/kernel/ (with their maps). Returns the files it rewrote. */
export function buildKernelWorker(root: string): string[] {
  const result = buildSync({ ...workerBuildOptions(root), write: false });
  const written: string[] = [];
  for (const file of result.outputFiles) {
    if (existsSync(file.path) && readFileSync(file.path).equals(file.contents)) continue;
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.contents);
    written.push(file.path);
  }
  return written;
}

/** All three steps. Throws when one fails (esbuild's errors are printed first). */
export function prepareKernelAssets(root: string): void {
  copyPyodideRuntime(root);
  buildKernelWorker(root);
  ensureKernelSnapshot(root);
}

/** Development: rebuilds public/kernel/worker.js and frame.js whenever their sources change. Returns a stop function. */
export async function watchKernelWorker(root: string): Promise<() => Promise<void>> {
  const ctx = await context(workerBuildOptions(root));
  await ctx.watch();
  return () => ctx.dispose();
}
