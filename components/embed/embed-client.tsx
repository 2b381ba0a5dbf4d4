"use client";

import dynamic from "next/dynamic";
import type { EmbedFrameProps } from "./embed-frame";

/**
 * The frame renders in the browser only, like the notebook page (notebook-client.tsx): markdown
 * is sanitized with DOMPurify, which needs a DOM, and the editors are CodeMirror views.
 */
const EmbedFrame = dynamic(() => import("./embed-frame").then((m) => m.EmbedFrame), {
  ssr: false,
  loading: () => <div className="embed-root embed-loading">Loading…</div>,
});

export function EmbedClient(props: EmbedFrameProps) {
  return <EmbedFrame {...props} />;
}
