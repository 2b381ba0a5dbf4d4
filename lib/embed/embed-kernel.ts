/**
 * An embed frame's Python. A frame starts its Pyodide worker on its first run (or shares its page's:
 * shared-kernel.ts), from the
 * Tandem origin's own files (the frame is on that origin, whatever page frames it). A framed page
 * is not cross-origin isolated unless its embedder is, so Stop there restarts the kernel (the
 * client says so in its notice) and input() explains why it cannot ask.
 */
import { createKernelClient, fromWebWorker, type KernelClient } from "../kernel/client";
import { KERNEL_WORKER_URL, PYODIDE_INDEX_URL, WORKER_NAME } from "../kernel/early";
import { browserSharing, createSharedKernel } from "./shared-kernel";

export function createOwnKernel(): KernelClient {
  return createKernelClient({
    createWorker: () => fromWebWorker(new Worker(KERNEL_WORKER_URL, { type: "module", name: WORKER_NAME })),
    indexURL: PYODIDE_INDEX_URL,
    packageBaseUrl: null,
    isolated: globalThis.crossOriginIsolated === true,
  });
}

/** The frame's Python: the page's shared one when the author asked (and the browser can), else its own. */
export function createEmbedKernel(sharedToken: string | null): KernelClient {
  const sharing = sharedToken ? browserSharing(createOwnKernel) : null;
  return sharedToken && sharing ? createSharedKernel(sharedToken, sharing) : createOwnKernel();
}
