/**
 * "Something in this class changed": a hand-in, an unsubmit, a return, a grade, a new assignment,
 * a copy opened, someone joining or leaving. The class page's open grids listen (GET
 * /api/classes/<id>/events, a server-sent event stream) and render again, so a teacher watching the
 * grid sees a hand-in within a second. The events carry no data: the page re-reads what its viewer
 * may see. In one process, as the collaboration rooms are (docs/adr/0001-one-process.md).
 */
type Listener = () => void;

const listeners = new Map<string, Set<Listener>>();

/** Calls `listener` at each change of the class; returns the function that stops it. */
export function onClassChanged(classId: string, listener: Listener): () => void {
  let set = listeners.get(classId);
  if (!set) listeners.set(classId, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0 && listeners.get(classId) === set) listeners.delete(classId);
  };
}

export function classChanged(classId: string): void {
  for (const listener of [...(listeners.get(classId) ?? [])]) {
    try {
      listener();
    } catch (error) {
      console.error(`A listener of class ${classId} failed:`, error);
    }
  }
}

/** How many listen to the class (tests). */
export function classListeners(classId: string): number {
  return listeners.get(classId)?.size ?? 0;
}
