/** Who is here: the awareness states of a session as a list of participants, newest on change. */
import { useSyncExternalStore } from "react";
import type { Awareness } from "y-protocols/awareness";
import type { CellId } from "../notebook/ids";
import { readPeers, type Participant } from "../sync/presence";

export type { Participant };
export { initials } from "../sync/presence";

interface ParticipantStore {
  subscribe(onChange: () => void): () => void;
  get(): readonly Participant[];
}

const stores = new WeakMap<Awareness, ParticipantStore>();

function storeFor(awareness: Awareness): ParticipantStore {
  let store = stores.get(awareness);
  if (store) return store;
  let current: readonly Participant[] | null = null;
  store = {
    subscribe(onChange) {
      // 'change' fires only when a state really changed, not on the 15-second keep-alives.
      const handler = () => {
        current = null;
        onChange();
      };
      awareness.on("change", handler);
      return () => awareness.off("change", handler);
    },
    get() {
      current ??= readPeers(awareness.getStates(), awareness.clientID);
      return current;
    },
  };
  stores.set(awareness, store);
  return store;
}

/**
 * Whether a participant who is here claims the run `runId` (their presence's `running`): a run
 * the document marks "running" that nobody claims was cut off. Re-renders only when the answer
 * changes, not on every cursor move.
 */
export function useRunIsLive(awareness: Awareness, runId: string | undefined): boolean {
  const store = storeFor(awareness);
  return useSyncExternalStore(
    store.subscribe,
    () => runId !== undefined && store.get().some((p) => p.running === runId),
    () => false,
  );
}

/** Whether the present participant running `runId` is waiting for their own answer to input(). */
export function useRunAwaitsInput(awareness: Awareness, runId: string | undefined): boolean {
  const store = storeFor(awareness);
  return useSyncExternalStore(
    store.subscribe,
    () => runId !== undefined && store.get().some((p) => p.running === runId && p.awaitingInput),
    () => false,
  );
}

export function useParticipants(awareness: Awareness): readonly Participant[] {
  const store = storeFor(awareness);
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/** The other participants grouped by the cell they are in. */
export function peersByCell(participants: readonly Participant[]): Map<CellId, Participant[]> {
  const map = new Map<CellId, Participant[]>();
  for (const p of participants) {
    if (p.isLocal || p.cellId === null) continue;
    const list = map.get(p.cellId);
    if (list) list.push(p);
    else map.set(p.cellId, [p]);
  }
  return map;
}
