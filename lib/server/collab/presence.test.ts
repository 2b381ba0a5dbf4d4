import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { insertCell, userOrigin } from "@/lib/notebook";
import { MemoryStorage } from "@/tests/support/memory-storage";
import { TestClient } from "@/tests/support/sync-client";
import { AWARENESS_PER_SECOND } from "./presence";
import { RoomManager } from "./rooms";
import { PRESENCE_BURST, PRESENCE_WINDOW_MS, type Room } from "./room";

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
    // The room applies the connection's first AWARENESS_PER_SECOND; the first PRESENCE_BURST go
    // out at once, the rest of those together when the room's window ends (room.ts).
    expect(seen).toBe(PRESENCE_BURST);
    await vi.advanceTimersByTimeAsync(PRESENCE_WINDOW_MS);
    expect(seen).toBe(PRESENCE_BURST + 1);
    expect(watcher.awareness.getStates().get(mover.doc.clientID)).toMatchObject({ cell: `c${AWARENESS_PER_SECOND - 1}` });
    // The connection's own window ends: the latest of the rest.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(seen).toBe(PRESENCE_BURST + 2);
    expect(watcher.awareness.getStates().get(mover.doc.clientID)).toMatchObject({ cell: `c${5 * AWARENESS_PER_SECOND - 1}` });
    // Another connection's budget is its own.
    watcher.setPresence({ user: { name: "Bo", color: "#0f0" } });
    expect(mover.awareness.getStates().get(watcher.doc.clientID)).toEqual({ user: { name: "Bo", color: "#0f0" } });
  });

  it("sends a crowd's presence in a few messages, ending on everyone's latest", async () => {
    const watcher = new TestClient();
    watcher.connect(room);
    const crowd = Array.from({ length: 30 }, () => new TestClient());
    for (const client of crowd) client.connect(room);
    let messages = 0;
    watcher.awareness.on("update", (_change: unknown, origin: unknown) => {
      if (origin !== "local") messages += 1;
    });
    // A class that arrived together renews together (every 15 s in y-websocket).
    crowd.forEach((client, i) => client.setPresence({ user: { name: `S${i}`, color: "#000" } }));
    expect(messages).toBe(PRESENCE_BURST);
    await vi.advanceTimersByTimeAsync(PRESENCE_WINDOW_MS);
    expect(messages).toBe(PRESENCE_BURST + 1);
    crowd.forEach((client, i) => expect(watcher.awareness.getStates().get(client.doc.clientID)).toEqual({ user: { name: `S${i}`, color: "#000" } }));
    // Once the burst is over, a change goes out at once again.
    await vi.advanceTimersByTimeAsync(PRESENCE_WINDOW_MS);
    crowd[0]!.setPresence({ user: { name: "S0", color: "#000" }, cell: "c1" });
    expect(watcher.awareness.getStates().get(crowd[0]!.doc.clientID)).toMatchObject({ cell: "c1" });
  });

  it("lets a connection echo others' presence without spending its own budget", () => {
    const mover = new TestClient();
    const echoer = new TestClient();
    const watcher = new TestClient();
    for (const client of [mover, echoer, watcher]) client.connect(room);
    mover.setPresence({ user: { name: "Ada", color: "#f00" } });
    const id = mover.doc.clientID;
    const clock = watcher.awareness.meta.get(id)!.clock;
    // y-websocket's provider sends back every change it hears: here, many times over the limit.
    for (let i = 1; i <= 3 * AWARENESS_PER_SECOND; i++) echoer.sendAwareness(forged(id, clock + i, { user: { name: "Ada", color: "#f00" } }));
    // Dropped, and the echoer's own presence still goes out at once.
    expect(watcher.awareness.meta.get(id)!.clock).toBe(clock);
    echoer.setPresence({ user: { name: "Bo", color: "#0f0" } });
    expect(watcher.awareness.getStates().get(echoer.doc.clientID)).toEqual({ user: { name: "Bo", color: "#0f0" } });
  });
});
