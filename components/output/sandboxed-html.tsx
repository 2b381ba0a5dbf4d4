"use client";

import { useLayoutEffect, useRef, useState } from "react";
import { OUTPUT_FRAME_PATH, frameHeight, isFrameReady, outputDocument, type FrameContent } from "@/lib/output/frame";

/** Tallest a frame grows to fit its content; past that it scrolls inside. */
const MAX_HEIGHT = 1200;
const MIN_HEIGHT = 24;

/**
 * HTML outputs are untrusted (anyone in the room may have produced them), so they render
 * in a sandboxed iframe. `allow-scripts` without `allow-same-origin` gives the frame a unique
 * opaque origin: its scripts run (as in Jupyter, so interactive outputs work) but cannot read or
 * change this page, its cookies, its storage or other cells; no forms, popups or top navigation
 * either. The frame is a document of its own (lib/output/frame.ts says why not srcdoc, and the
 * exchange): it asks for the output, gets it once, and the page then listens to exactly one
 * message from its own frame: the content's height.
 */
export function SandboxedHtml({ html, title = "Cell output" }: { html: string; title?: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState<number | null>(null);
  const doc = outputDocument(html);
  // A layout effect: listening before the new frame can possibly be ready.
  useLayoutEffect(() => {
    let sent = false;
    const onMessage = (event: MessageEvent) => {
      const target = frame.current?.contentWindow;
      if (!target || event.source !== target) return;
      if (isFrameReady(event.data)) {
        // Once per frame: the output's own scripts may say "ready" too, and get nothing.
        if (!sent) target.postMessage({ tandemOutputHtml: doc } satisfies FrameContent, "*");
        sent = true;
        return;
      }
      const reported = frameHeight(event.data);
      if (reported !== null) setHeight(Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, Math.ceil(reported))));
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [doc]);
  return (
    <iframe
      // A new output is a new frame: the frame takes one document, as srcdoc did.
      key={doc}
      ref={frame}
      className="output-frame"
      sandbox="allow-scripts"
      src={OUTPUT_FRAME_PATH}
      title={title}
      style={height !== null ? { height } : undefined}
    />
  );
}
