"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useTransition } from "react";
import { useBrowserValue } from "@/lib/react/use-browser-origin";
import { readHandoff } from "@/lib/embed/handoff";
import { useCreateNotebook } from "@/lib/react/use-create-notebook";
import { FormError } from "../ui/form-error";

/**
 * "Open in Tandem" from an embed, signed in: fork the notebook into my library, with the edits I
 * made in the embed (they came along in the address's fragment, kept in this tab's session
 * storage across signing in: handoff.ts).
 */
export function ForkFromEmbed({ slug }: { slug: string }) {
  const router = useRouter();
  const { create, pending, error } = useCreateNotebook();
  const [navigating, startTransition] = useTransition();
  const json = useBrowserValue(() => readHandoff(slug));
  const edits = useMemo(() => (json ? (JSON.parse(json) as Record<string, string>) : null), [json]);
  const count = edits ? Object.keys(edits).length : 0;
  const fork = async () => {
    const created = await create({ from: slug, ...(edits ? { sources: edits } : {}) });
    if (created) startTransition(() => router.push(`/n/${created}`));
  };
  return (
    <div className="action-with-error">
      <p>{count > 0 ? `Your copy keeps the ${count === 1 ? "cell" : `${count} cells`} you edited in the embed.` : "Your copy starts as the notebook is now."}</p>
      <button type="button" className="button button-primary" onClick={() => void fork()} disabled={pending || navigating}>
        {pending || navigating ? "Forking…" : "Fork into my library"}
      </button>
      <FormError message={error} />
    </div>
  );
}

/** Before signing in: keep the fragment's edits in this tab, since the sign-in round trip drops it. */
export function KeepHandoff({ slug }: { slug: string }) {
  useEffect(() => void readHandoff(slug), [slug]);
  return null;
}
