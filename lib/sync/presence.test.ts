import { describe, expect, it } from "vitest";
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import {
  clearPresenceCursor,
  guardRemotePresence,
  initials,
  initPresence,
  readPeers,
  setPresenceCell,
  setPresenceAwaitingInput,
  setPresenceRunning,
  suggestGuestName,
} from "./presence";
import { collabServerUrl } from "./url";

describe("guest names and initials", () => {
  it("suggests 'Guest N' with N from 1 to 99", () => {
    expect(suggestGuestName(() => 0)).toBe("Guest 1");
    expect(suggestGuestName(() => 0.9999)).toBe("Guest 99");
  });

  it("makes avatar initials", () => {
    expect(initials("Ada Lovelace")).toBe("AL");
    expect(initials("grace")).toBe("G");
    expect(initials("Guest 42")).toBe("G4");
  });
});

describe("readPeers", () => {
  it("lists valid participants, me first then by name, and drops malformed states", () => {
    const states = new Map<number, unknown>([
      [3, { user: { name: "Zoe", color: "#2b8a3e" }, cellId: "cell-1", cursor: null, running: "run-7", awaitingInput: true }],
      [1, { user: { name: "Me", color: "#d9480f" }, cellId: null, awaitingInput: true }],
      [2, { user: { name: "Al", color: "#ae3ec9" }, cellId: "not a valid id!", running: 42 }],
      [4, { user: { name: "", color: "#ae3ec9" } }],
      [5, { user: { name: "Eve", color: "red; background: url(x)" } }],
      [6, {}],
      [7, null],
    ]);
    expect(readPeers(states, 1)).toEqual([
      // Waiting for input only counts with a run to wait in.
      { clientId: 1, name: "Me", color: "#d9480f", cellId: null, running: null, awaitingInput: false, isLocal: true },
      { clientId: 2, name: "Al", color: "#ae3ec9", cellId: null, running: null, awaitingInput: false, isLocal: false },
      { clientId: 3, name: "Zoe", color: "#2b8a3e", cellId: "cell-1", running: "run-7", awaitingInput: true, isLocal: false },
    ]);
  });

  it("keeps a teacher's role label, and nothing else in its place", () => {
    const states = new Map<number, unknown>([
      [1, { user: { name: "Tess", color: "#d9480f", role: "teacher" } }],
      [2, { user: { name: "Ann", color: "#2b8a3e", role: "admin" } }],
    ]);
    expect(readPeers(states, 9).map((p) => [p.name, p.role])).toEqual([
      ["Ann", undefined],
      ["Tess", "teacher"],
    ]);
  });

  it("reads back what a session publishes, and writes the cell and caret only on change", () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    initPresence(awareness, { name: "Ada", color: "#d9480f" });
    let changes = 0;
    awareness.on("change", () => changes++);
    setPresenceCell(awareness, "c1" as never);
    setPresenceCell(awareness, "c1" as never);
    expect(changes).toBe(1);
    awareness.setLocalStateField("cursor", { anchor: {}, head: {} });
    clearPresenceCursor(awareness);
    clearPresenceCursor(awareness);
    expect(awareness.getLocalState()?.cursor).toBeNull();
    expect(changes).toBe(3);
    setPresenceRunning(awareness, "r1");
    setPresenceRunning(awareness, "r1");
    expect(changes).toBe(4);
    setPresenceAwaitingInput(awareness, true);
    setPresenceAwaitingInput(awareness, true);
    expect(changes).toBe(5);
    expect(readPeers(awareness.getStates(), doc.clientID)).toEqual([
      { clientId: doc.clientID, name: "Ada", color: "#d9480f", cellId: "c1", running: "r1", awaitingInput: true, isLocal: true },
    ]);
    awareness.destroy();
  });
});

describe("guardRemotePresence", () => {
  it("cleans a hostile or malformed remote state before anyone draws it", () => {
    const mine = new Awareness(new Y.Doc());
    const theirs = new Awareness(new Y.Doc());
    guardRemotePresence(mine);
    const seen: unknown[] = [];
    mine.on("change", () => seen.push(structuredClone(mine.getStates().get(theirs.clientID))));
    const good = { type: { client: 1, clock: 2 }, tname: null, item: null, assoc: 0 };
    theirs.setLocalState({
      user: { name: "Eve", color: "red; position: fixed; inset: 0" },
      cellId: "ok-cell",
      cursor: { anchor: { item: 5 }, head: good },
      running: { not: "a run id" },
    });
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), "remote");
    expect(seen).toEqual([{ cellId: "ok-cell", cursor: null, running: null, awaitingInput: false }]);
    theirs.setLocalState({ user: { name: "Eve", color: "#2b8a3e" }, cellId: "../x", cursor: { anchor: good, head: good }, running: "r9", awaitingInput: "yes" });
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), "remote");
    expect(seen[1]).toEqual({ user: { name: "Eve", color: "#2b8a3e" }, cellId: null, cursor: { anchor: good, head: good }, running: "r9", awaitingInput: false });
  });
});

describe("collabServerUrl", () => {
  it("uses the page's host, wss behind https", () => {
    expect(collabServerUrl({ protocol: "http:", host: "localhost:3000" })).toBe("ws://localhost:3000/collab");
    expect(collabServerUrl({ protocol: "https:", host: "tandem.example" })).toBe("wss://tandem.example/collab");
  });
});
