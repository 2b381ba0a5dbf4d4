/**
 * Presence: what each participant tells the others through Yjs awareness, and nothing else.
 * Awareness is not the document: it is never stored, and it disappears when a participant leaves.
 *
 *   awareness local state
 *     user:   { name, color, role? } who I am (a guest name until accounts exist), my colour, and
 *                                    "teacher" when I am a teacher looking at a student's copy
 *                                    (a label, not a permission; the server sets or removes it
 *                                    from what it knows of each connection: room.ts stampRole)
 *     cellId: CellId | null          the cell I have selected, in command or edit mode
 *     cursor: { anchor, head } | null
 *                                    my caret and selection as Yjs relative positions, written by
 *                                    y-codemirror.next's remote-selections plugin (the field name
 *                                    is its); a relative position names the cell's Y.Text itself,
 *                                    so every other cell's editor skips it
 *     running: string | null         the runId of the run my Python is doing now (execution.ts):
 *                                    a run marked "running" in the document that no present
 *                                    participant claims was cut off (its runner left)
 *     awaitingInput: boolean         that run is waiting for my answer to its input(): the others
 *                                    see "Waiting for Ada's input…" rather than a bare [*]
 *
 * The `user` shape, its colours and name rules are shared with the server: lib/protocol/presence.ts.
 *
 * Remote states arrive from other browsers and are untrusted: `readPeers` validates them and
 * drops what does not fit, and clips names so a long one cannot break the layout.
 */
import type { Awareness } from "y-protocols/awareness";
import { isCellId, type CellId } from "../notebook/ids";
import { normalizeName, type PresenceUser } from "../protocol/presence";

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

export interface PresenceCursor {
  readonly anchor: unknown;
  readonly head: unknown;
}

export interface PresenceState {
  readonly user: PresenceUser;
  readonly cellId: CellId | null;
  readonly cursor: PresenceCursor | null;
  readonly running: string | null;
  readonly awaitingInput: boolean;
}

/** One participant as the page shows them. */
export interface Participant {
  readonly clientId: number;
  readonly name: string;
  readonly color: string;
  readonly role?: "teacher";
  readonly cellId: CellId | null;
  /** The runId of the run their Python is doing, if any. */
  readonly running: string | null;
  /** Whether that run waits for their answer to input(). */
  readonly awaitingInput: boolean;
  /** This browser tab. */
  readonly isLocal: boolean;
}

/** A default guest name, "Guest 1" to "Guest 99". */
export function suggestGuestName(random: () => number = Math.random): string {
  return `Guest ${1 + Math.floor(random() * 99)}`;
}

/** Up to two initials for an avatar: "Ada Lovelace" -> "AL", "guest 42" -> "G4". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length >= 2 ? [words[0]!, words[1]!].map((w) => [...w][0]) : [...(words[0] ?? "?")].slice(0, 1);
  return letters.join("").toUpperCase();
}

function parseUser(value: unknown): PresenceUser | null {
  if (typeof value !== "object" || value === null) return null;
  const { name, color, role } = value as { name?: unknown; color?: unknown; role?: unknown };
  if (typeof name !== "string" || typeof color !== "string" || !HEX_COLOR.test(color)) return null;
  const clean = normalizeName(name);
  if (!clean) return null;
  return role === "teacher" ? { name: clean, color, role } : { name: clean, color };
}

/**
 * The participants in `states` (an awareness state map) with a valid user: this tab first, then
 * by name. States without a user (a reader who has not joined) are left out.
 */
export function readPeers(states: ReadonlyMap<number, unknown>, localClientId: number): Participant[] {
  const peers: Participant[] = [];
  states.forEach((state, clientId) => {
    if (typeof state !== "object" || state === null) return;
    const user = parseUser((state as { user?: unknown }).user);
    if (!user) return;
    const cell = (state as { cellId?: unknown }).cellId;
    const running = (state as { running?: unknown }).running;
    peers.push({
      clientId,
      ...user,
      cellId: isCellId(cell) ? cell : null,
      running: isRunId(running) ? running : null,
      awaitingInput: isRunId(running) && (state as { awaitingInput?: unknown }).awaitingInput === true,
      isLocal: clientId === localClientId,
    });
  });
  return peers.sort((a, b) =>
    a.isLocal !== b.isLocal ? (a.isLocal ? -1 : 1) : a.name.localeCompare(b.name) || a.clientId - b.clientId,
  );
}

