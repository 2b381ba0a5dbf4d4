"use client";

import "./embed.css";
import { useRef } from "react";
import { useFrameSize } from "./use-frame-size";

/** What an embed of a private, deleted or missing notebook (or cell) shows: the same for all. */
export function EmbedUnavailable() {
  const root = useRef<HTMLDivElement>(null);
  useFrameSize(root);
  return (
    <div ref={root} className="embed-root embed-unavailable" data-testid="embed-unavailable" role="status">
      This notebook is not available. It may be private, or it may have been deleted.
    </div>
  );
}
