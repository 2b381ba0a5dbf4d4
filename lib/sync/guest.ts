/**
 * The guest identity, until accounts exist: a display name picked once and a stable random id that
 * fixes the colour, both remembered in this browser's localStorage. Storage can be missing or
 * throw (private windows, disabled storage); the identity then lasts for the page only.
 *
 * Beside them, a secret: the key that makes a guest's comment replies theirs
 * (lib/protocol/guest-key.ts). It is kept apart from the id, which colours the guest and so is
 * less private, and is sent only to Tandem's comments API.
 */
import { GUEST_KEY_PATTERN } from "../protocol/guest-key";
import { colorForId, normalizeName, type PresenceUser } from "../protocol/presence";

export const GUEST_NAME_KEY = "tandem:guest-name";
export const GUEST_ID_KEY = "tandem:guest-id";
export const GUEST_SECRET_KEY = "tandem:guest-comment-key";

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

/** 32 random bytes in base64url: the guest's comment key. */
function randomKey(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Reads the guest's comment key, creating and storing it on first use (a malformed one is replaced). */
export function loadGuestKey(storage: KeyValueStorage | null): string {
  const stored = read(storage, GUEST_SECRET_KEY);
  if (stored !== null && GUEST_KEY_PATTERN.test(stored)) return stored;
  const key = randomKey();
  write(storage, GUEST_SECRET_KEY, key);
  return key;
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
