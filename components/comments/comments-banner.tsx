"use client";

import { useState } from "react";
import { FormError } from "../ui/form-error";
import { useComments } from "./comments-provider";

/** The first cell on the page, in the page's order, that has a new comment; and that comment's thread. */
function firstNewThread(cells: ReadonlySet<string>): HTMLElement | null {
  for (const cell of document.querySelectorAll<HTMLElement>("[data-cell-id]")) {
    if (!cells.has(cell.dataset.cellId ?? "")) continue;
    return cell.querySelector<HTMLElement>('[data-testid="comment-thread"][data-new="true"]') ?? cell;
  }
  return null;
}

/**
 * Above the notebook while others' comments are new to this person: how many, "Show" (scrolls to
 * the first, and puts the focus in its reply field or on its first control) and "Mark as read".
 */
export function CommentsBanner() {
  const comments = useComments();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  if (!comments || comments.newCount === 0) return null;

  const show = () => {
    const target = firstNewThread(comments.newCells);
    if (!target) return;
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    target.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
    if (target.dataset.testid === "comment-thread") target.querySelector<HTMLElement>("textarea, button")?.focus({ preventScroll: true });
  };
  const markRead = async () => {
    setPending(true);
    setError(await comments.markSeen());
    setPending(false);
  };
  const count = comments.newCount;

  return (
    <div className="comments-banner" data-testid="comments-banner" role="status">
      <span className="comments-banner-dot" aria-hidden />
      <span className="comments-banner-text">{count === 1 ? "1 new comment" : `${count} new comments`}</span>
      <button type="button" className="button button-small" onClick={show}>
        Show
      </button>
      <button type="button" className="button button-small" onClick={() => void markRead()} disabled={pending}>
        Mark as read
      </button>
      <FormError message={error} />
    </div>
  );
}
