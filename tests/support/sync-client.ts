/**
 * A minimal y-websocket protocol client for tests of the room: a Y.Doc plus the frames it would
 * exchange, without a socket. `connect` wires it to a Room as a Peer.
 */
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import { MESSAGE_AWARENESS, MESSAGE_COMMENTS_CHANGED, MESSAGE_PROGRESS_CHANGED, MESSAGE_SYNC, MESSAGE_TITLE_CHANGED } from "@/lib/protocol/collab";
import type { Peer, Room } from "@/lib/server/collab/room";

export class TestClient {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly closed: { code: number; reason: string }[] = [];
  /** How many times the server said the comments changed. */
  commentsChanged = 0;
  progressChanged = 0;
  /** The titles the server announced (MESSAGE_TITLE_CHANGED), in order. */
  titles: string[] = [];
  peer: Peer;
  private room: Room | null = null;

  constructor(readOnly = false, { teacher = false, editsLocked = false }: { teacher?: boolean; editsLocked?: boolean } = {}) {
    this.peer = {
      readOnly,
      teacher,
      editsLocked,
      send: (message) => this.receive(message),
      close: (code, reason) => {
        this.closed.push({ code, reason });
      },
    };
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === this || !this.room) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      this.room.receive(this.peer, encoding.toUint8Array(encoder));
    });
  }

  connect(room: Room): void {
    this.room = room;
    room.join(this.peer);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    room.receive(this.peer, encoding.toUint8Array(encoder));
  }

  disconnect(): void {
    this.room?.leave(this.peer);
    this.room = null;
  }

  /** Sends an awareness update as given (a misbehaving client may speak for any clientID). */
  sendAwareness(update: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, update);
    this.room?.receive(this.peer, encoding.toUint8Array(encoder));
  }

  /** Sends raw bytes, as a misbehaving client would. */
  sendRaw(bytes: Uint8Array): void {
    this.room?.receive(this.peer, bytes);
  }

  setPresence(state: Record<string, unknown>): void {
    this.awareness.setLocalState(state);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]));
    this.room?.receive(this.peer, encoding.toUint8Array(encoder));
  }

  private receive(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
      if (encoding.length(encoder) > 1) this.room?.receive(this.peer, encoding.toUint8Array(encoder));
    } else if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    } else if (type === MESSAGE_COMMENTS_CHANGED) {
      this.commentsChanged++;
    } else if (type === MESSAGE_PROGRESS_CHANGED) {
      this.progressChanged++;
    } else if (type === MESSAGE_TITLE_CHANGED) {
      this.titles.push(decoding.readVarString(decoder));
    }
  }
}
