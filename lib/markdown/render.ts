/**
 * Markdown to safe HTML, as Jupyter renders markdown cells: CommonMark with tables and
 * strikethrough, raw HTML allowed, $…$ and $$…$$ math through KaTeX. The result is always passed
 * through DOMPurify, because markdown in a shared notebook is written by other people; links open
 * in a new tab without access to this page. Runs in the browser only (DOMPurify needs a DOM).
 */
import DOMPurify from "dompurify";
import katex from "katex";
import MarkdownIt from "markdown-it";
import texmath from "markdown-it-texmath";

let md: MarkdownIt | null = null;
let hooked = false;

function renderer(): MarkdownIt {
  if (md) return md;
  md = new MarkdownIt({ html: true, linkify: true, typographer: false });
  md.use(texmath, {
    engine: katex,
    delimiters: "dollars",
    katexOptions: { throwOnError: false, output: "htmlAndMathml", strict: "ignore" },
  });
  return md;
}

function purifier(): typeof DOMPurify {
  if (!hooked) {
    DOMPurify.addHook("afterSanitizeAttributes", (node) => {
      if (node.tagName === "A" && node.getAttribute("href")) {
        node.setAttribute("target", "_blank");
        node.setAttribute("rel", "noopener noreferrer nofollow");
      }
    });
    hooked = true;
  }
  return DOMPurify;
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

/** Renders markdown (with math) to sanitized HTML. */
export function renderMarkdown(source: string, attachments?: Attachments): string {
  const html = inlineAttachments(renderer().render(source), attachments);
  return purifier().sanitize(html, {
    USE_PROFILES: { html: true, mathMl: true, svg: true },
    FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select"],
    ADD_ATTR: ["target"],
  });
}
