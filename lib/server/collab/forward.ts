/**
 * Forwarding a client's socket to the instance that serves its notebook's room (ADR 0007).
 *
 * The edge (the instance the load balancer picked) checks the connection as it always has, then
 * opens a socket of its own to the owner and pipes frames both ways. The owner trusts the access
 * in the upgrade's FORWARD_HEADER, signed with a key derived from the auth secret every instance
 * shares (HMAC-SHA256 over the notebook id, rights and expiry), instead of deciding again; a
 * header for one notebook opens no other, and an old one is refused.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { WebSocket } from "ws";
import { COLLAB_PATH, COLLAB_PROTOCOL_VERSION, COLLAB_VERSION_PARAM, MAX_FRAME_BYTES } from "../../protocol/collab";
import { FORWARD_HEADER, FORWARD_VALID_MS, type ForwardedAccess } from "../../protocol/cluster";

/** The key forwarded headers are signed with, derived from the shared auth secret. */
export function forwardKey(authSecret: string): Buffer {
  return createHmac("sha256", authSecret).update("tandem forwarded socket v1").digest();
}

const sign = (key: Buffer, payload: string) => createHmac("sha256", key).update(payload).digest("base64url");

export function signForward(key: Buffer, access: Omit<ForwardedAccess, "until">, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ ...access, until: now + FORWARD_VALID_MS })).toString("base64url");
  return `${payload}.${sign(key, payload)}`;
}

/** The access a forwarded header carries for `notebookId`, or null (forged, expired, another notebook). */
export function verifyForward(key: Buffer, header: string, notebookId: string, now = Date.now()): ForwardedAccess | null {
  const [payload, mac, extra] = header.split(".");
  if (!payload || !mac || extra !== undefined) return null;
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let access: ForwardedAccess;
  try {
    access = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as ForwardedAccess;
  } catch {
    return null;
  }
  if (access.notebookId !== notebookId || typeof access.until !== "number" || access.until < now) return null;
  return { notebookId, write: access.write === true, teacher: access.teacher === true, editsLocked: access.editsLocked === true, until: access.until };
}

/**
 * Opens the owner's side of a forwarded socket; resolves once open, rejects if it cannot be.
 * `onMessage` listens from the start: the owner's first frames (the sync handshake) can arrive
 * with the upgrade's answer, before a listener added after `open` would hear them.
 */
export function connectToOwner(address: string, notebookId: string, header: string, onMessage: (data: Buffer, binary: boolean) => void, timeoutMs = 2_000): Promise<WebSocket> {
  const url = `ws://${address}${COLLAB_PATH}${encodeURIComponent(notebookId)}?${COLLAB_VERSION_PARAM}=${COLLAB_PROTOCOL_VERSION}`;
  const upstream = new WebSocket(url, { headers: { [FORWARD_HEADER]: header }, maxPayload: MAX_FRAME_BYTES, handshakeTimeout: timeoutMs, perMessageDeflate: false });
  upstream.on("message", onMessage);
  return new Promise((resolve, reject) => {
    upstream.once("open", () => {
      upstream.off("error", reject);
      resolve(upstream);
    });
    upstream.once("error", reject);
    upstream.once("unexpected-response", (_req, res) => {
      upstream.off("error", reject);
      upstream.terminate();
      reject(new Error(`the owner at ${address} answered ${res.statusCode}`));
    });
  });
}
