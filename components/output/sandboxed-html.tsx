"use client";

import { useEffect, useRef, useState } from "react";

/** Tallest a frame grows to fit its content; past that it scrolls inside. */
const MAX_HEIGHT = 1200;
const MIN_HEIGHT = 24;

/**
 * Runs inside the frame: tells the page how tall the content is, so the frame fits it. It is the
 * only thing the page accepts from a frame, and the page clamps it.
 */
const SIZE_REPORTER = `<script>(() => {
  const report = () => {
    if (document.body) parent.postMessage({ tandemFrameHeight: Math.ceil(document.body.getBoundingClientRect().bottom) }, "*");
  };
  addEventListener("DOMContentLoaded", () => {
    new ResizeObserver(report).observe(document.body);
    report();
  });
  addEventListener("load", report);
})();</script>`;

/**
 * HTML and SVG outputs are untrusted (anyone in the room may have produced them), so they render
 * in a sandboxed iframe. `allow-scripts` without `allow-same-origin` gives the frame a unique
 * opaque origin: its scripts run (as in Jupyter, so interactive outputs work) but cannot read or
 * change this page, its cookies, its storage or other cells; no forms, popups or top navigation
 * either. The page listens to exactly one message from its own frame: the content's height.
 */
export function SandboxedHtml({ html }: { html: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState<number | null>(null);
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.current?.contentWindow) return;
      const reported = (event.data as { tandemFrameHeight?: unknown } | null)?.tandemFrameHeight;
      if (typeof reported !== "number" || !Number.isFinite(reported)) return;
      setHeight(Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, Math.ceil(reported))));
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, []);
  const doc = `<!doctype html><meta charset="utf-8"><style>html,body{margin:0}body{padding:4px;font:14px system-ui,sans-serif}</style>${SIZE_REPORTER}${html}`;
  return (
    <iframe
      ref={frame}
      className="output-frame"
      sandbox="allow-scripts"
      srcDoc={doc}
      title="Cell output"
      style={height !== null ? { height } : undefined}
    />
  );
}
