/**
 * The browser's kernel worker, bundled from this file by lib/server/kernel/assets.ts into a classic
 * script (public/kernel/worker.js) that the kernel frame (../frame-host.ts) runs from a `blob:`
 * URL in its opaque origin (docs/adr/0005-kernel-origin.md). Its first message is the frame's
 * `connect`: the port to the page and the frame's shared buffers. From then on it speaks the kernel
 * protocol with the page over that port; everything else is in core.ts.
 *
 * Pyodide is not bundled. Its files are fetched through the page (page-host.ts), whose HTTP cache
 * outlives this origin's: its two scripts are imported from `blob:` URLs of what the page fetched,
 * and Pyodide's own fetches (the WebAssembly, the standard library, packages) are routed there.
 */
import type { loadPyodide as LoadPyodide } from "pyodide";

import type { WorkerConnect } from "../../protocol/kernel-frame";
import { isHostReply, SNAPSHOT_PREFIX } from "../../protocol/kernel-frame";
import type { KernelToPage, PageToKernel } from "../protocol";
import { createKernelCore } from "./core";
import { browserLang } from "./environment";
import { createPageHost, type PageHost } from "./page-host";
import { snapshotKey } from "./snapshot-key";

/** The parts of a dedicated worker's global scope this file uses (tsconfig has no "webworker" lib). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  fetch: typeof fetch;
  readonly navigator: { readonly languages?: readonly string[] };
}

const scope = globalThis as unknown as WorkerScope;

function isPageToKernel(value: unknown): value is PageToKernel {
  if (typeof value !== "object" || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === "init" || type === "run" || type === "complete" || type === "inspect";
}

function isConnect(value: unknown): value is WorkerConnect {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "tandem-kernel:connect";
}

type PyodideModule = { loadPyodide: typeof LoadPyodide; version: string };

/** Imports a module from the bytes the page fetched for it. */
async function importThroughPage<T>(host: PageHost, url: string): Promise<T> {
  const response = await host.fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const blob = URL.createObjectURL(new Blob([await response.arrayBuffer()], { type: "text/javascript" }));
  try {
    return (await import(/* webpackIgnore: true */ /* @vite-ignore */ blob)) as T;
  } finally {
    URL.revokeObjectURL(blob);
  }
}

function connect({ port, interruptBuffer, inputBuffer }: WorkerConnect): void {
  const host = createPageHost(port);
  let pyodide: Promise<PyodideModule> | null = null;
  const importPyodide = (indexURL: string) => (pyodide ??= importThroughPage<PyodideModule>(host, `${indexURL}pyodide.mjs`));

  const core = createKernelCore({
    async loadPyodide(options) {
      const [{ loadPyodide }, asm] = await Promise.all([
        importPyodide(options.indexURL),
        importThroughPage<{ default: unknown }>(host, `${options.indexURL}pyodide.asm.mjs`),
      ]);
      return loadPyodide({ ...options, createPyodideModule: asm.default } as Parameters<typeof LoadPyodide>[0]);
    },
    async snapshots(indexURL) {
      const { version } = await importPyodide(indexURL);
      return host.snapshots(snapshotKey(version));
    },
    post: (message: KernelToPage) => port.postMessage(message),
    lang: browserLang(scope.navigator.languages),
  });

  port.onmessage = (event: MessageEvent<unknown>) => {
    const data = event.data;
    if (isHostReply(data)) return host.handle(data);
    if (!isPageToKernel(data)) {
      console.error("Tandem kernel: ignoring a message that is not part of the protocol", data);
      return;
    }
    if (data.type === "init") {
      // Pyodide's own fetches (WebAssembly, standard library, lock files, packages) go through the page.
      const { indexURL, packageBaseUrl } = data;
      host.route(scope, [indexURL, new URL(SNAPSHOT_PREFIX, indexURL).href, ...(packageBaseUrl !== null ? [packageBaseUrl] : [])]);
    }
    // The shared buffers are the frame's: the page's memory cannot be shared with this origin.
    const message = data.type === "init" ? { ...data, interruptBuffer, inputBuffer } : data;
    core.handle(message).catch((error: unknown) => {
      // A protocol misuse by the page (a run before init, a second init): a programmer error.
      console.error("Tandem kernel:", error);
    });
  };
}

scope.onmessage = (event) => {
  if (!isConnect(event.data)) return;
  scope.onmessage = null;
  connect(event.data);
};
