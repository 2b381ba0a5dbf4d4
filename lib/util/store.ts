/**
 * A minimal observable value, shaped for React's useSyncExternalStore: `get` returns the same
 * object until the value changes, `subscribe` returns its unsubscribe.
 */
export interface ReadableStore<T> {
  get(): T;
  subscribe(listener: () => void): () => void;
}

export interface WritableStore<T> extends ReadableStore<T> {
  set(value: T): void;
}

export function createStore<T>(initial: T, equal: (a: T, b: T) => boolean = Object.is): WritableStore<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      if (equal(value, next)) return;
      value = next;
      [...listeners].forEach((fn) => fn());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
