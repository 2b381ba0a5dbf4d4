/**
 * `node --import tsx scripts/kernel-assets-cli.ts [--watch]`: writes Pyodide's runtime into
 * public/pyodide/ and the bundled kernel worker into public/kernel/ (see kernel-assets.ts). With
 * --watch it keeps rebuilding the worker as lib/kernel changes, until Ctrl-C.
 */
import { buildKernelWorker, copyPyodideRuntime, watchKernelWorker } from "./kernel-assets";

const root = process.cwd();
const copied = copyPyodideRuntime(root);
const built = buildKernelWorker(root);
console.log(
  `Kernel assets: ${copied.length ? `copied ${copied.join(", ")}` : "Pyodide runtime up to date"}; ` +
    `${built.length ? "worker rebuilt" : "worker up to date"}.`,
);
if (process.argv.includes("--watch")) {
  const stop = await watchKernelWorker(root);
  console.log("Watching lib/kernel for changes (Ctrl-C to stop)…");
  process.once("SIGINT", () => void stop().then(() => process.exit(0)));
}
