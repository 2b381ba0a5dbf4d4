"use client";

import { useState, type FormEvent } from "react";
import { useBrowserOrigin } from "@/lib/react/use-browser-origin";
import { FormError } from "../ui/form-error";
import { LocalTime } from "../ui/local-time";
import { useAction } from "./use-action";

export function RemoveMemberButton({ classId, userId, name }: { classId: string; userId: string; name: string }) {
  const { pending, error, run } = useAction();
  const [confirming, setConfirming] = useState(false);
  return (
    <span className="library-actions">
      {confirming ? (
        <>
          <span>Remove {name}?</span>
          <button type="button" className="button button-small" disabled={pending} onClick={() => void run(`/api/classes/${classId}/members/${userId}`, "DELETE")}>
            Remove
          </button>
          <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </>
      ) : (
        <button type="button" className="button button-small" onClick={() => setConfirming(true)} aria-label={`Remove ${name} from the class`}>
          Remove
        </button>
      )}
      <FormError message={error} />
    </span>
  );
}

export function AddTeacherForm({ classId }: { classId: string }) {
  const { pending, error, run } = useAction();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (await run(`/api/classes/${classId}/teachers`, "POST", { email: String(new FormData(form).get("email") ?? "") })) form.reset();
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)}>
      <label>
        <span className="label">Add a teacher by email</span>
        <input name="email" type="email" required placeholder="colleague@school.org" />
      </label>
      <button type="submit" className="button button-small" disabled={pending}>
        Add teacher
      </button>
      <FormError message={error} />
    </form>
  );
}

/** The join code and link, with copy and replace (the old code dropped at once, or kept for a week). */
export function JoinCode({ classId, code, path, previous }: { classId: string; code: string; path: string; previous: { code: string; until: Date } | null }) {
  const { pending, error, run } = useAction();
  const [copied, setCopied] = useState(false);
  // "New code" asks first: the old code and every link already handed out stop working.
  const [replacing, setReplacing] = useState(false);
  // The address students see is this site's, whatever host the teacher reached it by.
  const origin = useBrowserOrigin();
  const link = `${origin}${path}`;
  const copy = async () => {
    await navigator.clipboard?.writeText(link).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div className="join-code" data-testid="join-code">
      <span className="label">Students join with</span>
      <code className="join-code-value">{code}</code>
      <span className="join-code-link">
        or the link <a href={link}>{link}</a>
      </span>
      <button type="button" className="button button-small" onClick={() => void copy()}>
        {copied ? "Copied" : "Copy link"}
      </button>
      {replacing ? (
        <span className="confirm-inline" role="group" aria-label="Replace the join code">
          <span className="confirm-inline-text">The old code and link stop working at once, unless you keep them for a week.</span>
          <button
            type="button"
            className="button button-small button-danger"
            disabled={pending}
            onClick={() => {
              setReplacing(false);
              void run(`/api/classes/${classId}/code`);
            }}
          >
            Replace code
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={pending}
            onClick={() => {
              setReplacing(false);
              void run(`/api/classes/${classId}/code`, "POST", { keepOld: true });
            }}
          >
            Replace, keep old for a week
          </button>
          <button type="button" className="button button-small" onClick={() => setReplacing(false)}>
            Keep this code
          </button>
        </span>
      ) : (
        <button type="button" className="button button-small" disabled={pending} onClick={() => setReplacing(true)}>
          New code
        </button>
      )}
      {previous ? (
        <span className="join-code-previous" data-testid="previous-code">
          The old code <code>{previous.code}</code> works until <LocalTime at={previous.until} style="moment" />.
        </span>
      ) : null}
      <FormError message={error} />
    </div>
  );
}
