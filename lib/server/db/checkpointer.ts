/**
 * Checkpoints of the SQLite write-ahead log, on a thread of their own.
 *
 * By default SQLite checkpoints inside the commit that takes the log past 1,000 pages: that commit
 * copies the log into the database file and syncs both, on the thread that committed. For the
 * server that is the event loop relaying every room's keystrokes, and one import of a large
 * notebook (a few megabytes) paid a checkpoint every time: about 40 ms of its 50 (BENCHMARKS.md,
 * bench:isolation). With the checkpointer the server's connection never checkpoints
 * (`wal_autocheckpoint = 0`); a second connection on a worker thread runs a PASSIVE checkpoint
 * every second, which takes no write lock, so the server keeps writing meanwhile.
 *
 * If the thread fails, the server's connection goes back to SQLite's own checkpoints, so the log
 * never grows without bound. Closing makes a last checkpoint and does the same.
 */
import { typeScriptWorker } from "../typescript-worker";
import type { Db } from "./client";
import type { SqliteConfig } from "./config";
import type { CheckpointReply, CheckpointRequest, CheckpointerData } from "./checkpointer-protocol";

/** SQLite's own default, restored when the thread stops. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;
const DEFAULT_INTERVAL_MS = 1000;

export interface CheckpointResult {
  readonly logFrames: number;
  readonly copiedFrames: number;
}

export interface SqliteCheckpointer {
  /** One checkpoint now (the timer makes them anyway). */
  checkpoint(): Promise<CheckpointResult>;
  close(): Promise<void>;
}

export interface CheckpointerOptions {
  readonly intervalMs?: number;
  readonly log?: (line: string) => void;
}

export async function startSqliteCheckpointer(db: Db, config: SqliteConfig, options: CheckpointerOptions = {}): Promise<SqliteCheckpointer> {
  const log = options.log ?? ((line: string) => console.error(line));
  const worker = typeScriptWorker(new URL("./checkpointer-thread.ts", import.meta.url), {
    workerData: { file: config.file, url: config.url } satisfies CheckpointerData,
    name: "sqlite-checkpointer",
  });
  const pending = new Map<number, { resolve: (r: CheckpointResult) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let running = true;
  let inFlight: Promise<CheckpointResult> | null = null;
  let timer: NodeJS.Timeout | undefined;

  // The server connection's setting, changed in the order asked (a failure right after the start
  // must not be overtaken by the start's own change).
  let setting = Promise.resolve();
  const autocheckpoint = (pages: number): Promise<void> =>
    (setting = setting
      .then(() => db.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${pages}`))
      .then(
        () => undefined,
        (error: unknown) => log(`[db] could not set wal_autocheckpoint to ${pages}: ${String(error)}`),
      ));
  const stopped = (reason: string) => {
    if (!running) return;
    running = false;
    clearInterval(timer);
    for (const { reject } of pending.values()) reject(new Error(reason));
    pending.clear();
    // Back to SQLite's own checkpoints on the server's connection.
    void autocheckpoint(SQLITE_AUTOCHECKPOINT_PAGES);
  };

  let ready: () => void = () => undefined;
  worker.on("message", (reply: CheckpointReply) => {
    if (reply.type === "ready") return ready();
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.type === "done") waiter?.resolve({ logFrames: reply.logFrames, copiedFrames: reply.copiedFrames });
    else {
      log(`[db] checkpoint failed: ${reply.message}`);
      waiter?.reject(new Error(reply.message));
    }
  });
  worker.on("error", (error) => {
    log(`[db] the checkpointer thread failed; SQLite checkpoints on commit again: ${error.message}`);
    stopped(error.message);
  });
  worker.on("exit", () => stopped("the checkpointer thread stopped"));

  // Until the thread has its connection, SQLite's own checkpoints stay; a thread that cannot open
  // the file leaves them for good (the server runs on, as without a checkpointer).
  await new Promise<void>((resolve) => {
    ready = resolve;
    worker.once("exit", () => resolve());
  });
  if (running) await autocheckpoint(0);

  const checkpoint = (): Promise<CheckpointResult> => {
    if (!running) return Promise.reject(new Error("the checkpointer is stopped"));
    inFlight ??= new Promise<CheckpointResult>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ type: "checkpoint", id } satisfies CheckpointRequest);
    }).finally(() => (inFlight = null));
    return inFlight;
  };
  if (running) {
    timer = setInterval(() => void checkpoint().catch(() => undefined), options.intervalMs ?? DEFAULT_INTERVAL_MS);
    timer.unref();
  }

  return {
    checkpoint,
    async close() {
      if (!running) return;
      await checkpoint().catch(() => undefined);
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      worker.postMessage({ type: "close" } satisfies CheckpointRequest);
      await exited;
      stopped("closed");
      await setting;
    },
  };
}
