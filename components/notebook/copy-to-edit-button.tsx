"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useCreateNotebook } from "@/lib/react/use-create-notebook";

/**
 * Forks a notebook the visitor can read: a new document with its own history (yours when signed
 * in), linked back to this one, which stays untouched. On a read-only notebook (a lesson) it is
 * the way in ("Copy to edit together"); on an editable one, a quieter "Fork".
 */
export function CopyToEditButton({ slug, label = "Copy to edit together", primary = true }: { slug: string; label?: string; primary?: boolean }) {
  const router = useRouter();
  const { create, pending, error } = useCreateNotebook();
  const [navigating, startTransition] = useTransition();
  const copy = async () => {
    const created = await create({ from: slug });
    if (created) startTransition(() => router.push(`/n/${created}`));
  };
  const busy = pending || navigating;
  return (
    <div className="action-with-error">
      <button type="button" className={primary ? "button button-primary" : "button button-small"} onClick={copy} disabled={busy}>
        {busy ? "Copying…" : label}
      </button>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
