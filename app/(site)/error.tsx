"use client";

import { ErrorMessage, type ErrorBoundaryProps } from "@/components/site/error-message";

/** A site page that failed: the message inside the site's frame, so the header stays. */
export default function SiteError(props: ErrorBoundaryProps) {
  return <ErrorMessage {...props} />;
}
