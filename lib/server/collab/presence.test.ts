import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { insertCell, userOrigin } from "@/lib/notebook";
import { MemoryStorage } from "@/tests/support/memory-storage";
import { TestClient } from "@/tests/support/sync-client";
import { AWARENESS_PER_SECOND } from "./presence";
import { RoomManager } from "./rooms";
import type { Room } from "./room";

const ID = "nb-presence";

/** An awareness update saying `state` for `clientId` at `clock`, as any client could craft one. */
function forged(clientId: number, clock: number, state: Record<string, unknown> | null): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(state);
  awareness.meta.set(clientId, { clock, lastUpdated: 0 });
  if (state === null) awareness.states.delete(clientId);
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId]);
  awareness.destroy();
  return update;
}

describe("presence bound to its connection", () => {
  let room: Room;

  beforeEach(async () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    const doc = new Y.Doc();
    insertCell(doc, { type: "code", source: "" }, userOrigin("test"));
    storage.seed(ID, doc);
    room = (await new RoomManager(storage, () => undefined).open(ID))!;
  });
  afterEach(() => vi.useRealTimers());

  it("ignores another connection's clientID, with a higher clock or a null state", () => {
    const victim = new TestClient();
    const mallory = new TestClient();
    const watcher = new TestClient();
    for (const c of [victim, mallory, watcher]) c.connect(room);
    victim.setPresence({ user: { name: "Ada", color: "#f00" }, cell: "c1" });
    const id = victim.doc.clientID;
    const clock = victim.awareness.meta.get(id)!.clock;
    mallory.sendAwareness(forged(id, clock + 10, { user: { name: "Mallory", color: "#000", role: "teacher" } }));
    mallory.sendAwareness(forged(id, clock + 20, null));
    expect(watcher.awareness.getStates().get(id)).toEqual({ user: { name: "Ada", color: "#f00" }, cell: "c1" });
    expect(room.awareness.getStates().get(id)).toEqual({ user: { name: "Ada", color: "#f00" }, cell: "c1" });
    // Mallory's own presence still works, and the victim's later updates still count.
    mallory.setPresence({ user: { name: "Mallory", color: "#000" } });
    expect(watcher.awareness.getStates().get(mallory.doc.clientID)).toEqual({ user: { name: "Mallory", color: "#000" } });
    victim.setPresence({ user: { name: "Ada", color: "#f00" }, cell: "c2" });
    expect(watcher.awareness.getStates().get(id)).toMatchObject({ cell: "c2" });
    // The id is free again once its connection leaves.
    victim.disconnect();
    expect(watcher.awareness.getStates().has(id)).toBe(false);
  });

  it("coalesces a connection's updates past the limit per second, ending on the latest", async () => {
    const mover = new TestClient();
    const watcher = new TestClient();
    mover.connect(room);
    watcher.connect(room);
    let seen = 0;
    watcher.awareness.on("change", () => seen++);
    for (let i = 0; i < 5 * AWARENESS_PER_SECOND; i++) mover.setPresence({ user: { name: "Ada", color: "#f00" }, cell: `c${i}` });
    expect(seen).toBe(AWARENESS_PER_SECOND);
    expect(watcher.awareness.getStates().get(mover.doc.clientID)).toMatchObject({ cell: `c${AWARENESS_PER_SECOND - 1}` });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(seen).toBe(AWARENESS_PER_SECOND + 1);
    expect(watcher.awareness.getStates().get(mover.doc.clientID)).toMatchObject({ cell: `c${5 * AWARENESS_PER_SECOND - 1}` });
    // Another connection's budget is its own.
    watcher.setPresence({ user: { name: "Bo", color: "#0f0" } });
    expect(mover.awareness.getStates().get(watcher.doc.clientID)).toEqual({ user: { name: "Bo", color: "#0f0" } });
  });
});
