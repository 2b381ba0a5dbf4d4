/**
 * "This notebook's comments changed", from the collaboration connection (MESSAGE_COMMENTS_CHANGED,
 * session.ts) to whoever shows the comments (components/comments/comments-provider.tsx), which
 * then fetches them through their route. The two live in different parts of the page, so they
 * meet here, by notebook id.
 */
const listeners = new Map<string, Set<() => void>>();

/** Calls `listener` whenever the notebook's comments may have changed. Returns the unsubscribe. */
export function onCommentsChanged(notebookId: string, listener: () => void): () => void {
  let set = listeners.get(notebookId);
  if (!set) listeners.set(notebookId, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0 && listeners.get(notebookId) === set) listeners.delete(notebookId);
  };
}

export function announceCommentsChanged(notebookId: string): void {
  for (const listener of [...(listeners.get(notebookId) ?? [])]) listener();
}
