"use client";

import { ErrorMessage, type ErrorBoundaryProps } from "@/components/site/error-message";
import "./globals.css";

/** The root layout itself failed: this replaces it, so it brings its own document. */
export default function GlobalError(props: ErrorBoundaryProps) {
  return (
    <html lang="en">
      <body>
        <main className="site-main">
          <ErrorMessage {...props} />
        </main>
      </body>
    </html>
  );
}
