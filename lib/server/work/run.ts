/**
 * Runs a heavy document task (tasks.ts) on the server's work threads when server.ts started them
 * (pool.ts, registered in the server context), else here on the calling thread (scripts, tests).
 */
import { serverContext } from "../context";
import { runInline, type TaskInput, type TaskName, type TaskOutput } from "./tasks";

export async function runWork<K extends TaskName>(name: K, input: TaskInput<K>): Promise<TaskOutput<K>> {
  const pool = serverContext().work;
  return pool ? pool.run(name, input) : runInline(name, input);
}
