/**
 * The room's schema guard (lib/server/collab/guard.ts), through a real Room with storage,
 * compaction and reloads: a seeded fuzz mixes ordinary edits with well-formed Yjs updates that
 * break the notebook layout, and checks that no other peer, the stored document, the export and
 * compaction ever see the bad parts. Then the locks of an assignment's checks.
 */
import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  cellSourceText,
  deleteCell,
  getCellMap,
  insertCell,
  ipynbFromDocument,
  moveCell,
  setCellMetadata,
  setOutputs,
  snapshotNotebook,
  userOrigin,
  type CellId,
} from "@/lib/notebook";
import { cellsMap, metaMap } from "@/lib/notebook/schema";
import { layoutProblems } from "@/lib/notebook/layout-problems";
import { CLOSE, COMPACT_AFTER_MS, FLUSH_INTERVAL_MS } from "@/lib/protocol/collab";
import { RoomManager } from "@/lib/server/collab/rooms";
import type { Room } from "@/lib/server/collab/room";
import { MemoryStorage } from "@/tests/support/memory-storage";
import { TestClient } from "@/tests/support/sync-client";

const me = userOrigin("test");
const ID = "nb-guard";

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Everything a reader takes from a document, which must never throw. */
function readAll(doc: Y.Doc) {
  return { snapshot: snapshotNotebook(doc), ipynb: ipynbFromDocument(doc) };
}

/** A document the guard let through: inside the layout, readable, and free of the attacker's marks. */
function expectClean(doc: Y.Doc, where: string): void {
  expect(layoutProblems(doc), where).toEqual([]);
  cellsMap(doc).forEach((cell: unknown, id) => {
    const map = cell as Y.Map<unknown>;
    expect(map.get("id"), `${where}: id of ${id}`).toBe(id);
    expect(["code", "markdown", "raw"], `${where}: type of ${id}`).toContain(map.get("type"));
    expect([...map.keys()].filter((k) => k === "evil"), where).toEqual([]);
  });
  expect(JSON.stringify(readAll(doc).ipynb), where).not.toContain("EVIL");
}

type Rng = () => number;
const pick = <T,>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/** One well-formed Yjs update that breaks the layout (the attacker's doc is in sync first). */
const BAD_SHAPES: readonly ((doc: Y.Doc, rng: Rng) => void)[] = [
  (doc) => cellsMap(doc).set("evil01" as CellId, 42 as never),
  (doc) => {
    const cell = new Y.Map<unknown>();
    cell.set("id", "evil02");
    cell.set("type", "code");
    cell.set("position", "a0");
    cellsMap(doc).set("evil02" as CellId, cell); // no source
  },
  (doc) => {
    const cell = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ id: "evil03", type: "code", position: "a0", source: "EVIL plain string", metadata: {} })) cell.set(k, v);
    cellsMap(doc).set("evil03" as CellId, cell);
  },
  (doc, rng) => someCell(doc, rng)?.set("source", "EVIL string source"),
  (doc, rng) => someCell(doc, rng)?.delete("source"),
  (doc, rng) => someCell(doc, rng)?.set("type", "EVIL"),
  (doc, rng) => someCell(doc, rng)?.set("metadata", ["EVIL"]),
  (doc, rng) => someCell(doc, rng)?.set("evil", "EVIL field"),
  (doc, rng) => someCell(doc, rng)?.set("id", "EVIL-other-id"),
  (doc, rng) => {
    const id = pick(rng, [...cellsMap(doc).keys()]);
    if (id) cellsMap(doc).set(id, "EVIL replacement" as never);
  },
  (doc) => {
    for (const cell of cellsMap(doc).values()) {
      const outputs = cell.get("outputs");
      if (outputs instanceof Y.Array) return void outputs.push(["EVIL output"]);
    }
    cellsMap(doc).set("evil04" as CellId, new Y.Text("EVIL") as never);
  },
  (doc) => metaMap(doc).set("metadata", "EVIL"),
  // A layout version from the future would make the notebook unservable at its next load.
  (doc) => metaMap(doc).set("schemaVersion", 999),
  (doc) => doc.getText("evilRoot").insert(0, "EVIL"),
  // A good edit and a bad one in one transaction: the whole update goes.
  (doc, rng) =>
    doc.transact(() => {
      const cell = someCell(doc, rng);
      if (cell) cellSourceText(cell).insert(0, "EVIL good-looking typing ");
      cellsMap(doc).set("evil05" as CellId, 7 as never);
    }),
];

