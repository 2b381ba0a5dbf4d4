/**
 * The collaboration endpoint: WebSocket upgrades on /collab/<notebookId>.
 *
 * Every upgrade is checked before any Yjs message is exchanged: the Origin must be one of ours
 * (403 otherwise) and the notebook must exist and be readable by this connection (404 otherwise,
 * so a private notebook's existence is not revealed). This first version serves the stored
 * document read-only over the y-websocket sync protocol; live co-editing builds on it.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type * as Y from "yjs";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { CLOSE, COLLAB_PATH, MAX_FRAME_BYTES, MESSAGE_AWARENESS, MESSAGE_SYNC } from "./protocol";
import { loadReadableDocument } from "./load";

export interface CollabEndpointOptions {
  allowedOrigins: readonly string[];
  publicOrigin: string;
}

export interface CollabEndpoint {
  matches(req: IncomingMessage): boolean;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every connection; safe to call twice. */
  close(): Promise<void>;
}

function refuse(socket: Duplex, status: 403 | 404 | 500, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function createCollabEndpoint(options: CollabEndpointOptions): CollabEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const allowed = new Set(options.allowedOrigins);
  let closed = false;

  function serve(ws: WebSocket, doc: Y.Doc): void {
    const send = (encoder: encoding.Encoder) => ws.send(encoding.toUint8Array(encoder));
    const hello = encoding.createEncoder();
    encoding.writeVarUint(hello, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(hello, doc);
    send(hello);
    ws.on("message", (data: Buffer) => {
      try {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        const type = decoding.readVarUint(decoder);
        if (type === MESSAGE_SYNC) {
          const syncType = decoding.readVarUint(decoder);
          if (syncType === syncProtocol.messageYjsSyncStep1) {
            const reply = encoding.createEncoder();
            encoding.writeVarUint(reply, MESSAGE_SYNC);
            syncProtocol.readSyncStep1(decoder, reply, doc);
            send(reply);
          }
          // Step 2 and updates: this endpoint is read-only for now, so nothing is applied.
        } else if (type !== MESSAGE_AWARENESS) {
          ws.close(CLOSE.badFrame, `unknown message type ${type}`);
        }
      } catch {
        ws.close(CLOSE.badFrame, "could not decode frame");
      }
    });
  }

  return {
    matches: (req) => (req.url ?? "").startsWith(COLLAB_PATH),
    handleUpgrade(req, socket, head) {
      if (closed) return refuse(socket, 500, "Shutting Down");
      const origin = req.headers.origin;
      if (!origin || !allowed.has(origin)) return refuse(socket, 403, "Forbidden");
      const id = decodeURIComponent((req.url ?? "").slice(COLLAB_PATH.length).split(/[/?#]/)[0] ?? "");
      loadReadableDocument(id)
        .then((doc) => {
          if (!doc) return refuse(socket, 404, "Not Found");
          wss.handleUpgrade(req, socket, head, (ws) => serve(ws, doc));
        })
        .catch((error: unknown) => {
          console.error(`Collaboration upgrade for notebook ${JSON.stringify(id)} failed:`, error);
          refuse(socket, 500, "Internal Server Error");
        });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const client of wss.clients) client.close(CLOSE.goingAway, "server shutting down");
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
