import { useSyncExternalStore } from "react";

const never = () => () => undefined;

/**
 * This site's origin as the browser reached it ("" while rendering on the server), for links and
 * snippets a person copies elsewhere. It never changes during a page's life.
 */
export function useBrowserOrigin(): string {
  return useSyncExternalStore(never, () => window.location.origin, () => "");
}

/** A value read once in the browser (null on the server), without a state update after mount. */
export function useBrowserValue<T extends string | null>(read: () => T): T | null {
  return useSyncExternalStore(never, read, () => null);
}
