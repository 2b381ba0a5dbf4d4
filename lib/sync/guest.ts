/**
 * The guest identity, until accounts exist: a display name picked once and a stable random id that
 * fixes the colour, both remembered in this browser's localStorage. Storage can be missing or
 * throw (private windows, disabled storage); the identity then lasts for the page only.
 */
import { colorForId, normalizeName, type PresenceUser } from "../protocol/presence";

export const GUEST_NAME_KEY = "tandem:guest-name";
export const GUEST_ID_KEY = "tandem:guest-id";

export interface GuestIdentity {
  readonly id: string;
  /** Null until the guest has picked a name. */
  readonly name: string | null;
  readonly color: string;
}

type KeyValueStorage = Pick<Storage, "getItem" | "setItem">;

function read(storage: KeyValueStorage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(storage: KeyValueStorage | null, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Storage full or disabled: the name lasts for this page only.
  }
}

function randomId(): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Reads the identity, creating and storing the random id on first use. */
export function loadGuest(storage: KeyValueStorage | null): GuestIdentity {
  let id = read(storage, GUEST_ID_KEY);
  if (!id) {
    id = randomId();
    write(storage, GUEST_ID_KEY, id);
  }
  const stored = read(storage, GUEST_NAME_KEY);
  return { id, name: stored === null ? null : normalizeName(stored), color: colorForId(id) };
}

/** Stores a picked name; returns the identity with it, or null when the name is empty. */
export function saveGuestName(storage: KeyValueStorage | null, guest: GuestIdentity, input: string): GuestIdentity | null {
  const name = normalizeName(input);
  if (!name) return null;
  write(storage, GUEST_NAME_KEY, name);
  return { ...guest, name };
}

/** The presence user for an identity; `fallback` names a guest who has not picked one yet. */
export function presenceUser(guest: GuestIdentity, fallback: string): PresenceUser {
  return { name: guest.name ?? fallback, color: guest.color };
}
