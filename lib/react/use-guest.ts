/**
 * The guest's identity for components: read once from localStorage, shared by every component,
 * and kept in step with other tabs through the 'storage' event. The suggested name is one per
 * page too, so that the presence and a comment reply name an unnamed guest alike.
 */
import { useCallback, useState, useSyncExternalStore } from "react";
import { GUEST_KEY_HEADER } from "../protocol/guest-key";
import { GUEST_NAME_KEY, loadGuest, loadGuestKey, saveGuestName, type GuestIdentity } from "../sync/guest";
import { suggestGuestName } from "../sync/presence";

let current: GuestIdentity | null = null;
const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function get(): GuestIdentity {
  current ??= loadGuest(storage());
  return current;
}

function set(next: GuestIdentity): void {
  current = next;
  listeners.forEach((fn) => fn());
}

function subscribe(onChange: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key !== GUEST_NAME_KEY) return;
    current = null;
    onChange();
  };
  listeners.add(onChange);
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onStorage);
  };
}

let suggested: string | null = null;
let key: string | null = null;

/** The header that makes a guest's comment replies theirs (lib/protocol/guest-key.ts), for the comments API only. */
export function guestKeyHeaders(): Record<string, string> {
  key ??= loadGuestKey(storage());
  return { [GUEST_KEY_HEADER]: key };
}

const SERVER: GuestIdentity = { id: "", name: null, color: "#59636e" };

export interface Guest {
  readonly identity: GuestIdentity;
  /** The name to offer (and to show others) while the guest has not picked one. */
  readonly suggestion: string;
  /** Stores a name; returns false when it is empty. */
  rename(name: string): boolean;
}

export function useGuest(): Guest {
  const identity = useSyncExternalStore(subscribe, get, () => SERVER);
  // One per page in the browser; never remembered on the server, where a module outlives a request.
  const [suggestion] = useState(() => (typeof window === "undefined" ? suggestGuestName() : (suggested ??= suggestGuestName())));
  const rename = useCallback((name: string) => {
    const next = saveGuestName(storage(), get(), name);
    if (next) set(next);
    return next !== null;
  }, []);
  return { identity, suggestion, rename };
}

export { MAX_NAME_LENGTH } from "../protocol/presence";
export { presenceUser } from "../sync/guest";
