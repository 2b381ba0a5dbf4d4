"use client";

import { useRouter } from "next/navigation";
import { useCallback, useId, useState, type FormEvent } from "react";
import { sendJson } from "@/lib/react/send-json";
import { FormError } from "../ui/form-error";

type Role = "editor" | "viewer";
interface Sharing {
  visibility: "private" | "link" | "public";
  linkRole: Role;
  /** Guests who may read it may reply to comment threads. */
  guestComments: boolean;
  collaborators: { email: string; role: Role; name: string | null }[];
}

/** The four choices of "general access", as visibility + link role. */
const GENERAL = {
  private: { visibility: "private", linkRole: "viewer", label: "Private: only you and the people you invite" },
  "link-view": { visibility: "link", linkRole: "viewer", label: "Anyone with the link can view" },
  "link-edit": { visibility: "link", linkRole: "editor", label: "Anyone with the link can edit (guests too)" },
  public: { visibility: "public", linkRole: "viewer", label: "Public: anyone can view" },
} as const;
type General = keyof typeof GENERAL;

function generalOf(s: Sharing): General {
  if (s.visibility === "public") return "public";
  if (s.visibility === "link") return s.linkRole === "editor" ? "link-edit" : "link-view";
  return "private";
}

/** The owner's "Share" button and panel: general access, and collaborators by email. */
export function SharingDialog({ notebookId }: { notebookId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [sharing, setSharing] = useState<Sharing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const hintId = useId();
  const base = `/api/notebooks/${encodeURIComponent(notebookId)}`;

  const reload = useCallback(async () => {
    const response = await fetch(`${base}/sharing`).catch(() => null);
    if (response?.ok) setSharing((await response.json()) as Sharing);
    else setError("Could not load the sharing settings.");
  }, [base]);

  const change = async (url: string, method: "POST" | "PUT" | "PATCH" | "DELETE", body: unknown) => {
    const problem = await sendJson(url, method, body);
    setError(problem);
    if (problem === null) {
      await reload();
      router.refresh(); // the header's "who can open it"
    }
    return problem === null;
  };

  /** The box follows the click at once; a refusal puts back what the server holds. */
  const allowGuestComments = async (allowed: boolean) => {
    setSharing((before) => (before ? { ...before, guestComments: allowed } : before));
    if (!(await change(`${base}/sharing`, "PATCH", { guestComments: allowed }))) await reload();
  };

  const invite = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const ok = await change(`${base}/collaborators`, "POST", { email: String(data.get("email") ?? ""), role: String(data.get("role") ?? "viewer") });
    if (ok) form.reset();
  };

  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => {
          if (!open) void reload();
          setOpen(!open);
        }}
        aria-expanded={open}
      >
        Share
      </button>
      {open ? (
        <div
          className="sharing-dialog"
          role="dialog"
          aria-label="Share this notebook"
          onKeyDown={(e) => {
            if (e.key === "Escape") setOpen(false);
          }}
        >
          <label className="sharing-row">
            <span>General access</span>
            <select
              value={sharing ? generalOf(sharing) : "link-edit"}
              disabled={!sharing}
              onChange={(e) => {
                const choice = GENERAL[e.target.value as General];
                void change(`${base}/sharing`, "PUT", { visibility: choice.visibility, linkRole: choice.linkRole });
              }}
            >
              {Object.entries(GENERAL).map(([key, g]) => (
                <option key={key} value={key}>
                  {g.label}
                </option>
              ))}
            </select>
          </label>

          {/* Only guests who may read it could reply: without link access there are none. */}
          <label className="sharing-check">
            <input
              type="checkbox"
              checked={sharing?.guestComments ?? false}
              disabled={!sharing || sharing.visibility === "private"}
              aria-describedby={hintId}
              onChange={(e) => void allowGuestComments(e.target.checked)}
            />
            <span>Guests with the link may reply to comments</span>
          </label>
          {sharing?.visibility === "private" ? (
            <p className="hint sharing-check-hint" id={hintId}>
              Give the link access first: a private notebook has no guests.
            </p>
          ) : (
            <p className="hint sharing-check-hint" id={hintId}>
              Under their guest name, marked &ldquo;(guest)&rdquo;; only people with accounts start threads or resolve them.
            </p>
          )}

          <form className="sharing-row" onSubmit={invite}>
            <input name="email" type="email" required placeholder="Invite by email" aria-label="Email to invite" />
            <select name="role" defaultValue="editor" aria-label="Role">
              <option value="editor">Editor</option>
              <option value="viewer">Viewer</option>
            </select>
            <button type="submit" className="button button-small button-primary">
              Invite
            </button>
          </form>

          <ul className="sharing-people" data-testid="collaborators">
            {(sharing?.collaborators ?? []).map((c) => (
              <li key={c.email}>
                <span>
                  {c.name ? <strong>{c.name}</strong> : null} {c.email}
                  {c.name ? null : <span className="hint"> (no account yet)</span>}
                </span>
                <select
                  value={c.role}
                  aria-label={`Role of ${c.email}`}
                  onChange={(e) => void change(`${base}/collaborators`, "POST", { email: c.email, role: e.target.value })}
                >
                  <option value="editor">Editor</option>
                  <option value="viewer">Viewer</option>
                </select>
                <button type="button" className="button button-small" onClick={() => void change(`${base}/collaborators`, "DELETE", { email: c.email })} aria-label={`Remove ${c.email}`}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <FormError message={error} />
          <p className="sharing-foot">
            <span className="hint">Removing someone closes their open notebook at once.</span>
            <button type="button" className="button button-small" onClick={() => setOpen(false)}>
              Done
            </button>
          </p>
        </div>
      ) : null}
    </>
  );
}
