import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { insertCell, snapshotNotebook, userOrigin, cellSourceText, getCellMap, SCHEMA_VERSION } from "@/lib/notebook";
import { MemoryStorage } from "@/tests/support/memory-storage";
import { TestClient } from "@/tests/support/sync-client";
import { CLOSE, FLUSH_INTERVAL_MS, MESSAGE_COMMENTS_CHANGED, MESSAGE_PROGRESS_CHANGED, MESSAGE_SYNC, MESSAGE_TITLE_CHANGED } from "@/lib/protocol/collab";
import { RoomManager } from "./rooms";
import type { CollabStorage } from "./storage";

const me = userOrigin("test");
const ID = "nb1";

const sources = (doc: Y.Doc) => snapshotNotebook(doc).cells.map((c) => c.source);

describe("Room", () => {
  let storage: MemoryStorage;
  let rooms: RoomManager;

  beforeEach(() => {
    vi.useFakeTimers();
    storage = MemoryStorage.withOneCell(ID);
    rooms = new RoomManager(storage, () => undefined);
  });
  afterEach(() => vi.useRealTimers());

  it("syncs the stored notebook to a new client", async () => {
    const room = (await rooms.open(ID))!;
    const a = new TestClient();
    a.connect(room);
    expect(sources(a.doc)).toEqual(["print('hi')"]);
  });

  it("encodes its state once per change, for every page, export and new client that reads it", async () => {
    const room = (await rooms.open(ID))!;
    const first = room.state();
    expect(room.state()).toBe(first);
    const a = new TestClient();
    a.connect(room);
    // A new client (nothing yet) is sent that same encoding, and has the notebook.
    expect(room.state()).toBe(first);
    expect(sources(a.doc)).toEqual(["print('hi')"]);
    insertCell(a.doc, { type: "code", source: "x = 1" }, me);
    const second = room.state();
    expect(second).not.toBe(first);
    const reader = new Y.Doc();
    Y.applyUpdate(reader, second);
    expect(sources(reader)).toEqual(["print('hi')", "x = 1"]);
    // A client that has part of it gets what it lacks.
    const b = new TestClient();
    Y.applyUpdate(b.doc, first);
    b.connect(room);
    expect(sources(b.doc)).toEqual(["print('hi')", "x = 1"]);
  });

  it("runs a caller's hooks: they see every change and may refuse an update before anyone sees it", async () => {
    const changes: unknown[] = [];
    const withHooks = new RoomManager(storage, () => undefined, undefined, () => [
      {
        // A limit of the caller's own: no update may carry the word "forbidden".
        beforeApply: (_peer, update) => (new TextDecoder().decode(update).includes("forbidden") ? "a forbidden word" : null),
        onChange: (_update, origin) => changes.push(origin),
      },
    ]);
    const room = (await withHooks.open(ID))!;
    const a = new TestClient();
    const b = new TestClient();
    a.connect(room);
    b.connect(room);
    insertCell(a.doc, { type: "code", source: "fine" }, me);
    expect(changes).toHaveLength(1);
    expect(sources(b.doc)).toEqual(["print('hi')", "fine"]);
    insertCell(b.doc, { type: "code", source: "forbidden" }, me);
    expect(b.closed).toEqual([{ code: CLOSE.rejectedUpdate, reason: "a forbidden word" }]);
    expect(sources(a.doc)).toEqual(["print('hi')", "fine"]);
    expect(sources(room.doc)).toEqual(["print('hi')", "fine"]);
    expect(changes).toHaveLength(1);
  });

  it("refuses to serve a document of a newer layout than this server reads, and changes nothing", async () => {
    const newer = new Y.Doc();
    insertCell(newer, { type: "code", source: "from the future", id: "c9" as never }, me);
    newer.getMap("meta").set("schemaVersion", SCHEMA_VERSION + 1);
    storage.seed("future", newer);
    const before = await storage.load("future");
    await expect(rooms.open("future")).rejects.toThrow(/layout version/);
    expect(await storage.load("future")).toEqual(before);
  });

  it("is null for a notebook that does not exist, and shares one load between callers", async () => {
    expect(await rooms.open("missing")).toBeNull();
    const [r1, r2] = await Promise.all([rooms.open(ID), rooms.open(ID)]);
    expect(r1).toBe(r2);
  });

  it("relays edits between clients and stores them within the flush interval", async () => {
    const room = (await rooms.open(ID))!;
    const a = new TestClient();
    const b = new TestClient();
    a.connect(room);
    b.connect(room);
    cellSourceText(getCellMap(a.doc, "c1" as never)!).insert(0, "# a\n");
    insertCell(b.doc, { type: "markdown", source: "b's cell" }, me);
    expect(sources(a.doc)).toEqual(sources(b.doc));
    expect(sources(room.doc)).toEqual(["# a\nprint('hi')", "b's cell"]);
    expect(storage.appends).toBe(0);
    await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
    await room.settled();
    expect(storage.appends).toBe(1); // both updates, merged into one append
    expect(sources(storage.stored(ID))).toEqual(sources(room.doc));
  });

  it("never applies a read-only connection's updates", async () => {
    const room = (await rooms.open(ID))!;
    const writer = new TestClient();
    const reader = new TestClient(true);
    writer.connect(room);
    reader.connect(room);
    insertCell(reader.doc, { type: "code", source: "sneaky" }, me);
    expect(sources(room.doc)).toEqual(["print('hi')"]);
    expect(sources(writer.doc)).toEqual(["print('hi')"]);
    // ...but it still receives everyone else's.
    insertCell(writer.doc, { type: "code", source: "shared" }, me);
    expect(sources(reader.doc)).toContain("shared");
  });

  it("closes only the connection that sends a bad frame", async () => {
    const room = (await rooms.open(ID))!;
    const good = new TestClient();
    const bad = new TestClient();
    good.connect(room);
    bad.connect(room);
    bad.sendRaw(new Uint8Array([99, 1, 2]));
    expect(bad.closed).toEqual([{ code: CLOSE.badFrame, reason: "unknown message type 99" }]);
    const worse = new TestClient();
    worse.connect(room);
    worse.sendRaw(new Uint8Array([MESSAGE_SYNC, 2, 200, 200, 200])); // an update claiming 200+ bytes
    expect(worse.closed[0]?.code).toBe(CLOSE.badFrame);
    expect(room.size).toBe(1);
    insertCell(good.doc, { type: "code", source: "still here" }, me);
    expect(sources(room.doc)).toContain("still here");
  });

  it("shares presence and removes it when a client leaves", async () => {
    const room = (await rooms.open(ID))!;
    const a = new TestClient();
    const b = new TestClient();
    a.connect(room);
    b.connect(room);
    a.setPresence({ user: { name: "Ada", color: "#f00" } });
    expect(b.awareness.getStates().get(a.doc.clientID)).toEqual({ user: { name: "Ada", color: "#f00" } });
    a.disconnect();
    expect(b.awareness.getStates().has(a.doc.clientID)).toBe(false);
  });

  it("shows the teacher label only for the class's teachers, whatever a client claims", async () => {
    const room = (await rooms.open(ID))!;
    const student = new TestClient();
    const teacher = new TestClient(false, { teacher: true });
    const watcher = new TestClient();
    for (const client of [student, teacher, watcher]) client.connect(room);
    student.setPresence({ user: { name: "Sam", color: "#0f0", role: "teacher" } });
    teacher.setPresence({ user: { name: "Ms Rao", color: "#00f" } });
    expect(watcher.awareness.getStates().get(student.doc.clientID)).toEqual({ user: { name: "Sam", color: "#0f0" } });
    expect(watcher.awareness.getStates().get(teacher.doc.clientID)).toEqual({ user: { name: "Ms Rao", color: "#00f", role: "teacher" } });
    // A later update is stamped the same way; a newcomer gets the stamped states too.
    student.setPresence({ user: { name: "Sam", color: "#0f0", role: "teacher" }, cell: "c1" });
    const late = new TestClient();
    late.connect(room);
    expect(late.awareness.getStates().get(student.doc.clientID)).toEqual({ user: { name: "Sam", color: "#0f0" }, cell: "c1" });
    expect(late.awareness.getStates().get(teacher.doc.clientID)).toMatchObject({ user: { role: "teacher" } });
  });

  it("tells everyone in the room that the comments changed; a client that sends that message is closed", async () => {
    const room = (await rooms.open(ID))!;
    const a = new TestClient();
    const viewer = new TestClient(true);
    a.connect(room);
    viewer.connect(room);
    room.commentsChanged();
    expect([a.commentsChanged, viewer.commentsChanged]).toEqual([1, 1]);
    // Only the server says so: a client claiming it is a bad frame.
    a.sendRaw(new Uint8Array([MESSAGE_COMMENTS_CHANGED]));
    expect(a.closed).toEqual([{ code: CLOSE.badFrame, reason: "unknown message type 100" }]);
    expect(viewer.commentsChanged).toBe(1);
  });

  it("tells everyone in the room that a copy's status changed; a client that sends that message is closed", async () => {
    const room = (await rooms.open(ID))!;
    const a = new TestClient();
    a.connect(room);
    room.progressChanged();
    expect(a.progressChanged).toBe(1);
    a.sendRaw(new Uint8Array([MESSAGE_PROGRESS_CHANGED]));
    expect(a.closed).toEqual([{ code: CLOSE.badFrame, reason: "unknown message type 102" }]);
  });

  it("tells everyone in the room the new title; a client that sends that message is closed", async () => {
    const room = (await rooms.open(ID))!;
    const a = new TestClient();
    const viewer = new TestClient(true);
    a.connect(room);
    viewer.connect(room);
    room.titleChanged("Loops, à la carte");
    expect([a.titles, viewer.titles]).toEqual([["Loops, à la carte"], ["Loops, à la carte"]]);
    a.sendRaw(new Uint8Array([MESSAGE_TITLE_CHANGED, 0]));
    expect(a.closed).toEqual([{ code: CLOSE.badFrame, reason: "unknown message type 101" }]);
  });

  it("flushes and compacts when the last client leaves, then reloads from storage", async () => {
    const room = (await rooms.open(ID))!;
    const a = new TestClient();
    a.connect(room);
    insertCell(a.doc, { type: "code", source: "x = 1" }, me);
    a.disconnect();
    await room.close(); // the unload started by the empty room
    expect(storage.compactions).toBe(1);
    expect(storage.logs.get(ID)).toEqual([]);
    expect(rooms.openRooms).toBe(0);
    const again = (await rooms.open(ID))!;
    expect(again).not.toBe(room);
    expect(sources(again.doc)).toEqual(["print('hi')", "x = 1"]);
  });

  it("gives someone who arrives while the room is being stored a fresh room once it is", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The last one out starts the unload; its compaction waits at the gate.
    const slow: CollabStorage = {
      load: (id, fence) => storage.load(id, fence),
      append: (id, updates, fence) => storage.append(id, updates, fence),
      compact: async (id, doc, upToId, fence) => {
        await gate;
        return storage.compact(id, doc, upToId, fence);
      },
    };
    const manager = new RoomManager(slow, () => undefined);
    const room = (await manager.open(ID))!;
    const a = new TestClient();
    a.connect(room);
    insertCell(a.doc, { type: "code", source: "x = 1" }, me);
    a.disconnect();
    const arriving = manager.open(ID);
    release();
    // This waited forever: the closed room still said it was closing, and nothing would wake it.
    const again = (await arriving)!;
    expect(again).not.toBe(room);
    expect(again.isClosed).toBe(false);
    expect(sources(again.doc)).toEqual(["print('hi')", "x = 1"]);
  });

  it("retries an append that failed, losing nothing", async () => {
    const room = (await rooms.open(ID))!;
    const a = new TestClient();
    a.connect(room);
    storage.failNextAppend = new Error("database is locked");
    insertCell(a.doc, { type: "code", source: "kept" }, me);
    await vi.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
    await room.settled();
    expect(storage.appends).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    await room.settled();
    expect(storage.appends).toBe(1);
    expect(sources(storage.stored(ID))).toContain("kept");
  });
});
