/**
 * The browser's kernel worker: a module worker (`new Worker("/kernel/worker.js", { type:
 * "module" })`) bundled from this file by lib/server/kernel/assets.ts. It wires the page's messages to
 * the core and the core's messages back to the page; everything else is in core.ts.
 *
 * Pyodide is not bundled: it is served as static files from the init message's `indexURL`
 * (public/pyodide/), and loaded with a dynamic import of a URL computed at run time, which
 * bundlers leave alone. The `webpackIgnore` / `@vite-ignore` hints say so to the ones that look.
 */
import type { loadPyodide as LoadPyodide } from "pyodide";

import type { KernelToPage, PageToKernel } from "../protocol";
import { createKernelCore } from "./core";
import { browserLang } from "./environment";
import { snapshotKey } from "./snapshot-key";
import { cacheStorageSnapshots } from "./snapshot-cache";

/** The parts of a dedicated worker's global scope this file uses (tsconfig has no "webworker" lib). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: KernelToPage): void;
  readonly location: { readonly origin: string };
  readonly navigator: { readonly languages?: readonly string[]; readonly connection?: { readonly saveData?: boolean; readonly effectiveType?: string } };
}

const scope = globalThis as unknown as WorkerScope;

function isPageToKernel(value: unknown): value is PageToKernel {
  if (typeof value !== "object" || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === "init" || type === "run" || type === "complete" || type === "inspect";
}

type PyodideModule = { loadPyodide: typeof LoadPyodide; version: string };

let pyodideModule: Promise<PyodideModule> | null = null;
function importPyodide(indexURL: string): Promise<PyodideModule> {
  const url = `${indexURL}pyodide.mjs`;
  pyodideModule ??= import(/* webpackIgnore: true */ /* @vite-ignore */ url) as Promise<PyodideModule>;
  return pyodideModule;
}

const core = createKernelCore({
  async loadPyodide(options) {
    return (await importPyodide(options.indexURL)).loadPyodide(options);
  },
  async snapshots(indexURL) {
    const { version } = await importPyodide(indexURL);
    return cacheStorageSnapshots(scope.location.origin, snapshotKey(version), scope.navigator.connection);
  },
  post: (message) => scope.postMessage(message),
  lang: browserLang(scope.navigator.languages),
});

scope.onmessage = (event) => {
  if (!isPageToKernel(event.data)) {
    console.error("Tandem kernel: ignoring a message that is not part of the protocol", event.data);
    return;
  }
  core.handle(event.data).catch((error: unknown) => {
    // A protocol misuse by the page (a run before init, a second init): a programmer error.
    console.error("Tandem kernel:", error);
  });
};
