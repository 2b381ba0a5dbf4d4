/**
 * A notebook document's state (one Yjs update) for the page that shows it. The notebook page does
 * not carry the state in its HTML: for a large notebook that is megabytes of base64 that the server
 * would have to build into every page. The page names a URL instead (GET /n/<slug>/state, which the
 * page also preloads, so the download starts with the HTML) and this fetches the bytes. A saved
 * version's page, which has its snapshot at hand, passes it inline.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { fromBase64 } from "../util/base64";

export type DocumentSource = { readonly base64: string } | { readonly url: string };

export type DocumentState =
  | { readonly status: "loading" }
  | { readonly status: "ready"; readonly state: Uint8Array }
  | { readonly status: "failed"; readonly message: string; readonly retry: () => void };

/** What a failed download says to the person looking at the page. */
function failure(status: number | null): string {
  if (status === 404) return "This notebook is not there any more, or you may no longer open it.";
  if (status === null) return "The notebook could not be downloaded: you seem to be offline.";
  return `The notebook could not be downloaded (the server answered ${status}).`;
}

export function useDocumentState(source: DocumentSource): DocumentState {
  const inline = "base64" in source ? source.base64 : null;
  const url = "url" in source ? source.url : null;
  const fromPage = useMemo<DocumentState | null>(() => (inline === null ? null : { status: "ready", state: fromBase64(inline) }), [inline]);
  const [attempt, setAttempt] = useState(0);
  const [fetched, setFetched] = useState<DocumentState>({ status: "loading" });
  const retry = useCallback(() => {
    setFetched({ status: "loading" });
    setAttempt((n) => n + 1);
  }, []);
  useEffect(() => {
    if (url === null) return;
    let current = true;
    // The same request as the page's preload (same mode and credentials), so the browser reuses it.
    fetch(url, { credentials: "same-origin" })
      .then(async (response) => {
        if (!response.ok) throw new HttpFailure(response.status);
        return new Uint8Array(await response.arrayBuffer());
      })
      .then(
        (state) => current && setFetched({ status: "ready", state }),
        (error: unknown) => current && setFetched({ status: "failed", message: failure(error instanceof HttpFailure ? error.status : null), retry }),
      );
    return () => {
      current = false;
    };
  }, [url, attempt, retry]);
  return fromPage ?? fetched;
}

class HttpFailure extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}
