"use client";

import type { ReactNode } from "react";
import { useDocumentState, type DocumentSource } from "@/lib/react/use-document-state";

/** Renders `children` with the notebook's state once it is here; until then, what is happening. */
export function DocumentGate({ source, children }: { source: DocumentSource; children: (state: Uint8Array) => ReactNode }) {
  const document = useDocumentState(source);
  if (document.status === "ready") return children(document.state);
  if (document.status === "loading") {
    return (
      <div className="notebook-loading" role="status">
        Opening notebook…
      </div>
    );
  }
  return (
    <div className="notebook-loading notebook-load-failed" role="alert">
      <p>{document.message}</p>
      <button type="button" className="button button-small" onClick={document.retry}>
        Try again
      </button>
    </div>
  );
}
