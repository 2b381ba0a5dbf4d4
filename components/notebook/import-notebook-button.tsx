"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type ChangeEvent } from "react";
import { rememberImportNotes } from "./import-notes";
import { SCRIPT_EXTENSIONS } from "@/lib/notebook/nbformat/script-languages";

/** .ipynb, and the scripts jupytext writes in its percent format (.py, .R, .jl...). */
const IMPORT_ACCEPT = [".ipynb", "application/x-ipynb+json", "application/json", ...Object.keys(SCRIPT_EXTENSIONS)].join(",");

/** Picks a .ipynb file, imports it as a new notebook (POST /api/notebooks/import) and opens it. */
export function ImportNotebookButton({ className = "button" }: { className?: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [navigating, startTransition] = useTransition();

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ""; // the same file again re-imports
    if (!file) return;
    setPending(true);
    setError(null);
    try {
      const response = await fetch(`/api/notebooks/import?name=${encodeURIComponent(file.name)}`, {
        method: "POST",
        headers: { "content-type": "application/x-ipynb+json" },
        body: file,
      });
      const body = (await response.json().catch(() => null)) as { slug?: unknown; message?: unknown; notes?: unknown } | null;
      if (response.ok && typeof body?.slug === "string") {
        const slug = body.slug;
        if (Array.isArray(body.notes)) rememberImportNotes(slug, body.notes.filter((n): n is string => typeof n === "string"));
        startTransition(() => router.push(`/n/${slug}`));
        return;
      }
      setError(typeof body?.message === "string" ? body.message : `The import failed (${response.status}).`);
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  };

  const busy = pending || navigating;
  return (
    <span className="action-with-error">
      <button type="button" className={className} onClick={() => input.current?.click()} disabled={busy}>
        {busy ? "Importing…" : "Import .ipynb"}
      </button>
      <input ref={input} type="file" accept={IMPORT_ACCEPT} hidden onChange={upload} data-testid="import-file" />
      {error ? (
        <span className="form-error import-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
