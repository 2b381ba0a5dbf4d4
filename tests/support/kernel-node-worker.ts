/**
 * The kernel core in a Node worker thread, wired the way lib/kernel/worker/entry.ts wires it in the
 * browser: parentPort messages go to `core.handle`, posts go back to parentPort, and Pyodide comes
 * from the npm package (its Node build). A separate thread matters: the test's main thread must
 * stay free to write into the shared interrupt and input buffers while Python blocks this one.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";

import { loadPyodide } from "pyodide";

import type { PageToKernel } from "../../lib/kernel/protocol";
import { createKernelCore } from "../../lib/kernel/worker/core";
import type { SnapshotStore } from "../../lib/kernel/worker/snapshot";

const port = parentPort;
if (port === null) throw new Error("kernel-node-worker.ts must run in a worker thread");

// Under Node, Pyodide caches downloaded packages in packageCacheDir, which defaults to the package
// base URL itself; give it a scratch directory instead, one per kernel: a test that builds its own
// package source must see its downloads happen, not a wheel cached by an earlier run.
const packageCacheDir = mkdtempSync(path.join(tmpdir(), "tandem-kernel-test-packages-"));

/**
 * The browser keeps its snapshot in Cache Storage; here a file stands in, written atomically. A
 * second file stands in for the app's prebuilt snapshot, offered when the first is missing.
 */
function fileSnapshots(file: string, prebuiltFile: string | null): SnapshotStore {
  return {
    async find() {
      if (existsSync(file)) return { bytes: readFile(file), source: "stored" };
      return prebuiltFile !== null && existsSync(prebuiltFile) ? { bytes: readFile(prebuiltFile), source: "prebuilt" } : null;
    },
    async save(bytes) {
      await writeFile(`${file}.partial`, bytes);
      await rename(`${file}.partial`, file);
    },
    async discard() {
      await rm(file, { force: true });
    },
  };
}

const { snapshotFile, prebuiltFile, lang } = workerData as { snapshotFile: string | null; prebuiltFile: string | null; lang: string | null };

const core = createKernelCore({
  loadPyodide: (options) => loadPyodide({ ...options, packageCacheDir }),
  post: (message) => port.postMessage(message),
  snapshots: async () => (snapshotFile === null ? null : fileSnapshots(snapshotFile, prebuiltFile)),
  lang,
});

port.on("message", (message: PageToKernel) => {
  core.handle(message).catch((error: unknown) => {
    // A protocol misuse by the test: surface it on the thread's error event.
    setTimeout(() => {
      throw error;
    });
  });
});
