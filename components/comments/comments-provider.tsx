"use client";

import "./comments.css";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { sendJson } from "@/lib/react/send-json";
import { guestKeyHeaders, useGuest } from "@/lib/react/use-guest";
import { commentsChanged } from "@/lib/sync/notebook-signals";

/**
 * A notebook's comments for the page: loaded from GET /api/notebooks/<id>/comments, refreshed
 * every few seconds while the tab is visible (and at once when it becomes visible or focused),
 * and after each change made here. A guest reads them too (on a notebook shared by link), as the
 * signed-in partner beside them does; starting threads and resolving are for accounts
 * (`canComment` is false for a guest), but a guest may reply where the owner allows it
 * (`canReply`), under the name and colour others see them by. A guest's requests carry their
 * browser's comment key, which makes their replies theirs (lib/protocol/guest-key.ts).
 *
 * Which cells are on the page is told by the cells themselves (each CellComments registers while
 * mounted), so "new" counts only comments one can actually be shown: a thread on a deleted cell
 * is kept by the server (undo may bring the cell back) but is not news.
 */

/** One comment as the API sends it (lib/server/comments/comments.ts), dates as ISO strings. */
export interface CommentData {
  id: string;
  cellId: string;
  line: number | null;
  body: string;
  createdAt: string;
  author: { name: string; color: string };
  mine: boolean;
  /** By someone else, after this person last marked the notebook's comments as read. */
  isNew: boolean;
}

export interface ThreadData extends CommentData {
  resolvedAt: string | null;
  /** Oldest first. */
  replies: CommentData[];
}

interface ListData {
  threads: ThreadData[];
  seenAt: string | null;
  canComment: boolean;
  canReply: boolean;
}

/** Each resolves to null when it worked, else to a message for the person (sendJson). */
export interface CommentActions {
  add(cellId: string, body: string, line: number | null): Promise<string | null>;
  reply(threadId: string, body: string): Promise<string | null>;
  resolve(threadId: string, resolved: boolean): Promise<string | null>;
  remove(commentId: string): Promise<string | null>;
  markSeen(): Promise<string | null>;
}

export interface CommentsState extends CommentActions {
  /** False until the first answer (and when the comments cannot be read any more). */
  ready: boolean;
  /** Whether the viewer may start threads, reply, resolve and reopen (editors). */
  canComment: boolean;
  /** Whether the viewer may reply to open threads (editors; guests where the owner allows it). */
  canReply: boolean;
  /** For a guest, the name their replies go under (without " (guest)"); null when signed in. */
  guestName: string | null;
  /** Each cell's threads, oldest first. */
  byCell: ReadonlyMap<string, readonly ThreadData[]>;
  /** Each cell's comments in open threads (first comments and replies). */
  counts: ReadonlyMap<string, number>;
  /** New comments in open threads of the cells on the page. */
  newCount: number;
  /** The cells those are on. */
  newCells: ReadonlySet<string>;
  seenAt: string | null;
  /** The clock relative times are shown against, updated now and then. */
  now: number;
  /** Called by each cell's comments while mounted; returns the unregister. */
  present(cellId: string): () => void;
}

const CommentsContext = createContext<CommentsState | null>(null);

/** The notebook's comments, or null outside a notebook page (no provider). */
export function useComments(): CommentsState | null {
  return useContext(CommentsContext);
}

/**
 * Changes arrive over the collaboration connection (lib/sync/notebook-signals.ts); this slow check
 * is for a page whose connection is down, and for "New" marks set from another tab.
 */
const POLL_MS = 60_000;
const CLOCK_MS = 30_000;
const EMPTY: readonly ThreadData[] = [];

/** Whether a thread holds news: new comments count only while it is open. */
export function newIn(thread: ThreadData): number {
  if (thread.resolvedAt !== null) return 0;
  return (thread.isNew ? 1 : 0) + thread.replies.filter((r) => r.isNew).length;
}

interface Props {
  notebookId: string;
  /** The viewer is a guest (not signed in). */
  guest: boolean;
  children: ReactNode;
}

const NO_HEADERS: Record<string, string> = {};

