"use client";

import { useEffect, useState } from "react";
import { FormError } from "../ui/form-error";
import { CommentForm } from "./comment-form";
import type { CommentActions, CommentData, ThreadData } from "./comments-provider";

/** "just now", "5 min ago", "3 h ago", then a short date; and the full date and time for a tooltip. */
export function commentTime(iso: string, now: number): { short: string; full: string } {
  const then = new Date(iso);
  const full = then.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
  const seconds = (now - then.getTime()) / 1000;
  // A clock a little ahead of the server's is still "just now".
  if (seconds < 60) return { short: "just now", full };
  if (seconds < 3600) return { short: `${Math.floor(seconds / 60)} min ago`, full };
  if (seconds < 12 * 3600) return { short: `${Math.floor(seconds / 3600)} h ago`, full };
  const sameYear = then.getFullYear() === new Date(now).getFullYear();
  return { short: then.toLocaleDateString([], { day: "numeric", month: "short", year: sameYear ? undefined : "numeric" }), full };
}

const anchorText = (line: number | null) => (line === null ? "" : ` on line ${line}`);

/** Delete, asking once more: a thread's first comment takes its replies with it. */
function DeleteButton({ replies, onDelete }: { replies: number; onDelete: () => Promise<string | null> }) {
  const [armed, setArmed] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!armed) return;
    const timer = setTimeout(() => setArmed(false), 4000);
    return () => clearTimeout(timer);
  }, [armed]);
  const click = async () => {
    if (!armed) {
      setArmed(true);
      return;
    }
    setPending(true);
    const problem = await onDelete();
    setPending(false);
    setArmed(false);
    setError(problem);
  };
  const confirm = replies > 0 ? `Delete with ${replies} repl${replies === 1 ? "y" : "ies"}?` : "Delete?";
  return (
    <>
      <button type="button" className={`comment-link${armed ? " comment-link-danger" : ""}`} onClick={() => void click()} onBlur={() => setArmed(false)} disabled={pending}>
        {armed ? confirm : "Delete"}
      </button>
      <FormError message={error} />
    </>
  );
}

interface ItemProps {
  comment: CommentData;
  now: number;
  /** A thread's first comment: how many replies its deletion takes along. */
  replies: number;
  /** The line the thread is about, shown with its first comment. */
  line: number | null;
  actions: CommentActions;
}

function CommentItem({ comment, now, replies, line, actions }: ItemProps) {
  const time = commentTime(comment.createdAt, now);
  return (
    <div className={`comment${comment.isNew ? " is-new" : ""}`} data-new={comment.isNew ? "true" : undefined}>
      <div className="comment-meta">
        <span className="comment-dot" style={{ background: comment.author.color }} aria-hidden />
        <strong className="comment-author">{comment.author.name}</strong>
        <time dateTime={comment.createdAt} title={time.full}>
          {time.short}
        </time>
        {line !== null ? <span className="comment-anchor">line {line}</span> : null}
        {comment.isNew ? (
          <span className="comment-new" data-testid="new-comment-badge">
            New
          </span>
        ) : null}
        {comment.mine ? (
          <span className="comment-meta-end">
            <DeleteButton replies={replies} onDelete={() => actions.remove(comment.id)} />
          </span>
        ) : null}
      </div>
      <p className="comment-body" data-testid="comment-body">
        {comment.body}
      </p>
    </div>
  );
}

interface ThreadProps {
  thread: ThreadData;
  now: number;
  /** May resolve and reopen (editors). */
  canComment: boolean;
  /** May reply to an open thread (editors; guests where the owner allows it). */
  canReply: boolean;
  /** A guest's name, which their replies go under; null when signed in. */
  guestName: string | null;
  actions: CommentActions;
}

/** A thread's comments, its reply field, and Resolve or Reopen. */
function ThreadBody({ thread, now, canComment, canReply, guestName, actions }: ThreadProps) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const resolved = thread.resolvedAt !== null;
  const toggle = async () => {
    setPending(true);
    setError(await actions.resolve(thread.id, !resolved));
    setPending(false);
  };
  return (
    <>
      <CommentItem comment={thread} now={now} replies={thread.replies.length} line={thread.line} actions={actions} />
      {thread.replies.length > 0 ? (
        <ol className="comment-replies" aria-label="Replies">
          {thread.replies.map((reply) => (
            <li key={reply.id}>
              <CommentItem comment={reply} now={now} replies={0} line={null} actions={actions} />
            </li>
          ))}
        </ol>
      ) : null}
      {canComment || (canReply && !resolved) ? (
        <div className="comment-thread-foot">
          {resolved || !canReply ? null : (
            <CommentForm
              label={guestName === null ? "Reply" : `Reply as ${guestName} (guest)`}
              submitLabel="Reply"
              placeholder={guestName === null ? "Reply…" : `Reply as ${guestName} (guest)…`}
              className="comment-form-compact"
              onSubmit={(body) => actions.reply(thread.id, body)}
            />
          )}
          {canComment ? (
            <button type="button" className="button button-small comment-resolve" onClick={() => void toggle()} disabled={pending}>
              {resolved ? "Reopen" : "Resolve"}
            </button>
          ) : null}
          <FormError message={error} />
        </div>
      ) : null}
    </>
  );
}

/** An open thread, in full. */
export function CommentThread(props: ThreadProps) {
  const { thread } = props;
  const fresh = thread.isNew || thread.replies.some((r) => r.isNew);
  return (
    <article
      className={`comment-thread${fresh ? " has-new" : ""}`}
      data-testid="comment-thread"
      data-thread-id={thread.id}
      data-new={fresh ? "true" : undefined}
      aria-label={`Comment by ${thread.author.name}${anchorText(thread.line)}`}
    >
      <ThreadBody {...props} />
    </article>
  );
}

/** A resolved thread: one line ("Resolved: …") that opens to the whole thread and Reopen. */
export function ResolvedThread(props: ThreadProps) {
  const { thread } = props;
  const [open, setOpen] = useState(false);
  const replies = thread.replies.length;
  return (
    <article
      className={`comment-thread comment-thread-resolved${open ? " is-open" : ""}`}
      data-testid="comment-thread"
      data-thread-id={thread.id}
      data-resolved="true"
      aria-label={`Resolved comment by ${thread.author.name}${anchorText(thread.line)}`}
    >
      <button type="button" className="comment-resolved-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="comment-resolved-mark" aria-hidden>
          ✓
        </span>
        <span className="comment-resolved-text">
          Resolved: {thread.author.name}: {thread.body}
        </span>
        {replies > 0 ? <span className="comment-resolved-count">{`${replies} repl${replies === 1 ? "y" : "ies"}`}</span> : null}
      </button>
      {open ? <ThreadBody {...props} /> : null}
    </article>
  );
}
