/**
 * The session against a real WebSocket: a tiny y-websocket relay (one Y.Doc, sync and awareness)
 * stands in for the app's server, which lib/sync must not import. Checks the connection status,
 * the unsent-change count across a server outage, convergence, presence and disposal.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import WebSocket, { WebSocketServer } from "ws";
import { insertCell, LOAD, cellOrder, snapshotNotebook } from "../notebook";
import { readPeers } from "./presence";
import { createNotebookSession, type NotebookSession } from "./session";

class Relay {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly http: Server = createServer();
  private readonly wss = new WebSocketServer({ server: this.http });

  constructor(state: Uint8Array) {
    Y.applyUpdate(this.doc, state);
    this.awareness.setLocalState(null);
    this.wss.on("connection", (ws) => {
      const send = (build: (e: encoding.Encoder) => void) => {
        const e = encoding.createEncoder();
        build(e);
        ws.send(encoding.toUint8Array(e));
      };
      const onUpdate = (update: Uint8Array, origin: unknown) => {
        if (origin !== ws) send((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeUpdate(e, update)));
      };
      const onAwareness = ({ added, updated, removed }: Record<string, number[]>) => {
        const ids = [...added!, ...updated!, ...removed!];
        send((e) => (encoding.writeVarUint(e, 1), encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids))));
      };
      this.doc.on("update", onUpdate);
      this.awareness.on("update", onAwareness);
      ws.on("close", () => {
        this.doc.off("update", onUpdate);
        this.awareness.off("update", onAwareness);
      });
      send((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeSyncStep1(e, this.doc)));
      ws.on("message", (data: Buffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        const type = decoding.readVarUint(decoder);
        if (type === 0) {
          const reply = encoding.createEncoder();
          encoding.writeVarUint(reply, 0);
          syncProtocol.readSyncMessage(decoder, reply, this.doc, ws);
          if (encoding.length(reply) > 1) ws.send(encoding.toUint8Array(reply));
        } else if (type === 1) {
          awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), ws);
        }
      });
    });
  }

  async listen(port = 0): Promise<string> {
    await new Promise<void>((resolve) => this.http.listen(port, "127.0.0.1", resolve));
    return `ws://127.0.0.1:${(this.http.address() as AddressInfo).port}/collab`;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => this.http.close(() => resolve())));
  }
}

const until = async (check: () => boolean, what: string, timeoutMs = 8_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

function blank(): Uint8Array {
  const doc = new Y.Doc();
  insertCell(doc, { type: "code", source: "" }, LOAD);
  return Y.encodeStateAsUpdate(doc);
}

const open: (NotebookSession | Relay)[] = [];
afterEach(async () => {
  for (const thing of open.splice(0)) await (thing instanceof Relay ? thing.close() : thing.dispose());
});

function session(serverUrl: string, initialState: Uint8Array, name: string): NotebookSession {
  const s = createNotebookSession({
    notebookId: "nb1",
    initialState,
    user: { name, color: "#2b8a3e" },
    serverUrl,
    persist: false,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  open.push(s);
  return s;
}

describe("NotebookSession", () => {
  it("connects, converges with another session, and shows both people", async () => {
    const state = blank();
    const relay = new Relay(state);
    open.push(relay);
    const url = await relay.listen();
    const ada = session(url, state, "Ada");
    const grace = session(url, state, "Grace");
    await until(() => ada.status.get().state === "connected" && grace.status.get().state === "connected", "sync");
    const [cell] = cellOrder(ada.doc);
    insertCell(ada.doc, { type: "markdown", source: "# hi" }, ada.origin);
    await until(() => cellOrder(grace.doc).length === 2, "the insert to arrive");
    expect(snapshotNotebook(grace.doc)).toEqual(snapshotNotebook(ada.doc));
    expect(cellOrder(grace.doc)[0]).toBe(cell);
    await until(() => readPeers(ada.awareness.getStates(), ada.doc.clientID).length === 2, "presence");
    expect(readPeers(ada.awareness.getStates(), ada.doc.clientID).map((p) => p.name)).toEqual(["Ada", "Grace"]);
  });

  it("counts changes made while the server is away, and sends them when it is back", async () => {
    const state = blank();
    const relay = new Relay(state);
    const url = await relay.listen();
    const port = relay.port;
    const ada = session(url, state, "Ada");
    await until(() => ada.status.get().state === "connected", "sync");
    await relay.close();
    await until(() => ada.status.get().state === "reconnecting", "the drop");
    insertCell(ada.doc, { type: "code", source: "a = 1" }, ada.origin);
    insertCell(ada.doc, { type: "code", source: "b = 2" }, ada.origin);
    expect(ada.status.get()).toEqual({ state: "reconnecting", unsent: 2 });

    const back = new Relay(state);
    open.push(back);
    await back.listen(port);
    await until(() => ada.status.get().state === "connected", "the reconnect", 10_000);
    expect(ada.status.get().unsent).toBe(0);
    await until(() => cellOrder(back.doc).length === 3, "the changes to reach the server");
  });

  it("can be disposed twice", () => {
    const s = session("ws://127.0.0.1:9/collab", blank(), "Ada");
    s.dispose();
    expect(() => s.dispose()).not.toThrow();
  });
});
