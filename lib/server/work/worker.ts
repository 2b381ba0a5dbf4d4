/**
 * A work thread's entry (pool.ts): runs one task of tasks.ts per message and returns its result.
 * Byte arrays in the result are moved, not copied, back to the server's thread.
 */
import { isMainThread } from "node:worker_threads";
import { move } from "piscina";
import { runInline, type TaskMessage } from "./tasks";

if (isMainThread) throw new Error("lib/server/work/worker.ts runs only on a work thread (pool.ts).");

export default function run(message: TaskMessage): unknown {
  const result = runInline(message.name, message.input as never);
  return result instanceof Uint8Array ? move(result) : result;
}
