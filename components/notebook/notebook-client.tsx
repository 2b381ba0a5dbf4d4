"use client";

import dynamic from "next/dynamic";

/**
 * The notebook body renders in the browser only: it is a live Yjs document (markdown is sanitized
 * with DOMPurify, which needs a DOM, and editors are CodeMirror views), so the server sends the
 * page frame and the document's state, and this mounts the view.
 */
const NotebookView = dynamic(() => import("./notebook-view"), {
  ssr: false,
  loading: () => (
    <div className="notebook-loading" role="status">
      Opening notebook…
    </div>
  ),
});

export function NotebookClient({ stateBase64 }: { stateBase64: string }) {
  return <NotebookView stateBase64={stateBase64} />;
}
