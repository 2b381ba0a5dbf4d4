/**
 * The SQLite checkpointer's thread (checkpointer.ts starts it): its own connection to the
 * database file, a PASSIVE checkpoint when asked, and the result posted back. A passive
 * checkpoint copies what it can from the write-ahead log into the database file and syncs both,
 * without taking the write lock, so the server's connection keeps writing meanwhile.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openSqlite } from "./sqlite";
import type { CheckpointReply, CheckpointRequest, CheckpointerData } from "./checkpointer-protocol";

const { file, url } = workerData as CheckpointerData;
const db = openSqlite({ provider: "sqlite", file, url });
const port = parentPort!;
port.postMessage({ type: "ready" } satisfies CheckpointReply);

port.on("message", (request: CheckpointRequest) => {
  if (request.type === "close") {
    db.close();
    port.close();
    return;
  }
  let reply: CheckpointReply;
  try {
    // [busy, frames in the log, frames copied]: busy is 1 when a TRUNCATE/RESTART could not finish.
    const row = db.prepare("PRAGMA wal_checkpoint(PASSIVE)").raw().get() as [number, number, number];
    reply = { type: "done", id: request.id, logFrames: row[1], copiedFrames: row[2] };
  } catch (error) {
    reply = { type: "failed", id: request.id, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
