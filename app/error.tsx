"use client";

import { ErrorMessage, type ErrorBoundaryProps } from "@/components/site/error-message";

/** Anything a page throws that nothing nearer catches (embeds included): a message and a retry. */
export default function RootError(props: ErrorBoundaryProps) {
  return (
    <main className="site-main">
      <ErrorMessage {...props} />
    </main>
  );
}