function someCell(doc: Y.Doc, rng: Rng): Y.Map<unknown> | undefined {
  const ids = [...cellsMap(doc).keys()];
  return ids.length === 0 ? undefined : cellsMap(doc).get(pick(rng, ids));
}

function goodEdit(doc: Y.Doc, rng: Rng, n: number): void {
  const ids = snapshotNotebook(doc).cells.map((c) => c.id);
  const r = rng();
  if (ids.length < 2 || r < 0.3) insertCell(doc, { type: pick(rng, ["code", "markdown"] as const), source: `cell ${n}`, at: Math.floor(rng() * (ids.length + 1)) }, me);
  else if (r < 0.6) cellSourceText(getCellMap(doc, pick(rng, ids))!).insert(0, `t${n} `);
  else if (r < 0.7) deleteCell(doc, pick(rng, ids), me);
  else if (r < 0.85) moveCell(doc, pick(rng, ids), Math.floor(rng() * ids.length), me);
  else {
    const code = snapshotNotebook(doc).cells.find((c) => c.type === "code");
    if (code) setOutputs(doc, code.id, [{ output_type: "stream", name: "stdout", text: `out ${n}\n` }], n, me);
  }
}

describe("the room's schema guard", () => {
  let storage: MemoryStorage;
  let rooms: RoomManager;

  beforeEach(() => {
    vi.useFakeTimers();
    storage = new MemoryStorage();
    const doc = new Y.Doc();
    insertCell(doc, { type: "code", source: "print('hi')" }, me);
    insertCell(doc, { type: "markdown", source: "# title" }, me);
    storage.seed(ID, doc);
    rooms = new RoomManager(storage, () => undefined);
  });
  afterEach(() => vi.useRealTimers());

  for (const seed of [1, 2, 3]) {
    it(`never lets a layout-breaking update reach the others, storage or export (seed ${seed})`, async () => {
      const rng = prng(seed);
      let room: Room = (await rooms.open(ID))!;
      let author = new TestClient();
      let watcher = new TestClient();
      // Every state the watcher passes through is checked, not only the last one. (Recorded, not
      // asserted in the handler: y-protocols catches what a handler throws.)
      const seen: string[] = [];
      const watch = (client: TestClient) => client.doc.on("afterTransaction", () => seen.push(...layoutProblems(client.doc)));
      author.connect(room);
      watch(watcher);
      watcher.connect(room);
      let rejected = 0;
      for (let step = 0; step < 80; step++) {
        const r = rng();
        if (r < 0.45) {
          goodEdit(author.doc, rng, step);
        } else if (r < 0.85) {
          const attacker = new TestClient();
          attacker.connect(room);
          pick(rng, BAD_SHAPES)(attacker.doc, rng);
          if (attacker.closed.length > 0) {
            rejected++;
            expect(attacker.closed[0]!.code).toBe(CLOSE.rejectedUpdate);
          }
          attacker.disconnect();
        } else if (r < 0.93) {
          await vi.advanceTimersByTimeAsync(rng() < 0.5 ? FLUSH_INTERVAL_MS : COMPACT_AFTER_MS);
          await room.settled();
        } else {
          // Everyone leaves: the room flushes, compacts and unloads; then it loads again from storage.
          author.disconnect();
          watcher.disconnect();
          await room.close();
          expectClean(storage.stored(ID), `stored, step ${step}`);
          room = (await rooms.open(ID))!;
          author = new TestClient();
          watcher = new TestClient();
          author.connect(room);
          watch(watcher);
          watcher.connect(room);
        }
        expectClean(room.doc, `room, step ${step}`);
        expectClean(watcher.doc, `watcher, step ${step}`);
        expect(snapshotNotebook(watcher.doc)).toEqual(snapshotNotebook(room.doc));
        expect(snapshotNotebook(author.doc)).toEqual(snapshotNotebook(room.doc));
        expect(seen, `watcher's states, step ${step}`).toEqual([]);
      }
      expect(rejected).toBeGreaterThan(10);
      author.disconnect();
      watcher.disconnect();
      await room.close();
      expect(storage.compactions).toBeGreaterThan(0);
      const stored = storage.stored(ID);
      expectClean(stored, "stored at the end");
      expect(snapshotNotebook(stored)).toEqual(snapshotNotebook(author.doc));
      // The bad content itself never reached storage: only tombstones of it.
      expect(new TextDecoder().decode(storage.snapshots.get(ID)!)).not.toContain("EVIL");
    });
  }

  it("takes back a replaced cell whole: the cell and its text come back for everyone", async () => {
    const room = (await rooms.open(ID))!;
    const watcher = new TestClient();
    const attacker = new TestClient();
    watcher.connect(room);
    attacker.connect(room);
    const before = snapshotNotebook(room.doc);
    const [first] = before.cells;
    cellsMap(attacker.doc).set(first!.id, 42 as never);
    expect(attacker.closed).toEqual([{ code: CLOSE.rejectedUpdate, reason: `cell ${first!.id} is not a map` }]);
    expect(snapshotNotebook(room.doc)).toEqual(before);
    expect(snapshotNotebook(watcher.doc)).toEqual(before);
    // The restored cell is a live one: typing into it still reaches the others.
    cellSourceText(getCellMap(watcher.doc, first!.id)!).insert(0, "# ok\n");
    expect(snapshotNotebook(room.doc).cells[0]!.source).toBe("# ok\nprint('hi')");
    // The rejected client, reconnecting, is repaired by the handshake and may carry on.
    attacker.disconnect();
    attacker.connect(room);
    expect(snapshotNotebook(attacker.doc)).toEqual(snapshotNotebook(room.doc));
    expect(attacker.closed).toHaveLength(1);
  });
});

