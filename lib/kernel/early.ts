/**
 * Starting Python as early as the page allows. Pyodide takes seconds to start, and the notebook
 * page would otherwise create its worker only once its notebook session had opened. So the page's
 * HTML carries a small inline script (earlyKernelScript) that creates the worker and posts `init`
 * when the page's own scripts have loaded (not before: on two cores, compiling Pyodide alongside
 * them delays the moment the notebook takes typing); the kernel client adopts it
 * (takeEarlyKernel) with the messages it has sent so far, or starts its own if it came first.
 *
 * The script is generated from the protocol's own constants, so it cannot drift from them.
 */
import { INPUT_BUFFER_BYTES, KERNEL_PROTOCOL_VERSION } from "./protocol";

/** Where the app serves the worker bundle and Pyodide's files (lib/server/kernel/assets.ts). */
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
  const start = () => {
  if (self.${GLOBAL} !== undefined) return;
  const shared = self.crossOriginIsolated === true && typeof SharedArrayBuffer !== "undefined";
  const interruptBuffer = shared ? new SharedArrayBuffer(4) : null;
  const inputBuffer = shared ? new SharedArrayBuffer(${INPUT_BUFFER_BYTES}) : null;
  const packageBaseUrl = ${scriptLiteral(packageBaseUrl)};
  const worker = new Worker(${scriptLiteral(KERNEL_WORKER_URL)}, { type: "module", name: ${scriptLiteral(WORKER_NAME)} });
  const early = [];
  worker.onmessage = (event) => early.push(event.data);
  worker.postMessage({ type: "init", version: ${KERNEL_PROTOCOL_VERSION}, indexURL: ${scriptLiteral(PYODIDE_INDEX_URL)}, interruptBuffer, inputBuffer, packageBaseUrl });
  self.${GLOBAL} = { worker, interruptBuffer, inputBuffer, packageBaseUrl, early };
  };
  // After the page's own scripts: on two cores, compiling Pyodide alongside them delays the
  // moment the notebook takes typing (bench:page), which matters more than a faster first run.
  if (document.readyState === "complete") start();
  else addEventListener("load", start, { once: true });
})();`;
}

/**
 * The worker the inline script started, once: later callers (a restart) get null. Taking it also
 * tells a script that has not started its worker yet (it waits for the page's load) not to.
 */
export function takeEarlyKernel(): EarlyKernel | null {
  const holder = globalThis as unknown as Record<string, EarlyKernel | null | undefined>;
  const early = holder[GLOBAL] ?? null;
  holder[GLOBAL] = null;
  return early;
}
