/**
 * The frame that untrusted HTML outputs render in, and its two messages (SVG outputs are images:
 * lib/output/image.ts). Why a document of its own rather than `<iframe srcdoc>`: a srcdoc frame
 * inherits the page's Content-Security-Policy, and the page allows only its own nonce'd scripts,
 * which would stop the output's scripts (interactive outputs run, as in Jupyter) and the frame's
 * size reporter. So the server serves this small document at OUTPUT_FRAME_PATH with a policy of
 * its own (lib/server/http/output-frame.ts): the CSP `sandbox` directive keeps it in an opaque origin
 * however it is loaded, and its scripts may do anything inside it.
 *
 * The exchange, page <-> frame (components/output/sandboxed-html.tsx):
 * 1. the frame, once listening, tells its parent it is ready (no data);
 * 2. the page answers that frame only, once, with the output's whole document
 *    (outputDocument: a size reporter, a base style and the output's HTML);
 * 3. the frame takes that from its parent only, and writes it over itself (document.write runs the
 *    output's scripts in order, as the browser would a page);
 * 4. the size reporter then tells the page the content's height, which the page clamps. That is
 *    the only thing the page takes from the frame.
 *
 * Browser code and server code share this module: the frame's script is written from the same
 * constants the page checks, so the two cannot drift. It imports nothing.
 */

/** Where the server serves the frame's document (ahead of Next, like the kernel's files). */
export const OUTPUT_FRAME_PATH = "/output-frame";

/** Frame -> page: listening, send the output. */
export interface FrameReady {
  tandemOutputReady: true;
}
/** Page -> frame: the document to show. */
export interface FrameContent {
  tandemOutputHtml: string;
}
/** Frame -> page: the content's height in CSS pixels. */
export interface FrameHeight {
  tandemFrameHeight: number;
}

/**
 * The frame's own document: it waits for the output from its parent, then writes it over itself.
 * `parent === window` when it is opened on its own (a tab), and then it waits forever.
 */
export const OUTPUT_FRAME_DOCUMENT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cell output</title></head><body><script>(() => {
  if (parent === window) return;
  const show = (event) => {
    const html = event.source === parent && event.data !== null && typeof event.data === "object" ? event.data.tandemOutputHtml : undefined;
    if (typeof html !== "string") return;
    removeEventListener("message", show);
    document.open();
    document.write(html);
    document.close();
  };
  addEventListener("message", show);
  parent.postMessage({ tandemOutputReady: true }, "*");
})();</script></body></html>
`;

/**
 * Runs inside the frame, in the output's document: tells the page how tall the content is, so the
 * frame fits it.
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

/** The document the page sends a frame for one output's HTML. */
export function outputDocument(html: string): string {
  return `<!doctype html><meta charset="utf-8"><style>html,body{margin:0}body{padding:4px;font:14px system-ui,sans-serif}</style>${SIZE_REPORTER}${html}`;
}

/** Whether a message is a frame saying it is ready. */
export function isFrameReady(data: unknown): data is FrameReady {
  return data !== null && typeof data === "object" && (data as Partial<FrameReady>).tandemOutputReady === true;
}

/** The height a frame reported, or null when the message is anything else. */
export function frameHeight(data: unknown): number | null {
  const reported = data !== null && typeof data === "object" ? (data as Partial<FrameHeight>).tandemFrameHeight : undefined;
  return typeof reported === "number" && Number.isFinite(reported) ? reported : null;
}
