"use client";

import { useEffect, useRef, useState } from "react";
import { CommentForm } from "./comment-form";
import { CommentThread, ResolvedThread } from "./comment-thread";
import { threadsOf, useComments } from "./comments-provider";

/**
 * Under a cell: its open threads in full, its resolved ones as one line each, and (for editors) a
 * "Comment" button that opens the new-thread form. Readers (guests included) see the threads, and
 * reply to them where the owner allows it; nothing at all under a cell nobody commented on.
 */
export function CellComments({ cellId }: { cellId: string }) {
  const comments = useComments();
  const [composing, setComposing] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const present = comments?.present;

  useEffect(() => present?.(cellId), [present, cellId]);
  useEffect(() => {
    if (composing || !returnFocus.current) return;
    returnFocus.current = false;
    opener.current?.focus();
  }, [composing]);

  if (!comments || !comments.ready) return null;
  const threads = threadsOf(comments, cellId);
  const canComment = comments.canComment;
  if (threads.length === 0 && !canComment) return null;

  const open = threads.filter((t) => t.resolvedAt === null);
  const resolved = threads.filter((t) => t.resolvedAt !== null);
  const close = () => {
    returnFocus.current = true;
    setComposing(false);
  };
  const shared = { now: comments.now, canComment, canReply: comments.canReply, guestName: comments.guestName, actions: comments };

  return (
    // A group, not a section: a landmark per cell would drown the page's landmarks.
    <div
      role="group"
      className={`cell-comments${threads.length === 0 && !composing ? " cell-comments-empty" : ""}`}
      data-testid="cell-comments"
      aria-label="Comments on this cell"
    >
      {open.map((thread) => (
        <CommentThread key={thread.id} thread={thread} {...shared} />
      ))}
      {resolved.map((thread) => (
        <ResolvedThread key={thread.id} thread={thread} {...shared} />
      ))}
      {!canComment ? null : composing ? (
        <CommentForm
          label="Comment"
          submitLabel="Comment"
          placeholder="Ask a question or leave a note…"
          withLine
          autoFocus
          className="comment-form-new"
          onSubmit={async (body, line) => {
            const problem = await comments.add(cellId, body, line);
            if (problem === null) close();
            return problem;
          }}
          onCancel={close}
        />
      ) : (
        <button ref={opener} type="button" className="comment-add" aria-label="Comment on this cell" title="Comment on this cell" onClick={() => setComposing(true)}>
          <CommentIcon /> Comment
        </button>
      )}
    </div>
  );
}

const CommentIcon = () => (
  <svg width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
    <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z" />
  </svg>
);
