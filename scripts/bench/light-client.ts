/**
 * Collaboration clients light enough that one process can hold thousands (bench:cluster's sockets
 * phase), speaking the same protocol as the page (lib/protocol/collab.ts, y-protocols sync):
 *
 * - A reader keeps no document. It asks for the state once (sync step 1 with an empty state
 *   vector), then reads only the header of each update frame: the first struct's client and clock,
 *   which for a keystroke is exactly the character typed. `onKeystroke(client, clock)` is called
 *   for each one. That costs a few microseconds a frame, where a Y.Doc per reader cost the load
 *   generator more than the instance it measured.
 * - A writer keeps a document of its own, synced once; it types into a cell of its own and never
 *   applies what others send (its own items are all it builds on), so it costs little more than a
 *   reader. `sentAt` maps each keystroke's clock to the moment it was typed.
 */
import WebSocket from "ws";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { insertCell, userOrigin, type CellId } from "../../lib/notebook";
import { cellSourceText, getCellMap } from "../../lib/notebook/schema";
import { COLLAB_PROTOCOL_VERSION, MESSAGE_SYNC } from "../../lib/protocol/collab";

export interface LightClient {
  readonly synced: Promise<void>;
  /** Called with the (client, clock) of the first struct of every update that arrives. */
  onKeystroke: (client: number, clock: number) => void;
  close(): void;
}

export interface LightWriter extends LightClient {
  readonly clientId: number;
  /** When the character with each clock was typed (performance.now()). */
  readonly sentAt: Map<number, number>;
  type(): void;
}

interface Connection {
  origin: string;
  cookie: string;
}

function open(port: number, notebookId: string, connection: Connection, onSync: (update: Uint8Array) => void, client: LightClient): { ws: WebSocket; synced: Promise<void> } {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/collab/${notebookId}?v=${COLLAB_PROTOCOL_VERSION}`, { headers: { Origin: connection.origin, Cookie: connection.cookie } });
  ws.binaryType = "nodebuffer";
  const synced = new Promise<void>((resolve, reject) => {
    ws.once("error", reject);
    ws.once("open", () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
      encoding.writeVarUint8Array(encoder, new Uint8Array([0]));
      ws.send(encoding.toUint8Array(encoder));
    });
    ws.on("message", (data: Buffer) => {
      const decoder = decoding.createDecoder(data);
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
      const type = decoding.readVarUint(decoder);
      const update = decoding.readVarUint8Array(decoder);
      if (type === syncProtocol.messageYjsSyncStep2) {
        onSync(update);
        resolve();
      } else if (type === syncProtocol.messageYjsUpdate) {
        // An update's header: how many clients, then for the first its struct count, id and clock.
        const header = decoding.createDecoder(update);
        if (decoding.readVarUint(header) === 0) return;
        decoding.readVarUint(header);
        const id = decoding.readVarUint(header);
        client.onKeystroke(id, decoding.readVarUint(header));
      }
    });
  });
  return { ws, synced };
}

export function lightReader(port: number, notebookId: string, connection: Connection): LightClient {
  const client: LightClient = { synced: Promise.resolve(), onKeystroke: () => undefined, close: () => ws.terminate() };
  const { ws, synced } = open(port, notebookId, connection, () => undefined, client);
  return Object.assign(client, { synced });
}

export function lightWriter(port: number, notebookId: string, connection: Connection): LightWriter {
  const doc = new Y.Doc();
  const origin = userOrigin(`writer-${doc.clientID}`);
  const sentAt = new Map<number, number>();
  let cell: CellId | null = null;
  const writer: LightWriter = {
    synced: Promise.resolve(),
    clientId: doc.clientID,
    sentAt,
    onKeystroke: () => undefined,
    close: () => ws.terminate(),
    type() {
      const source = cellSourceText(getCellMap(doc, cell!)!);
      sentAt.set(Y.getState(doc.store, doc.clientID), performance.now());
      doc.transact(() => source.insert(source.length, "x"), origin);
    },
  };
  const { ws, synced } = open(port, notebookId, connection, (update) => Y.applyUpdate(doc, update), writer);
  doc.on("update", (update: Uint8Array, from: unknown) => {
    if (from !== origin || ws.readyState !== ws.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    ws.send(encoding.toUint8Array(encoder));
  });
  return Object.assign(writer, {
    synced: synced.then(() => {
      cell = insertCell(doc, { type: "code", source: "" }, origin);
    }),
  });
}
