/**
 * Presence bound to its connection. An awareness update is a list of (clientID, clock, state)
 * entries, and y-protocols applies any entry with a higher clock, whoever sends it: one connection
 * could move or remove (state null) another's presence. Here a clientID belongs to the connection
 * that first announced it, until that connection leaves; entries for ids another connection owns,
 * and for the server's own id, are dropped before the room's awareness sees them.
 *
 * Throttling: each connection may apply at most AWARENESS_PER_SECOND updates per one-second
 * window. Past that its updates are coalesced, not dropped: the latest entry per clientID waits
 * and is applied when the window ends, so a fast-moving cursor still ends where it stopped.
 *
 * A reconnect reuses the browser's clientID; while the server has not yet seen the old socket
 * close (a dropped network is noticed at the next ping), the new connection's presence is held
 * back as anyone else's would be, and shows once the old one is gone.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/** Awareness updates one connection may apply per second before the rest are coalesced. */
export const AWARENESS_PER_SECOND = 20;
const WINDOW_MS = 1_000;

interface Entry {
  readonly clientId: number;
  readonly clock: number;
  readonly state: string;
}

interface Budget {
  windowStart: number;
  used: number;
  pending: Map<number, Entry> | null;
  timer: ReturnType<typeof setTimeout> | null;
}

export class PresenceOwners<P extends object> {
  private readonly owners = new Map<number, P>();
  private readonly budgets = new Map<P, Budget>();

  /**
   * @param serverId the room document's own clientID (nobody may speak for it)
   * @param apply applies an awareness update (only entries `peer` may send) with `peer` as origin
   */
  constructor(
    private readonly serverId: number,
    private readonly apply: (peer: P, update: Uint8Array) => void,
    private readonly perSecond = AWARENESS_PER_SECOND,
  ) {}

  /** Takes one awareness update from `peer`; throws on a malformed one (a bad frame). */
  receive(peer: P, update: Uint8Array): void {
    const entries = decodeEntries(update);
    // Entries this peer may not send are dropped here and cost it nothing: y-websocket's provider
    // sends back every awareness change it hears (others' included), so each person's cursor move
    // came back from everyone else in the room, and those echoes used to spend each one's budget
    // and hold their own presence back.
    if (!entries.some((entry) => this.mayApply(peer, entry))) return;
    const budget = this.budgetOf(peer);
    const now = Date.now();
    if (now - budget.windowStart >= WINDOW_MS) {
      budget.windowStart = now;
      budget.used = 0;
    }
    if (budget.used < this.perSecond && budget.pending === null) {
      budget.used += 1;
      this.applyOwned(peer, entries);
      return;
    }
    budget.pending ??= new Map();
    for (const entry of entries) {
      const waiting = budget.pending.get(entry.clientId);
      if (!waiting || entry.clock >= waiting.clock) budget.pending.set(entry.clientId, entry);
    }
    if (!budget.timer) {
      budget.timer = setTimeout(() => this.flush(peer), Math.max(0, budget.windowStart + WINDOW_MS - now));
      // A room that closes with a flush still due must not keep the process alive for it.
      (budget.timer as { unref?: () => void }).unref?.();
    }
  }

  /** Forgets `peer` (it left) and returns the clientIDs it owned, whose states the room removes. */
  release(peer: P): number[] {
    const budget = this.budgets.get(peer);
    if (budget?.timer) clearTimeout(budget.timer);
    this.budgets.delete(peer);
    const ids: number[] = [];
    for (const [id, owner] of this.owners) {
      if (owner === peer) {
        ids.push(id);
        this.owners.delete(id);
      }
    }
    return ids;
  }

  /** Stops every pending timer (the room closes). */
  dispose(): void {
    for (const budget of this.budgets.values()) if (budget.timer) clearTimeout(budget.timer);
    this.budgets.clear();
  }

  private flush(peer: P): void {
    const budget = this.budgets.get(peer);
    if (!budget) return;
    budget.timer = null;
    const pending = budget.pending;
    budget.pending = null;
    budget.windowStart = Date.now();
    budget.used = 1;
    if (pending) this.applyOwned(peer, [...pending.values()]);
  }

  /** Whether `peer` may say `entry`: an id it owns, or a first announcement of an id nobody holds. */
  private mayApply(peer: P, entry: Entry): boolean {
    if (entry.clientId === this.serverId) return false;
    const owner = this.owners.get(entry.clientId);
    // A "gone" (null) for an id nobody holds changes nothing.
    return owner === undefined ? entry.state !== "null" : owner === peer;
  }

  private applyOwned(peer: P, entries: readonly Entry[]): void {
    const allowed = entries.filter((entry) => {
      if (!this.mayApply(peer, entry)) return false;
      // A first announcement claims the id.
      if (!this.owners.has(entry.clientId)) this.owners.set(entry.clientId, peer);
      return true;
    });
    if (allowed.length > 0) this.apply(peer, encodeEntries(allowed));
  }

  private budgetOf(peer: P): Budget {
    let budget = this.budgets.get(peer);
    if (!budget) this.budgets.set(peer, (budget = { windowStart: Date.now(), used: 0, pending: null, timer: null }));
    return budget;
  }
}

/** y-protocols' awareness update: a count, then (clientID, clock, JSON state) per entry. */
function decodeEntries(update: Uint8Array): Entry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    // Checked now: a state that fails to parse later, in a coalesced flush, would throw in a timer.
    JSON.parse(state);
    entries.push({ clientId, clock, state });
  }
  return entries;
}

function encodeEntries(entries: readonly Entry[]): Uint8Array {
  return encoding.encode((encoder) => {
    encoding.writeVarUint(encoder, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(encoder, entry.clientId);
      encoding.writeVarUint(encoder, entry.clock);
      encoding.writeVarString(encoder, entry.state);
    }
  });
}
