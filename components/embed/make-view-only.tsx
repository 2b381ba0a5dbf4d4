"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/lib/react/send-json";
import { FormError } from "../ui/form-error";

/**
 * The Embed dialog's way out for a notebook whose link edits (lib/server/embeds/embeds.ts says why
 * such a notebook is not embedded): its owner makes the link view-only, and the page is rendered
 * again with the snippets; anyone else is told whom to ask.
 */
export function MakeViewOnly({ notebookId, canShare }: { notebookId: string; canShare: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!canShare) return <span className="embed-dialog-note">Ask its owner to make the link view-only.</span>;
  const make = async () => {
    setPending(true);
    const problem = await sendJson(`/api/notebooks/${encodeURIComponent(notebookId)}/sharing`, "PUT", { visibility: "link", linkRole: "viewer" });
    setPending(false);
    if (problem !== null) {
      setError(problem);
      return;
    }
    router.refresh();
  };
  return (
    <span className="action-with-error">
      <button type="button" className="button button-small button-primary" disabled={pending} onClick={() => void make()}>
        Make the link view-only
      </button>
      <FormError message={error} />
    </span>
  );
}
