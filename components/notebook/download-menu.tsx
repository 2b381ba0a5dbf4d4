"use client";

import { useScriptExtension } from "@/lib/react/script-extension";

/**
 * Links that download the notebook: .ipynb (outputs and provenance included) or a script in the
 * notebook's language, labelled with its extension (.py, .R, .jl...: lib/react/script-extension.ts).
 */
export function DownloadMenu({ notebookId, slug }: { notebookId: string; slug: string }) {
  const base = `/n/${encodeURIComponent(slug)}/export`;
  const extension = useScriptExtension(notebookId);
  return (
    <span className="download-menu" aria-label="Download">
      <a className="button button-small" href={`${base}?format=ipynb`} download>
        Download .ipynb
      </a>
      <a className="button button-small" href={`${base}?format=py`} download data-testid="download-script">
        {extension}
      </a>
    </span>
  );
}