export function CommentsProvider({ notebookId, guest, children }: Props) {
  const url = `/api/notebooks/${encodeURIComponent(notebookId)}/comments`;
  const { identity, suggestion } = useGuest();
  const guestName = guest ? (identity.name ?? suggestion) : null;
  const guestColor = identity.color;
  // Read in the browser only (the key is made on first use); a signed-in person sends none.
  const headers = useCallback(() => (guest ? guestKeyHeaders() : NO_HEADERS), [guest]);
  const [data, setData] = useState<ListData | null>(null);
  const [now, setNow] = useState(0);
  const started = useRef(0);
  const applied = useRef(0);
  const inFlight = useRef(0);
  const lastText = useRef("");
  // How many CellComments of each cell are mounted (one, but a remount may briefly make two).
  const [mounted, setMounted] = useState<ReadonlyMap<string, number>>(() => new Map());

  /** Loads the comments; `background` refreshes (polls) skip while another request is out. */
  const refresh = useCallback(
    async (background = false) => {
      if (background && inFlight.current > 0) return;
      const mine = ++started.current;
      inFlight.current++;
      try {
        const response = await fetch(url, { cache: "no-store", headers: headers() });
        // An older answer arriving after a newer one says nothing new.
        if (mine < applied.current) return;
        if (!response.ok) {
          // Signed out elsewhere, or no longer allowed to read: nothing to show. Other failures
          // (a restarting server) keep what is on screen until the next poll.
          if (response.status === 401 || response.status === 404) {
            applied.current = mine;
            lastText.current = "";
            setData(null);
          }
          return;
        }
        const text = await response.text();
        if (mine < applied.current) return;
        applied.current = mine;
        // Unchanged (most polls): no new state, so no cell renders again.
        if (text === lastText.current) return;
        lastText.current = text;
        setNow(Date.now());
        setData(JSON.parse(text) as ListData);
      } catch {
        // Offline: keep what is on screen; the next poll tries again.
      } finally {
        inFlight.current--;
      }
    },
    [url, headers],
  );

  useEffect(() => {
    // refresh sets state only once the network has answered, never synchronously.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh();
    const poll = () => {
      if (document.visibilityState === "visible") void refresh(true);
    };
    const timer = setInterval(poll, POLL_MS);
    // Not a background refresh: one already out may have started before this change.
    const unsubscribe = commentsChanged.on(notebookId, () => void refresh());
    const clock = setInterval(() => setNow(Date.now()), CLOCK_MS);
    document.addEventListener("visibilitychange", poll);
    window.addEventListener("focus", poll);
    return () => {
      unsubscribe();
      clearInterval(timer);
      clearInterval(clock);
      document.removeEventListener("visibilitychange", poll);
      window.removeEventListener("focus", poll);
    };
  }, [refresh, notebookId]);

  const send = useCallback(
    async (path: string, method: "POST" | "PATCH" | "DELETE", body?: unknown) => {
      const problem = await sendJson(`${url}${path}`, method, body, headers());
      // Also after a failure: it often means someone else changed the thread meanwhile.
      await refresh();
      return problem;
    },
    [url, refresh, headers],
  );

  const present = useCallback((cellId: string) => {
    const change = (by: number) =>
      setMounted((before) => {
        const after = new Map(before);
        const count = (after.get(cellId) ?? 0) + by;
        if (count > 0) after.set(cellId, count);
        else after.delete(cellId);
        return after;
      });
    change(1);
    return () => change(-1);
  }, []);

  const newest = useMemo(() => {
    let latest: string | null = null;
    for (const t of data?.threads ?? []) {
      for (const c of [t, ...t.replies]) if (latest === null || Date.parse(c.createdAt) > Date.parse(latest)) latest = c.createdAt;
    }
    return latest;
  }, [data]);

  const actions = useMemo<CommentActions>(
    () => ({
      add: (cellId, body, line) => send("", "POST", { cellId, body, line }),
      reply: (threadId, body) => send("", "POST", guestName === null ? { body, parentId: threadId } : { body, parentId: threadId, guestName, guestColor }),
      resolve: (threadId, resolved) => send(`/${encodeURIComponent(threadId)}`, "PATCH", { resolved }),
      remove: (commentId) => send(`/${encodeURIComponent(commentId)}`, "DELETE"),
      // Up to the newest comment on screen, so one that arrived since stays new.
      markSeen: () => send("/seen", "POST", newest === null ? {} : { at: newest }),
    }),
    [send, newest, guestName, guestColor],
  );

  const value = useMemo<CommentsState>(() => {
    const byCell = new Map<string, ThreadData[]>();
    const counts = new Map<string, number>();
    const newCells = new Set<string>();
    let newCount = 0;
    for (const thread of data?.threads ?? []) {
      const list = byCell.get(thread.cellId);
      if (list) list.push(thread);
      else byCell.set(thread.cellId, [thread]);
      if (thread.resolvedAt === null) counts.set(thread.cellId, (counts.get(thread.cellId) ?? 0) + 1 + thread.replies.length);
      const fresh = mounted.has(thread.cellId) ? newIn(thread) : 0;
      if (fresh > 0) newCells.add(thread.cellId);
      newCount += fresh;
    }
    const canComment = data?.canComment ?? false;
    const canReply = data?.canReply ?? false;
    return { ...actions, ready: data !== null, canComment, canReply, guestName, byCell, counts, newCount, newCells, seenAt: data?.seenAt ?? null, now, present };
  }, [data, actions, now, present, mounted, guestName]);

  return <CommentsContext.Provider value={value}>{children}</CommentsContext.Provider>;
}

/** A cell's threads (none: a shared empty list). */
export function threadsOf(state: CommentsState, cellId: string): readonly ThreadData[] {
  return state.byCell.get(cellId) ?? EMPTY;
}
