/**
 * `node --import tsx scripts/kernel-assets-cli.ts [--watch]`: writes Pyodide's runtime into
 * public/pyodide/, the bundled kernel worker and Python's prebuilt start-up snapshot into
 * public/kernel/ (see lib/server/kernel/assets.ts). With --watch it keeps rebuilding the worker as lib/kernel
 * changes, until Ctrl-C (a worker whose helpers changed finds no prebuilt snapshot and boots).
 */
import { buildKernelWorker, copyPyodideRuntime, watchKernelWorker } from "../lib/server/kernel/assets";
import { ensureKernelSnapshot } from "../lib/server/kernel/snapshot";

const root = process.cwd();
const copied = copyPyodideRuntime(root);
const built = buildKernelWorker(root);
const snapshot = ensureKernelSnapshot(root);
console.log(
  `Kernel assets: ${copied.length ? `copied ${copied.join(", ")}` : "Pyodide runtime up to date"}; ` +
    `${built.length ? "worker rebuilt" : "worker up to date"}; ` +
    `${snapshot ? "start-up snapshot made" : "start-up snapshot up to date"}.`,
);
if (process.argv.includes("--watch")) {
  const stop = await watchKernelWorker(root);
  console.log("Watching lib/kernel for changes (Ctrl-C to stop)…");
  process.once("SIGINT", () => void stop().then(() => process.exit(0)));
}