/** A run id as the runner makes them: short, printable. */
function isRunId(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= 200;
}

function isId(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const { client, clock } = value as { client?: unknown; clock?: unknown };
  return Number.isInteger(client) && Number.isInteger(clock);
}

/** A relative position as Yjs serializes it: { type, tname, item, assoc }, ids or null. */
function isRelativePosition(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const { type, tname, item, assoc } = value as Record<string, unknown>;
  return (
    (type === null || isId(type)) &&
    (tname === null || typeof tname === "string") &&
    (item === null || isId(item)) &&
    (assoc === undefined || typeof assoc === "number")
  );
}

function parseCursor(value: unknown): PresenceCursor | null {
  if (typeof value !== "object" || value === null) return null;
  const { anchor, head } = value as { anchor?: unknown; head?: unknown };
  return isRelativePosition(anchor) && isRelativePosition(head) ? { anchor, head } : null;
}

/**
 * Cleans other participants' states as they arrive, in place, before anything draws them:
 * y-codemirror.next puts a remote colour into a style attribute and resolves a remote cursor
 * without checking either, so a malformed or hostile state could restyle the page or break an
 * editor. A bad colour drops the user (the caret is not drawn); a bad cursor becomes null.
 * Register it before any editor exists (listeners run in order). Returns the unsubscribe.
 */
export function guardRemotePresence(awareness: Awareness): () => void {
  const onChange = ({ added, updated }: { added: number[]; updated: number[] }) => {
    for (const clientId of [...added, ...updated]) {
      if (clientId === awareness.clientID) continue;
      const state = awareness.getStates().get(clientId);
      if (!state) continue;
      const user = parseUser(state.user);
      if (user) state.user = user;
      else delete state.user;
      state.cursor = parseCursor(state.cursor);
      if (!isCellId(state.cellId)) state.cellId = null;
      if (!isRunId(state.running)) state.running = null;
      state.awaitingInput = state.awaitingInput === true;
    }
  };
  awareness.on("change", onChange);
  return () => awareness.off("change", onChange);
}

/** Publishes my initial presence. */
export function initPresence(awareness: Awareness, user: PresenceUser): void {
  const state: PresenceState = { user, cellId: null, cursor: null, running: null, awaitingInput: false };
  awareness.setLocalState({ ...state });
}

export function setPresenceUser(awareness: Awareness, user: PresenceUser): void {
  const current = awareness.getLocalState() as Partial<PresenceState> | null;
  if (current?.user?.name === user.name && current.user.color === user.color && current.user.role === user.role) return;
  awareness.setLocalStateField("user", user);
}

/** Sets the cell I am in; writes only on change (every write is sent to everyone). */
export function setPresenceCell(awareness: Awareness, cellId: CellId | null): void {
  const current = awareness.getLocalState() as Partial<PresenceState> | null;
  if (!current || current.cellId === cellId) return;
  awareness.setLocalStateField("cellId", cellId);
}

/** Says which run my Python is doing (null: none). */
export function setPresenceRunning(awareness: Awareness, runId: string | null): void {
  const current = awareness.getLocalState() as Partial<PresenceState> | null;
  if (!current || (current.running ?? null) === runId) return;
  awareness.setLocalStateField("running", runId);
}

/** Says whether my run waits for my answer to its input(). */
export function setPresenceAwaitingInput(awareness: Awareness, waiting: boolean): void {
  const current = awareness.getLocalState() as Partial<PresenceState> | null;
  if (!current || (current.awaitingInput ?? false) === waiting) return;
  awareness.setLocalStateField("awaitingInput", waiting);
}

/** Removes my caret, when I leave edit mode (y-codemirror.next keeps the last one otherwise). */
export function clearPresenceCursor(awareness: Awareness): void {
  const current = awareness.getLocalState() as Partial<PresenceState> | null;
  if (!current || current.cursor == null) return;
  awareness.setLocalStateField("cursor", null);
}
