/**
 * "Something in this class changed": a hand-in, an unsubmit, a return, a grade, a new assignment,
 * a copy opened, someone joining or leaving. The class page's open grids listen (GET
 * /api/classes/<id>/events, a server-sent event stream) and render again, so a teacher watching the
 * grid sees a hand-in within a second. The events carry no data: the page re-reads what its viewer
 * may see. The listeners live in the server context (server.ts and Next's bundle share it); with
 * several instances a change is published on Redis and every instance tells its own grids
 * (ADR 0007), the one it happened on included.
 */
import { serverContext } from "../context";

type Listener = () => void;

/** Calls `listener` at each change of the class; returns the function that stops it. */
export function onClassChanged(classId: string, listener: Listener): () => void {
  const listeners = serverContext().classListeners;
  let set = listeners.get(classId);
  if (!set) listeners.set(classId, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0 && listeners.get(classId) === set) listeners.delete(classId);
  };
}

/** The class changed: its grids on every instance render again. */
export function classChanged(classId: string): void {
  const publish = serverContext().publishClassChange;
  if (!publish) return notifyClassListeners(classId);
  publish(classId).catch((error: unknown) => {
    console.error(`Publishing a change of class ${classId} failed; telling this instance's grids only:`, error);
    notifyClassListeners(classId);
  });
}

/** Tells this process's grids of the class that it changed. */
export function notifyClassListeners(classId: string): void {
  for (const listener of [...(serverContext().classListeners.get(classId) ?? [])]) {
    try {
      listener();
    } catch (error) {
      console.error(`A listener of class ${classId} failed:`, error);
    }
  }
}

/** How many listen to the class (tests). */
export function classListeners(classId: string): number {
  return serverContext().classListeners.get(classId)?.size ?? 0;
}
