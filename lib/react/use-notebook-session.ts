/**
 * The live session of an editable notebook for a component tree: created after mount (it opens a
 * socket and IndexedDB, which only exist in the browser), disposed on unmount. Until it exists
 * the hook returns null and the page shows the notebook as loading.
 */
import { useEffect, useState, useSyncExternalStore } from "react";
import { createNotebookSession, type NotebookSession } from "../sync/session";
import type { PresenceUser } from "../protocol/presence";
import { setPresenceUser } from "../sync/presence";
import type { ConnectionStatus } from "../sync/status";
import { createStore } from "../util/store";

export function useNotebookSession(notebookId: string, state: Uint8Array, user: PresenceUser): NotebookSession | null {
  // The session is an external resource: the effect opens it into this holder, and the component
  // subscribes to the holder (React's StrictMode opens, closes and reopens it in development).
  const [holder] = useState(() => createStore<NotebookSession | null>(null));
  useEffect(() => {
    const created = createNotebookSession({
      notebookId,
      initialState: state,
      user,
      // Shared differently, or trashed: the page comes back with the new rights (or says it cannot).
      onAccessChanged: () => window.location.reload(),
    });
    holder.set(created);
    return () => {
      holder.set(null);
      created.dispose();
    };
    // The user is published separately below; a rename must not reopen the session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [holder, notebookId, state]);
  const session = useSyncExternalStore(holder.subscribe, holder.get, () => null);
  useEffect(() => {
    if (session) setPresenceUser(session.awareness, user);
  }, [session, user]);
  return session;
}

const OFFLINE: ConnectionStatus = { state: "connecting", unsent: 0 };
const noop = () => () => {};

/** The session's connection status; "connecting" before there is a session. */
export function useConnectionStatus(session: NotebookSession | null): ConnectionStatus {
  return useSyncExternalStore(
    session ? session.status.subscribe : noop,
    session ? session.status.get : () => OFFLINE,
    () => OFFLINE,
  );
}

export type { NotebookSession };

/** Whether this tab has something to undo or redo, for the toolbar's buttons. */
export function useUndoState(session: NotebookSession): { canUndo: boolean; canRedo: boolean } {
  const { undo } = session;
  const key = useSyncExternalStore(
    undo.subscribe,
    () => `${undo.canUndo()} ${undo.canRedo()}`,
    () => "false false",
  );
  return { canUndo: key.startsWith("true"), canRedo: key.endsWith("true") };
}

export { describeStatus } from "../sync/status";
export type { ConnectionStatus };
