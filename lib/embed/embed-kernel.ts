/**
 * A reader's Python (an embed frame's, a lesson page's). It starts its Pyodide worker on its first
 * run (or shares its page's: shared-kernel.ts), in a kernel frame of the Tandem origin's own
 * (lib/kernel/frame-launch.ts: the embed is on that origin, whatever page frames it), with the same
 * package source as the notebook page: the server's TANDEM_PYODIDE_PACKAGE_URL (lib/server/env.ts),
 * which the route passes down; null when it is "off". The page fetches Pyodide's files and
 * packages for the worker (lib/kernel/host-services.ts), so the embed's connect-src must allow the
 * package source (lib/server/http/csp.ts). A framed page is not
 * cross-origin isolated unless its embedder is, so Stop there restarts the kernel (the client says
 * so in its notice) and input() explains why it cannot ask.
 */
import { createKernelClient, type KernelClient } from "../kernel/client";
import { browserKernelOptions } from "../kernel/early";
import { browserSharing, createSharedKernel } from "./shared-kernel";

/** A Python of this frame's own; `packageBaseUrl` as the server configured it (null: packages off). */
export function createOwnKernel(packageBaseUrl: string | null): KernelClient {
  return createKernelClient(browserKernelOptions(packageBaseUrl));
}

/** The frame's Python: the page's shared one when the author asked (and the browser can), else its own. */
export function createEmbedKernel(sharedToken: string | null, packageBaseUrl: string | null): KernelClient {
  const own = () => createOwnKernel(packageBaseUrl);
  const sharing = sharedToken ? browserSharing(own) : null;
  return sharedToken && sharing ? createSharedKernel(sharedToken, sharing) : own();
}
