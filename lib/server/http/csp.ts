/**
 * Tandem's Content-Security-Policy, all of it in this one file. It is a second line of defence:
 * markdown and outputs are sanitised or sandboxed already, and the policy makes sure that if
 * something slips through, no script runs in the app's pages unless the server put it there.
 *
 * Pages: scripts need the response's nonce, a fresh one per request (server.ts stamps it with
 * stampPagePolicy). Next reads the nonce from the request's `Content-Security-Policy` header, the
 * one set here, and puts it on every script it writes; the notebook page's own inline script
 * reads it with scriptNonce. 'strict-dynamic' lets those scripts load the chunks they need, and
 * nothing else is trusted. Every page is rendered per request (app/layout.tsx), so no page is
 * served from a build-time render that has no nonce.
 *
 * Outputs render in a frame served with a policy of its own (outputFramePolicy): it allows the
 * output's scripts, and keeps them in an opaque origin with the CSP `sandbox` directive. Python
 * runs in such a frame too (kernelFramePolicy).
 *
 * The kernel's files (kernel-assets.ts) carry STATIC_FILE_POLICY only: the worker runs people's
 * Python, which runs JavaScript by design (pyodide's run_js, and Pyodide's own eval when it loads
 * a package), so a script policy there would break features and protect nothing.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** What varies between one page's policy and another's. */
export interface PagePolicyOptions {
  /** This response's nonce (base64, fresh per request). */
  nonce: string;
  /** Who may frame the page: "'none'" for the app, TANDEM_EMBED_FRAME_ANCESTORS for embeds. */
  frameAncestors: string;
  /** Origins the page opens collaboration sockets to (the public origin and allowed ones). */
  socketOrigins: readonly string[];
  /**
   * The Pyodide package source's origin when it is another site (the CDN, a mirror), or null: the
   * page fetches packages for its Python (lib/kernel/host-services.ts).
   */
  packageOrigin: string | null;
  /** The development server: its hot reload and React's dev tools need eval. */
  dev: boolean;
}

const NONCE = /^[A-Za-z0-9+/_-]+={0,2}$/;

function serialize(directives: [string, ...string[]][]): string {
  return directives.map((d) => d.join(" ")).join("; ");
}

/** http(s)://host -> ws(s)://host: CSP Level 2 browsers do not match sockets with 'self'. */
function socketSource(origin: string): string {
  return origin.replace(/^http/, "ws");
}

/** The policy of an app page or an embed page. */
export function pagePolicy({ nonce, frameAncestors, socketOrigins, packageOrigin, dev }: PagePolicyOptions): string {
  if (!NONCE.test(nonce)) throw new Error(`A CSP nonce must be base64, got ${JSON.stringify(nonce)}`);
  return serialize([
    // Whatever is not named below: the app's own origin only.
    ["default-src", "'self'"],
    // The response's nonce, and what nonce'd scripts load ('strict-dynamic'); 'self' is only the
    // fallback of browsers without 'strict-dynamic'. WebAssembly for Python, should a browser apply
    // the page's policy to its worker. Development adds eval, for hot reload.
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", "'wasm-unsafe-eval'", ...(dev ? ["'unsafe-eval'"] : [])],
    // React and CodeMirror set style attributes and <style> elements; styles cannot run code.
    ["style-src", "'self'", "'unsafe-inline'"],
    // Output images and markdown attachments are data: URLs; markdown may show images from the web
    // (any, under COEP credentialless; under require-corp only those served with CORP cross-origin).
    ["img-src", "'self'", "data:", "blob:", "https:"],
    // KaTeX's fonts are the app's own files.
    ["font-src", "'self'"],
    // Fetches to the app and, for Python, to the package source; the collaboration socket (and,
    // in development, hot reload's).
    ["connect-src", "'self'", ...(packageOrigin ? [packageOrigin] : []), ...socketOrigins.map(socketSource)],
    // No worker of the page's own: Python's runs in its kernel frame.
    ["worker-src", "'none'"],
    // Output frames (/output-frame) and kernel frames (/kernel/frame) are the app's own documents.
    ["frame-src", "'self'"],
    // No plugins; no <base> to re-point relative script URLs; forms post only to the app.
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ["frame-ancestors", frameAncestors],
  ]);
}

/**
 * The output frame's policy: anything goes inside it (outputs load scripts, styles and images from
 * anywhere, and run inline scripts, as in Jupyter), but always in an opaque origin (`sandbox
 * allow-scripts`, even when the document is opened or framed without the iframe's sandbox), and
 * framed only by the app's pages and embeds (`frameAncestors`: 'self' and the embed's framers,
 * since frame-ancestors checks every ancestor up to the top).
 */
export function outputFramePolicy(frameAncestors: string): string {
  return serialize([
    ["sandbox", "allow-scripts"],
    ["default-src", "*", "data:", "blob:", "'unsafe-inline'", "'unsafe-eval'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'none'"],
    ["frame-ancestors", frameAncestors],
  ]);
}

/**
 * The kernel frame's policy (lib/kernel/frame-host.ts): an opaque origin always, framed only by the
 * app's pages and embeds. Its worker, started from a blob: URL, inherits this policy, and it runs
 * people's Python, which fetches from anywhere and runs JavaScript by design (pyodide's run_js,
 * WebAssembly): nothing is held back but plugins, <base>, and forms.
 */
export function kernelFramePolicy(frameAncestors: string): string {
  return serialize([
    ["sandbox", "allow-scripts"],
    ["default-src", "*", "data:", "blob:", "'unsafe-inline'", "'unsafe-eval'", "'wasm-unsafe-eval'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'none'"],
    ["frame-ancestors", frameAncestors],
  ]);
}

/** The kernel's static files: never framed; see the module comment for why nothing more. */
export const STATIC_FILE_POLICY = "frame-ancestors 'none'";

/** The origin of an absolute package source URL, for connect-src; null for a relative one (the app's own) or none. */
export function packageSourceOrigin(url: string | null): string | null {
  if (url === null || !/^https?:\/\//i.test(url)) return null;
  return new URL(url).origin;
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/** The nonce in a policy's script-src, as Next finds it (or undefined). */
export function policyNonce(policy: string | null | undefined): string | undefined {
  const scripts = policy?.split(";").map((d) => d.trim().split(/\s+/)).find((d) => d[0] === "script-src");
  const source = scripts?.slice(1).find((s) => /^'nonce-[A-Za-z0-9+/_-]+={0,2}'$/.test(s));
  return source?.slice("'nonce-".length, -1);
}

/** This request's script nonce, for a server component's own inline script. */
export function scriptNonce(headers: { get(name: string): string | null }): string | undefined {
  return policyNonce(headers.get("content-security-policy"));
}

/**
 * Puts a fresh page policy on a request to Next and on its response. Next finds the nonce in the
 * request's header; whatever policy header the client sent is replaced, so nobody picks the nonce.
 */
export function stampPagePolicy(req: IncomingMessage, res: ServerResponse, options: Omit<PagePolicyOptions, "nonce">): string {
  const nonce = newNonce();
  const policy = pagePolicy({ ...options, nonce });
  req.headers["content-security-policy"] = policy;
  delete req.headers["content-security-policy-report-only"];
  res.setHeader("Content-Security-Policy", policy);
  return nonce;
}
