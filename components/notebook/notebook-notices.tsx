"use client";

import type { NotebookNotice } from "@/lib/react/use-notebook-notices";

/** Notices about the notebook changing under the person's feet (use-notebook-notices.ts). */
export function NotebookNotices({ notices, onDismiss }: { notices: readonly NotebookNotice[]; onDismiss: (key: number) => void }) {
  return (
    <div className="notebook-notices" role="status" aria-live="polite" data-testid="notebook-notices">
      {notices.map((notice) => (
        <p key={notice.key} className="notebook-notice">
          <span>{notice.text}</span>
          {notice.action ? (
            <button type="button" className="notebook-notice-action" onClick={notice.action.run}>
              {notice.action.label}
            </button>
          ) : null}
          <button type="button" className="notebook-notice-dismiss" aria-label="Dismiss" onClick={() => onDismiss(notice.key)}>
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
