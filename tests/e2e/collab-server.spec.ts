/**
 * The collaboration server as a process, driven by real y-websocket clients in Node: clients
 * converge; SIGKILL in the middle of typing loses nothing that reached the database and the clients
 * re-sync the rest after a restart; a read-only connection cannot change a notebook; garbage and
 * oversized frames close only their own connection.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import WebSocket from "ws";
import type * as Y from "yjs";
import { cellOrder, cellSourceText, getCellMap, insertCell, snapshotNotebook, userOrigin } from "@/lib/notebook";
import { CLOSE, MAX_FRAME_BYTES } from "@/lib/protocol/collab";
import { documentFromStored } from "@/lib/server/documents/materialize";
import { connectClient, createNotebook, eventually, whenSynced } from "./support/collab-client";
import { startServer, stop, waitUntilReady, type ServerRun } from "./support/server-process";

test.describe.configure({ mode: "serial" });

const me = userOrigin("node-test");
let port = 3700 + Math.floor(Math.random() * 200);
let server: ServerRun;
let base: string;
let dbFile: string;

function storedDocument(notebookId: string): Y.Doc {
  const db = new Database(dbFile, { readonly: true });
  try {
    const row = db.prepare("SELECT snapshot FROM NotebookDocument WHERE notebookId = ?").get(notebookId) as { snapshot: Buffer };
    const updates = db.prepare("SELECT \"update\" AS u FROM NotebookUpdate WHERE notebookId = ? ORDER BY id").all(notebookId) as { u: Buffer }[];
    return documentFromStored(new Uint8Array(row.snapshot), updates.map((r) => new Uint8Array(r.u)));
  } finally {
    db.close();
  }
}

const firstSource = (doc: Y.Doc) => snapshotNotebook(doc).cells[0]?.source ?? "";

test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "tandem-collab-server-"));
  dbFile = join(dir, "t.db");
  const p = String(port++);
  base = `http://localhost:${p}`;
  server = startServer({ PORT: p, DATABASE_URL: `file:${dbFile}` });
  await waitUntilReady(server);
});

test.afterAll(async () => {
  if (server) await stop(server);
});

test("two clients converge, and what they type is in the database within a second", async () => {
  const { id } = await createNotebook(base, { title: "Pair" });
  const a = connectClient(base, id);
  const b = connectClient(base, id);
  try {
    await Promise.all([whenSynced(a.provider), whenSynced(b.provider)]);
    const cell = cellOrder(a.doc)[0]!;
    cellSourceText(getCellMap(a.doc, cell)!).insert(0, "print('from a')");
    insertCell(b.doc, { type: "markdown", source: "# from b" }, me);
    await eventually(() => snapshotNotebook(a.doc).cells.length === 2 && firstSource(b.doc) === "print('from a')", "convergence");
    expect(snapshotNotebook(a.doc)).toEqual(snapshotNotebook(b.doc));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(snapshotNotebook(storedDocument(id))).toEqual(snapshotNotebook(a.doc));
  } finally {
    a.provider.destroy();
    b.provider.destroy();
  }
});

test("a read-only connection cannot change a notebook", async () => {
  const lessonId = (new Database(dbFile, { readonly: true }).prepare("SELECT notebookId FROM Lesson").get() as { notebookId: string }).notebookId;
  const before = snapshotNotebook(storedDocument(lessonId));
  const reader = connectClient(base, lessonId);
  const watcher = connectClient(base, lessonId);
  try {
    await Promise.all([whenSynced(reader.provider), whenSynced(watcher.provider)]);
    insertCell(reader.doc, { type: "code", source: "import os; os.remove('everything')" }, me);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(snapshotNotebook(watcher.doc)).toEqual(before);
    expect(snapshotNotebook(storedDocument(lessonId))).toEqual(before);
  } finally {
    reader.provider.destroy();
    watcher.provider.destroy();
  }
});

test("garbage and oversized frames close only their own connection", async () => {
  const { id } = await createNotebook(base);
  const good = connectClient(base, id);
  await whenSynced(good.provider);
  const closeCode = (payload: Buffer) =>
    new Promise<number>((resolve) => {
      const ws = new WebSocket(`${base.replace("http", "ws")}/collab/${id}`, { headers: { Origin: base } });
      ws.on("open", () => ws.send(payload));
      ws.on("close", (code) => resolve(code));
      ws.on("error", () => undefined);
    });
  try {
    expect(await closeCode(Buffer.from([42, 0, 1, 2, 3]))).toBe(CLOSE.badFrame);
    // The server answers an oversized frame with a close frame (1009), not a dropped socket (1006).
    expect(await closeCode(Buffer.alloc(MAX_FRAME_BYTES + 1, 1))).toBe(CLOSE.tooBig);
    // The room and the other participant carry on.
    expect(good.provider.wsconnected).toBe(true);
    insertCell(good.doc, { type: "code", source: "still fine" }, me);
    await eventually(() => snapshotNotebook(storedDocument(id)).cells.some((c) => c.source === "still fine"), "the edit to be stored");
  } finally {
    good.provider.destroy();
  }
});

test("SIGKILL while typing loses nothing that reached the database; clients re-sync after a restart", async () => {
  const { id } = await createNotebook(base, { title: "Crash" });
  const a = connectClient(base, id);
  await whenSynced(a.provider);
  const text = cellSourceText(getCellMap(a.doc, cellOrder(a.doc)[0]!)!);
  let typed = "";
  const typing = setInterval(() => {
    const ch = String.fromCharCode(97 + (typed.length % 26));
    text.insert(text.length, ch);
    typed += ch;
  }, 10);
  try {
    await new Promise((r) => setTimeout(r, 1_500));
    server.child.kill("SIGKILL");
    await server.exited;
    await new Promise((r) => setTimeout(r, 300));
    clearInterval(typing);
    const stored = firstSource(storedDocument(id));
    // Stored text is a prefix of what was typed (nothing invented), and most of it arrived.
    expect(typed.startsWith(stored)).toBe(true);
    expect(stored.length).toBeGreaterThan(0);

    server = startServer({ PORT: new URL(base).port, DATABASE_URL: `file:${dbFile}` });
    await waitUntilReady(server);
    // The client reconnects by itself and sends what the server never got.
    await eventually(() => firstSource(storedDocument(id)) === typed, "the rest of the typing to reach the database", 20_000);
    const fresh = connectClient(base, id);
    await whenSynced(fresh.provider);
    expect(firstSource(fresh.doc)).toBe(typed);
    fresh.provider.destroy();
  } finally {
    clearInterval(typing);
    a.provider.destroy();
  }
});
