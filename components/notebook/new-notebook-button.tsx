"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useCreateNotebook } from "@/lib/react/use-create-notebook";

/** Creates a blank, link-shared notebook and opens it. */
export function NewNotebookButton({ className = "button button-primary" }: { className?: string }) {
  const router = useRouter();
  const { create, pending, error } = useCreateNotebook();
  // The navigation is a transition: the button stays busy until the new page is there.
  const [navigating, startTransition] = useTransition();
  const start = async () => {
    const created = await create({ title: "Untitled notebook" });
    if (created) startTransition(() => router.push(`/n/${created}`));
  };
  const busy = pending || navigating;
  return (
    <span className="action-with-error">
      <button type="button" className={className} onClick={start} disabled={busy}>
        {busy ? "Creating…" : "New notebook"}
      </button>
      {error ? (
        <span className="form-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
