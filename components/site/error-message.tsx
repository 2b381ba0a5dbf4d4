"use client";

import Link from "next/link";
import { useEffect } from "react";

/** What Next.js hands an error boundary (app/error.tsx and the like). */
export interface ErrorBoundaryProps {
  error: Error & { digest?: string };
  reset: () => void;
  /** Next 16: renders the segment again from the server, then resets (absent in older versions). */
  retry?: () => void;
}

/**
 * A page that failed to render: what happened in plain words, a retry, and a way home. The error
 * itself stays in the server's log (its digest, shown here, finds it there).
 */
export function ErrorMessage({ error, reset, retry }: ErrorBoundaryProps) {
  useEffect(() => console.error(error), [error]);
  return (
    <section className="not-found" role="alert">
      <h1>This page could not be shown</h1>
      <p>Something went wrong while showing it. Your notebooks are safe: what was saved stays saved.</p>
      <p>
        <button type="button" className="button button-primary" onClick={() => (retry ?? reset)()}>
          Try again
        </button>{" "}
        <Link className="button" href="/">
          Back to the lessons
        </Link>
      </p>
      {error.digest ? <p className="error-digest">Error reference: {error.digest}</p> : null}
    </section>
  );
}
