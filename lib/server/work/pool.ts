/**
 * The work threads (tasks.ts on piscina's pool). server.ts makes one pool at start and registers
 * it in the server context, where run.ts finds it; it is closed at shutdown after the rooms.
 *
 * Threads: TANDEM_WORK_THREADS, by default one fewer than the cores (the event loop keeps one), at
 * least one, at most four (lib/server/env.ts). A thread loads its modules through tsx like
 * the server itself, so it runs the same TypeScript. The threads run at a lower priority than the
 * event loop (WORK_NICENESS): heavy work waits for the CPU, relaying does not.
 */
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { TaskInput, TaskMessage, TaskName, TaskOutput } from "./tasks";

export interface WorkPool {
  run<K extends TaskName>(name: K, input: TaskInput<K>): Promise<TaskOutput<K>>;
  readonly threads: number;
  close(): Promise<void>;
}

/** How much lower than the server's event loop the work threads run (nice(2) increment). */
export const WORK_NICENESS = 10;

export function createWorkPool(threads: number): WorkPool {
  const pool = new Piscina<TaskMessage, unknown>({
    filename: fileURLToPath(new URL("./worker.ts", import.meta.url)),
    execArgv: ["--import", "tsx"],
    minThreads: threads,
    maxThreads: threads,
    // A thread sits idle between imports and exports rather than being started again for each.
    idleTimeout: 60_000,
    // Below the event loop that relays keystrokes: on a machine with few cores an import or an
    // export must not take the CPU from every room's relaying (Linux: nice is per thread).
    niceIncrement: WORK_NICENESS,
  });
  return {
    threads,
    run: (name, input) => pool.run({ name, input } satisfies TaskMessage) as Promise<TaskOutput<typeof name>>,
    close: () => pool.close(),
  };
}
