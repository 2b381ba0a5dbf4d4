/**
 * The protocol between instances (ADR 0007), one file like every boundary's: the header that
 * carries a forwarded socket's access, and the events published on Redis. Both sides are Tandem
 * servers of the same build; the events are still read defensively (a message from a newer or
 * older build is ignored, not trusted).
 */

/** Upgrade header of a socket forwarded to the room's owner: `<payload base64url>.<HMAC-SHA256 base64url>`. */
export const FORWARD_HEADER = "x-tandem-forward";
/** A forwarded header is good this long after it was made (it never leaves the instances' network). */
export const FORWARD_VALID_MS = 30_000;

/** What the edge decided about a forwarded connection; the owner acts on it without asking again. */
export interface ForwardedAccess {
  /** The notebook it was decided for (a header for one notebook opens no other). */
  readonly notebookId: string;
  readonly write: boolean;
  readonly teacher: boolean;
  readonly editsLocked: boolean;
  /** Expiry, ms since the epoch. */
  readonly until: number;
}

/** The Redis channel every instance listens on. */
export const EVENTS_CHANNEL = "tandem:events";

/** Something that happened on one instance that others act on for their own sockets and rooms. */
export type ClusterEvent =
  | { readonly type: "access"; readonly notebookId: string }
  | { readonly type: "comments"; readonly notebookId: string }
  | { readonly type: "progress"; readonly notebookId: string }
  | { readonly type: "title"; readonly notebookId: string; readonly title: string }
  | { readonly type: "session"; readonly sessionId: string }
  /** Something in a class changed (a hand-in, a grade...): its open grids render again. */
  | { readonly type: "class"; readonly classId: string }
  /** A server-side change stored unfenced; the owner applies it (`update`: a Yjs update, base64). */
  | { readonly type: "change"; readonly notebookId: string; readonly update: string };

const isString = (value: unknown): value is string => typeof value === "string" && value.length > 0 && value.length < 10_000_000;

/** The event in a published message, or null when it is not one this build knows. */
export function parseClusterEvent(text: string): ClusterEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const event = value as Record<string, unknown>;
  switch (event.type) {
    case "access":
    case "comments":
    case "progress":
      return isString(event.notebookId) ? { type: event.type, notebookId: event.notebookId } : null;
    case "title":
      return isString(event.notebookId) && typeof event.title === "string" ? { type: "title", notebookId: event.notebookId, title: event.title } : null;
    case "session":
      return isString(event.sessionId) ? { type: "session", sessionId: event.sessionId } : null;
    case "class":
      return isString(event.classId) ? { type: "class", classId: event.classId } : null;
    case "change":
      return isString(event.notebookId) && isString(event.update) ? { type: "change", notebookId: event.notebookId, update: event.update } : null;
    default:
      return null;
  }
}
