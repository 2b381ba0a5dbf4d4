/**
 * The persistence queue through a real Room: an update the room accepted survives a storage
 * outage at unload (the room stays loaded and retries) and at shutdown (the spool), and a row
 * another writer appends while the room is open survives the room's compactions.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { insertCell, snapshotNotebook, userOrigin } from "@/lib/notebook";
import { MemoryStorage } from "@/tests/support/memory-storage";
import { TestClient } from "@/tests/support/sync-client";
import { FLUSH_INTERVAL_MS } from "@/lib/protocol/collab";
import { SHUTDOWN_STORE_MS } from "./persistence";
import { RoomManager } from "./rooms";
import { replaySpool, writeSpool } from "./spool";

const me = userOrigin("test");
const ID = "nb1";
const sources = (doc: Y.Doc) => snapshotNotebook(doc).cells.map((c) => c.source);

describe("PersistenceQueue", () => {
  let storage: MemoryStorage;
  let spoolDir: string;

  beforeEach(() => {
    vi.useFakeTimers();
    storage = MemoryStorage.withOneCell(ID);
    spoolDir = mkdtempSync(path.join(tmpdir(), "tandem-spool-"));
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(spoolDir, { recursive: true, force: true });
  });

  it("keeps a room whose final store fails loaded, and stores the edit once storage is back", async () => {
    const rooms = new RoomManager(storage, () => undefined);
    const room = (await rooms.open(ID))!;
    const a = new TestClient();
    a.connect(room);
    storage.outage = new Error("database is down");
    insertCell(a.doc, { type: "code", source: "accepted" }, me);
    a.disconnect(); // unload: the append and the compaction both fail
    await vi.advanceTimersByTimeAsync(0);
    await room.settled();
    expect(rooms.openRooms).toBe(1);
    expect(sources(storage.stored(ID))).toEqual(["print('hi')"]);
    // Still failing at the first retry; the room waits longer and tries again.
    await vi.advanceTimersByTimeAsync(1_000);
    await room.settled();
    expect(rooms.openRooms).toBe(1);
    storage.outage = null;
    await vi.advanceTimersByTimeAsync(2_000);
    await room.settled();
    expect(sources(storage.stored(ID))).toEqual(["print('hi')", "accepted"]);
    expect(storage.logs.get(ID)).toEqual([]); // compacted too
    await vi.waitFor(() => expect(rooms.openRooms).toBe(0));
    expect(sources((await rooms.open(ID))!.doc)).toEqual(["print('hi')", "accepted"]);
  });

  it("lets people back into a room waiting for storage, with every edit it accepted", async () => {
    const rooms = new RoomManager(storage, () => undefined);
    const room = (await rooms.open(ID))!;
    const a = new TestClient();
    a.connect(room);
    storage.outage = new Error("database is down");
    insertCell(a.doc, { type: "code", source: "accepted" }, me);
    a.disconnect();
    await vi.advanceTimersByTimeAsync(0);
    await room.settled();
    const b = new TestClient();
    const again = (await rooms.open(ID))!;
    expect(again).toBe(room);
    b.connect(again);
    expect(sources(b.doc)).toEqual(["print('hi')", "accepted"]);
    insertCell(b.doc, { type: "code", source: "after" }, me);
    storage.outage = null;
    await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
    await room.settled();
    expect(sources(storage.stored(ID))).toEqual(["print('hi')", "accepted", "after"]);
    expect(rooms.openRooms).toBe(1);
  });

  it("spools what storage cannot take at shutdown; replaying the spool stores it", async () => {
    const rooms = new RoomManager(storage, () => undefined, (id, update) => writeSpool(spoolDir, id, update));
    const room = (await rooms.open(ID))!;
    const a = new TestClient();
    a.connect(room);
    storage.outage = new Error("database is down");
    insertCell(a.doc, { type: "code", source: "accepted" }, me);
    a.disconnect();
    await vi.advanceTimersByTimeAsync(0);
    await room.settled();
    await rooms.closeAll();
    expect(readdirSync(spoolDir)).toEqual(["nb1.yupdate"]);
    storage.outage = null;
    expect(await replaySpool(spoolDir, storage)).toEqual({ replayed: [ID], dropped: [], failed: [] });
    expect(readdirSync(spoolDir)).toEqual([]);
    expect(sources(storage.stored(ID))).toEqual(["print('hi')", "accepted"]);
  });

  it("keeps a row another writer appended while the room was open", async () => {
    const rooms = new RoomManager(storage, () => undefined);
    const room = (await rooms.open(ID))!;
    const a = new TestClient();
    a.connect(room);
    insertCell(a.doc, { type: "code", source: "room" }, me);
    await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
    await room.settled();
    // A script appends straight to storage (no room in its process).
    const script = storage.stored(ID);
    const updates: Uint8Array[] = [];
    script.on("update", (u: Uint8Array) => updates.push(u));
    insertCell(script, { type: "code", source: "script" }, me);
    await storage.append(ID, updates);
    insertCell(a.doc, { type: "code", source: "room again" }, me);
    a.disconnect();
    await room.close();
    expect(sources(storage.stored(ID)).sort()).toEqual(["print('hi')", "room", "room again", "script"]);
  });

  it("lets a visitor and a reader in when the store they waited for fails, instead of waiting for storage", async () => {
    const rooms = new RoomManager(storage, () => undefined);
    const room = (await rooms.open(ID))!;
    const a = new TestClient();
    a.connect(room);
    insertCell(a.doc, { type: "code", source: "accepted" }, me);
    // The final append hangs until the database answers, with an error.
    let fail!: (error: Error) => void;
    storage.append = () => new Promise<number>((_, reject) => (fail = reject));
    a.disconnect();
    expect(room.isClosing).toBe(true);
    const joining = rooms.open(ID);
    const reading = rooms.liveState(ID);
    await vi.advanceTimersByTimeAsync(0);
    fail(new Error("connection reset"));
    expect(await joining).toBe(room);
    const read = new Y.Doc();
    Y.applyUpdate(read, (await reading)!);
    expect(sources(read)).toEqual(["print('hi')", "accepted"]);
  });

  it("spools after SHUTDOWN_STORE_MS when storage hangs at shutdown", async () => {
    const rooms = new RoomManager(storage, () => undefined, (id, update) => writeSpool(spoolDir, id, update));
    const room = (await rooms.open(ID))!;
    const a = new TestClient();
    a.connect(room);
    insertCell(a.doc, { type: "code", source: "accepted" }, me);
    storage.append = () => new Promise<number>(() => undefined); // the database never answers
    let done = false;
    const closing = rooms.closeAll().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(SHUTDOWN_STORE_MS - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await closing;
    const spooled = new Y.Doc();
    Y.applyUpdate(spooled, new Uint8Array(readFileSync(path.join(spoolDir, "nb1.yupdate"))));
    expect(sources(spooled)).toEqual(["print('hi')", "accepted"]);
  });
});
