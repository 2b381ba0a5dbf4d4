/**
 * Starting Python before the app's JavaScript has loaded. Pyodide takes seconds to start, and the
 * notebook page would otherwise create its worker only after its scripts downloaded, hydrated and
 * opened the notebook session. So the page's HTML carries a small inline script (earlyKernelScript)
 * that creates the worker and posts `init` while the rest of the page is still arriving; the
 * kernel client adopts it (takeEarlyKernel) with the messages it has sent so far.
 *
 * The script is generated from the protocol's own constants, so it cannot drift from them.
 */
import { INPUT_BUFFER_BYTES, KERNEL_PROTOCOL_VERSION } from "./protocol";

/** Where the app serves the worker bundle and Pyodide's files (scripts/kernel-assets.ts). */
export const KERNEL_WORKER_URL = "/kernel/worker.js";
export const PYODIDE_INDEX_URL = "/pyodide/";
export const WORKER_NAME = "Tandem Python";

const GLOBAL = "__tandemEarlyKernel";

/** What the inline script leaves for the client. */
export interface EarlyKernel {
  readonly worker: Worker;
  readonly interruptBuffer: SharedArrayBuffer | null;
  readonly inputBuffer: SharedArrayBuffer | null;
  readonly packageBaseUrl: string | null;
  /** Messages the worker sent before the client took it. */
  readonly early: unknown[];
}

/** A JSON literal that is safe inside an inline <script> (no "</script>" can appear). */
function scriptLiteral(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/** The inline script's source. */
export function earlyKernelScript(packageBaseUrl: string | null): string {
  return `(() => {
  if (typeof Worker === "undefined") return;
  const shared = self.crossOriginIsolated === true && typeof SharedArrayBuffer !== "undefined";
  const interruptBuffer = shared ? new SharedArrayBuffer(4) : null;
  const inputBuffer = shared ? new SharedArrayBuffer(${INPUT_BUFFER_BYTES}) : null;
  const packageBaseUrl = ${scriptLiteral(packageBaseUrl)};
  const worker = new Worker(${scriptLiteral(KERNEL_WORKER_URL)}, { type: "module", name: ${scriptLiteral(WORKER_NAME)} });
  const early = [];
  worker.onmessage = (event) => early.push(event.data);
  worker.postMessage({ type: "init", version: ${KERNEL_PROTOCOL_VERSION}, indexURL: ${scriptLiteral(PYODIDE_INDEX_URL)}, interruptBuffer, inputBuffer, packageBaseUrl });
  self.${GLOBAL} = { worker, interruptBuffer, inputBuffer, packageBaseUrl, early };
})();`;
}

/** The worker the inline script started, once: later callers (a restart) get null. */
export function takeEarlyKernel(): EarlyKernel | null {
  const holder = globalThis as unknown as Record<string, EarlyKernel | undefined>;
  const early = holder[GLOBAL] ?? null;
  delete holder[GLOBAL];
  return early;
}
