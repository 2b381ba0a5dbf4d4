/**
 * A worker thread that runs a TypeScript entry, as the server runs its own files (through tsx).
 * A worker of Node 20 does not take tsx from the command line (`--import` applies only after its
 * entry has loaded), so the worker starts from one line of JavaScript that registers tsx and then
 * imports the entry. Used by the SQLite checkpointer and the isolation bench's load thread.
 */
import { Worker, type WorkerOptions } from "node:worker_threads";

export function typeScriptWorker(entry: URL, options: Omit<WorkerOptions, "eval"> = {}): Worker {
  const tsx = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  const boot = `import(${tsx}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}