describe("locked cells (an assignment's checks in a student's copy)", () => {
  let rooms: RoomManager;
  let checkId: CellId;

  beforeEach(() => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    const doc = new Y.Doc();
    insertCell(doc, { type: "code", source: "x = 1" }, me);
    checkId = insertCell(
      doc,
      { type: "code", source: "assert x == 1", metadata: { editable: false, deletable: false, tandem: { check: { hidden: false } } } },
      me,
    );
    storage.seed(ID, doc);
    rooms = new RoomManager(storage, () => undefined);
  });
  afterEach(() => vi.useRealTimers());

  const edits: [string, (doc: Y.Doc, id: CellId) => void][] = [
    ["types into it", (doc, id) => cellSourceText(getCellMap(doc, id)!).insert(0, "assert True  # ")],
    ["deletes it", (doc, id) => deleteCell(doc, id, me)],
    ["unlocks it", (doc, id) => setCellMetadata(doc, id, {}, me)],
  ];
  for (const [what, edit] of edits) {
    it(`takes back a student's update that ${what}, and closes only the student`, async () => {
      const room = (await rooms.open(ID))!;
      const student = new TestClient();
      const teacher = new TestClient(false, { editsLocked: true });
      student.connect(room);
      teacher.connect(room);
      const before = snapshotNotebook(room.doc);
      edit(student.doc, checkId);
      expect(student.closed).toEqual([{ code: CLOSE.rejectedUpdate, reason: `cell ${checkId} is locked` }]);
      expect(snapshotNotebook(room.doc)).toEqual(before);
      expect(snapshotNotebook(teacher.doc)).toEqual(before);
    });
  }

  it("lets the student run and move a check, and the teacher change it", async () => {
    const room = (await rooms.open(ID))!;
    const student = new TestClient();
    const teacher = new TestClient(false, { editsLocked: true });
    student.connect(room);
    teacher.connect(room);
    setOutputs(student.doc, checkId, [{ output_type: "stream", name: "stdout", text: "ok\n" }], 1, me);
    moveCell(student.doc, checkId, 0, me);
    expect(student.closed).toEqual([]);
    cellSourceText(getCellMap(teacher.doc, checkId)!).insert(0, "# fixed\n");
    expect(teacher.closed).toEqual([]);
    const check = snapshotNotebook(room.doc).cells[0]!;
    expect(check).toMatchObject({ id: checkId, source: "# fixed\nassert x == 1", executionCount: 1 });
    expect(snapshotNotebook(student.doc)).toEqual(snapshotNotebook(room.doc));
  });
});
