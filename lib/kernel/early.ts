/**
 * This page's Python, as the app wires it: a kernel frame (frame-launch.ts) for the app's own
 * files, started as early as the page allows. Pyodide takes seconds to start, and the notebook
 * page would otherwise create its kernel only once its notebook session had opened. So the page
 * starts one as soon as it has hydrated (components/notebook/early-python.tsx: not before, since
 * on two cores compiling Pyodide alongside the page's own scripts delays the moment the notebook
 * takes typing), and the kernel client adopts it (takeEarlyKernel) with the messages it has sent
 * so far, or starts its own if it came first.
 */
import type { KernelClientOptions } from "./client";
import { SNAPSHOT_PREFIX } from "../protocol/kernel-frame";
import { launchKernelFrame, type FramedWorker } from "./frame-launch";
import { KERNEL_PROTOCOL_VERSION } from "./protocol";
import { cacheStorageSnapshots } from "./snapshot-cache";

/** Where the app serves the worker bundle and Pyodide's files (lib/server/kernel/assets.ts). */
export const KERNEL_WORKER_URL = "/kernel/worker.js";
export const PYODIDE_INDEX_URL = "/pyodide/";
export const WORKER_NAME = "Tandem Python";

/** What every start asks for, whatever the snapshot (worker/entry.ts, Pyodide's loadPyodide). */
const PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"] as const;

const GLOBAL = "__tandemEarlyKernel";

/** What startEarlyKernel leaves for the client. */
export interface EarlyKernel {
  readonly worker: FramedWorker;
  readonly packageBaseUrl: string | null;
  /** Messages the worker sent before the client took it. */
  readonly early: unknown[];
}

/** The Network Information API's part the snapshot store reads (Chromium only). */
type WithConnection = { readonly connection?: { readonly saveData?: boolean; readonly effectiveType?: string } };

const absolute = (url: string) => new URL(url, location.href).href;

/**
 * The kernel client's options for this page: a kernel frame per worker, with absolute URLs (the
 * worker's own base is a `blob:` URL). `packageBaseUrl` as the server configured it (null: off).
 */
export function browserKernelOptions(packageBaseUrl: string | null): Omit<KernelClientOptions, "adopt"> {
  const indexURL = absolute(PYODIDE_INDEX_URL);
  const packages = packageBaseUrl === null ? null : absolute(packageBaseUrl);
  return {
    createWorker: () =>
      launchKernelFrame({
        workerUrl: KERNEL_WORKER_URL,
        name: WORKER_NAME,
        prefixes: [indexURL, absolute(SNAPSHOT_PREFIX), ...(packages !== null ? [packages] : [])],
        snapshots: (key) => cacheStorageSnapshots(location.origin, key, (navigator as WithConnection).connection),
        prefetch: PYODIDE_FILES.map((file) => indexURL + file),
      }),
    indexURL,
    packageBaseUrl: packages,
    isolated: globalThis.crossOriginIsolated === true,
  };
}

/** Starts this page's kernel now, once (a later call, or one after takeEarlyKernel, does nothing). */
export function startEarlyKernel(packageBaseUrl: string | null): void {
  const holder = globalThis as unknown as Record<string, EarlyKernel | null | undefined>;
  if (holder[GLOBAL] !== undefined) return;
  const options = browserKernelOptions(packageBaseUrl);
  const worker = options.createWorker() as FramedWorker;
  const early: unknown[] = [];
  worker.onmessage = (event) => early.push(event.data);
  worker.postMessage({
    type: "init",
    version: KERNEL_PROTOCOL_VERSION,
    indexURL: options.indexURL,
    interruptBuffer: null,
    inputBuffer: null,
    packageBaseUrl: options.packageBaseUrl ?? null,
  });
  holder[GLOBAL] = { worker, packageBaseUrl, early };
}

/**
 * The worker startEarlyKernel started, once: later callers (a restart) get null. Taking it also
 * stops a later startEarlyKernel from starting one.
 */
export function takeEarlyKernel(): EarlyKernel | null {
  const holder = globalThis as unknown as Record<string, EarlyKernel | null | undefined>;
  const early = holder[GLOBAL] ?? null;
  holder[GLOBAL] = null;
  return early;
}
