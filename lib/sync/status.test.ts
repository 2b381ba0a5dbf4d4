import { describe, expect, it } from "vitest";
import {
  connectionStatus,
  describeStatus,
  INITIAL_TRACKER,
  reduceConnection,
  type ConnectionEvent,
  type TrackerState,
} from "./status";

const run = (...events: ConnectionEvent[]): TrackerState => events.reduce(reduceConnection, INITIAL_TRACKER);
const status = (...events: ConnectionEvent[]) => connectionStatus(run(...events));
const open: ConnectionEvent = { type: "socket", status: "connected" };
const closed: ConnectionEvent = { type: "socket", status: "disconnected" };
const retrying: ConnectionEvent = { type: "socket", status: "connecting" };
const synced: ConnectionEvent = { type: "synced" };
const edit: ConnectionEvent = { type: "local-change" };

describe("connection status", () => {
  it("is connecting until the first sync, connected after it", () => {
    expect(status()).toEqual({ state: "connecting", unsent: 0 });
    expect(status(open)).toEqual({ state: "connecting", unsent: 0 });
    expect(status(open, synced)).toEqual({ state: "connected", unsent: 0 });
  });

  it("reconnects after a drop, and counts edits made meanwhile until the next sync", () => {
    const dropped = [open, synced, closed, edit, edit, retrying, edit] as const;
    expect(status(...dropped)).toEqual({ state: "reconnecting", unsent: 3 });
    expect(status(...dropped, open)).toEqual({ state: "reconnecting", unsent: 3 });
    expect(status(...dropped, open, synced)).toEqual({ state: "connected", unsent: 0 });
  });

  it("does not count edits made while synced", () => {
    expect(status(open, synced, edit, edit)).toEqual({ state: "connected", unsent: 0 });
  });

  it("goes offline when retries run out or the browser is offline, and back when it syncs", () => {
    expect(status(open, synced, closed, edit, { type: "retries-exhausted" })).toEqual({ state: "offline", unsent: 1 });
    expect(status(open, synced, { type: "network", online: false })).toEqual({ state: "offline", unsent: 0 });
    expect(status(open, synced, closed, { type: "retries-exhausted" }, open, synced).state).toBe("connected");
    expect(status(open, synced, { type: "retries-exhausted" }).state).toBe("connected");
  });

  it("adds changes restored from the browser's copy before the first sync, not after", () => {
    expect(status({ type: "restored", count: 4 }, edit)).toEqual({ state: "connecting", unsent: 5 });
    expect(status(open, synced, { type: "restored", count: 4 }).unsent).toBe(0);
  });

  it("words it for the header", () => {
    expect(describeStatus({ state: "connected", unsent: 0 })).toBe("Connected");
    expect(describeStatus({ state: "reconnecting", unsent: 0 })).toBe("Reconnecting…");
    expect(describeStatus({ state: "reconnecting", unsent: 1 })).toBe("Reconnecting… — 1 unsent change");
    expect(describeStatus({ state: "offline", unsent: 3 })).toBe("Offline — 3 unsent changes");
    expect(describeStatus({ state: "offline", unsent: 0 })).toBe("Offline");
  });
});
