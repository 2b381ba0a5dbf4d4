/**
 * The kernel core in a Node worker thread, wired the way lib/kernel/worker/entry.ts wires it in the
 * browser: parentPort messages go to `core.handle`, posts go back to parentPort, and Pyodide comes
 * from the npm package (its Node build). A separate thread matters: the test's main thread must
 * stay free to write into the shared interrupt and input buffers while Python blocks this one.
 */
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parentPort } from "node:worker_threads";

import { loadPyodide } from "pyodide";

import type { PageToKernel } from "../../lib/kernel/protocol";
import { createKernelCore } from "../../lib/kernel/worker/core";

const port = parentPort;
if (port === null) throw new Error("kernel-node-worker.ts must run in a worker thread");

// Under Node, Pyodide caches downloaded packages in packageCacheDir, which defaults to the package
// base URL itself; give it a scratch directory instead (shared by runs: it only ever holds wheels).
const packageCacheDir = path.join(tmpdir(), "tandem-kernel-test-packages");
mkdirSync(packageCacheDir, { recursive: true });

const core = createKernelCore({
  loadPyodide: (options) => loadPyodide({ ...options, packageCacheDir }),
  post: (message) => port.postMessage(message),
});

port.on("message", (message: PageToKernel) => {
  core.handle(message).catch((error: unknown) => {
    // A protocol misuse by the test: surface it on the thread's error event.
    setTimeout(() => {
      throw error;
    });
  });
});
