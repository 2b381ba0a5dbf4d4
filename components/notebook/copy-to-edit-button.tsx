"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useCreateNotebook } from "@/lib/react/use-create-notebook";

/** On a read-only notebook (a lesson): make an editable, link-shared copy and open it. */
export function CopyToEditButton({ slug }: { slug: string }) {
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
      <button type="button" className="button button-primary" onClick={copy} disabled={busy}>
        {busy ? "Copying…" : "Copy to edit together"}
      </button>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
