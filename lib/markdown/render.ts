/**
 * Markdown to safe HTML, as Jupyter renders markdown cells: CommonMark with tables and
 * strikethrough, raw HTML allowed, math with Jupyter's delimiters (math-syntax.ts) through KaTeX.
 * The result is always passed through DOMPurify (sanitize.ts), because markdown in a shared
 * notebook is written by other people: it stays inside its cell, and links open in a new tab
 * without access to this page. Runs in the browser only (DOMPurify needs a DOM).
 *
 * Rendering is synchronous. KaTeX loads on demand (math.ts): until it has, formulas come out as
 * TeX placeholders and the result says `mathPending`, so the caller renders again when
 * `katexReady` turns true (lib/react/use-math.ts does this for components).
 */
import MarkdownIt from "markdown-it";
import { KATEX_OPTIONS, renderTex } from "./math";
import { mathSyntax } from "./math-syntax";
import { markMath, sanitizeMarkdownHtml } from "./sanitize";

/** The markdown-it render env: where the math renderer notes that it left placeholders. */
interface RenderEnv {
  mathPending?: boolean;
}

let md: MarkdownIt | null = null;

function renderer(): MarkdownIt {
  if (md) return md;
  md = new MarkdownIt({ html: true, linkify: true, typographer: false });
  md.use(mathSyntax, (tex: string, displayMode: boolean, env: unknown) => {
    const { html, pending } = renderTex(tex, { ...KATEX_OPTIONS, displayMode });
    if (pending) (env as RenderEnv).mathPending = true;
    return markMath(html);
  });
  return md;
}

/** nbformat attachments: file name -> mime bundle of base64 data. */
export type Attachments = Record<string, Record<string, unknown>>;

const IMAGE_MIMES = ["image/png", "image/jpeg", "image/gif", "image/webp"];

/** Points `attachment:name` images at data URLs built from the cell's attachments. */
function inlineAttachments(html: string, attachments: Attachments | undefined): string {
  if (!attachments) return html;
  return html.replace(/src="attachment:([^"]+)"/g, (whole, name: string) => {
    const bundle = attachments[decodeURIComponent(name)];
    const mime = bundle && IMAGE_MIMES.find((m) => typeof bundle[m] === "string" || Array.isArray(bundle[m]));
    if (!bundle || !mime) return whole;
    const data = ([] as unknown[]).concat(bundle[mime]).join("").replace(/\s+/g, "");
    return `src="data:${mime};base64,${data}"`;
  });
}

/** Sanitized HTML; `mathPending`: formulas are placeholders until KaTeX loads (render again then). */
export interface RenderedMarkdown {
  html: string;
  mathPending: boolean;
}

/** Renders markdown (with math) to sanitized HTML, saying whether its math waits for KaTeX. */
export function renderMarkdownWithMath(source: string, attachments?: Attachments): RenderedMarkdown {
  const env: RenderEnv = {};
  const html = inlineAttachments(renderer().render(source, env), attachments);
  return { html: sanitizeMarkdownHtml(html), mathPending: env.mathPending === true };
}

/** Renders markdown (with math) to sanitized HTML; formulas are placeholders until KaTeX loads. */
export function renderMarkdown(source: string, attachments?: Attachments): string {
  return renderMarkdownWithMath(source, attachments).html;
}
