"use client";

/**
 * HTML and SVG outputs are untrusted (anyone in the room may have produced them), so they render
 * in an iframe with an empty sandbox: a unique opaque origin, no scripts, no forms, no top
 * navigation, no access to this page, its cookies or other cells.
 */
export function SandboxedHtml({ html }: { html: string }) {
  const doc = `<!doctype html><meta charset="utf-8"><style>body{margin:0;font:14px system-ui,sans-serif}</style>${html}`;
  return <iframe className="output-frame" sandbox="" srcDoc={doc} title="Cell output" />;
}
