/**
 * What the collaboration connection hears about a notebook beyond its document, passed on to the
 * parts of the page that show it (they live elsewhere in the page, so they meet here, by notebook
 * id):
 *
 * - commentsChanged: its comments changed (MESSAGE_COMMENTS_CHANGED, session.ts), so whoever shows
 *   them (components/comments/comments-provider.tsx) fetches them through their route;
 * - titleChanged: someone renamed it (MESSAGE_TITLE_CHANGED), with the new title, for the heading
 *   and the tab's title (components/notebook/notebook-title.tsx);
 * - progressChanged: it is a student's copy whose status changed (MESSAGE_PROGRESS_CHANGED), for
 *   the assignment bar (components/classroom/refresh-on-progress.tsx).
 */
export interface NotebookSignal<T> {
  /** Calls `listener` with every announcement for the notebook. Returns the unsubscribe. */
  on(notebookId: string, listener: (value: T) => void): () => void;
  announce(notebookId: string, value: T): void;
}

function notebookSignal<T>(): NotebookSignal<T> {
  const listeners = new Map<string, Set<(value: T) => void>>();
  return {
    on(notebookId, listener) {
      let set = listeners.get(notebookId);
      if (!set) listeners.set(notebookId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(notebookId) === set) listeners.delete(notebookId);
      };
    },
    announce(notebookId, value) {
      for (const listener of [...(listeners.get(notebookId) ?? [])]) listener(value);
    },
  };
}

export const commentsChanged = notebookSignal<void>();
export const titleChanged = notebookSignal<string>();
export const progressChanged = notebookSignal<void>();
