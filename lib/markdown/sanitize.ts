/**
 * DOMPurify as markdown needs it. Markdown in a shared notebook is HTML written by other people,
 * shown inside Tandem's own pages (notebook, lesson, history, embeds), so beyond scripts it must
 * not be able to reach outside its cell:
 *
 * - `style` keeps only declarations that style the flow (css-filter.ts): no position, z-index,
 *   transform, `url(`, `!important`.
 * - `class` keeps only names that mean something in markdown (Jupyter's alert boxes, a code
 *   block's `language-*`, Tandem's math markup). Any other name could pick up the app's own CSS,
 *   some of which is fixed or absolutely positioned (toasts, dialogs, the sticky header), or
 *   make a cell look like the app's own controls.
 * - `data-*` attributes go: the app finds cells and its own controls by them.
 * - No `<style>` (a rule for the whole page), forms, frames, objects, dialogs; no `popover`,
 *   which shows in the top layer above everything; no SVG `overflow`, which lets a shape paint
 *   past its picture; no `autofocus`.
 *
 * KaTeX's output needs its many classes and its offsets (`top`, negative margins). It cannot come
 * from a person's HTML, because KaTeX escapes what TeX says, so render.ts marks the root of each
 * formula it typesets with a random mark (`markMath`) that no author can guess, and what is under
 * that mark keeps KaTeX's classes and the "math" styles. The mark is taken out afterwards.
 *
 * The CSS around rendered markdown (app/globals.css, `.markdown`) contains it as well, in case
 * something gets past this.
 */
import DOMPurify, { type UponSanitizeAttributeHookEvent } from "dompurify";
import { filterStyle } from "./css-filter";

const MATH_MARK = "data-tandem-math";
const mathToken = randomToken();
const MATH_SELECTOR = `[${MATH_MARK}="${mathToken}"]`;
const MATH_ATTRIBUTE = ` ${MATH_MARK}="${mathToken}"`;

/** Class names a person's markdown may use; none of them is the app's. */
const AUTHOR_CLASS = /^(?:alert|alert-(?:block|info|warning|success|danger)|language-[\w+#-]+|eqno|math-pending|katex(?:-display|-error)?)$/;

function randomToken(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Marks typeset math (KaTeX's HTML for one formula) as Tandem's own, before sanitizing. */
export function markMath(html: string): string {
  return html.replace(/^(\s*<[a-zA-Z][\w-]*)/, `$1${MATH_ATTRIBUTE}`);
}

function inMath(node: Element): boolean {
  return node.closest(MATH_SELECTOR) !== null;
}

function checkAttribute(node: Element, event: UponSanitizeAttributeHookEvent): void {
  const { attrName, attrValue } = event;
  if (attrName === MATH_MARK) {
    event.keepAttr = attrValue === mathToken;
    event.forceKeepAttr = event.keepAttr || undefined;
  } else if (attrName === "style") {
    event.attrValue = filterStyle(attrValue, inMath(node) ? "math" : "author");
    event.keepAttr = event.attrValue !== "";
  } else if (attrName === "class" && !inMath(node)) {
    event.attrValue = attrValue.split(/\s+/).filter((name) => AUTHOR_CLASS.test(name)).join(" ");
    event.keepAttr = event.attrValue !== "";
  }
}

let hooked = false;

function purifier(): typeof DOMPurify {
  if (!hooked) {
    DOMPurify.addHook("uponSanitizeAttribute", checkAttribute);
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

const CONFIG = {
  USE_PROFILES: { html: true, mathMl: true, svg: true },
  FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "iframe", "frame", "object", "embed", "dialog"],
  FORBID_ATTR: ["popover", "popovertarget", "popovertargetaction", "overflow", "autofocus"],
  ALLOW_DATA_ATTR: false,
  ADD_ATTR: ["target"],
};

/**
 * Cleans rendered markdown: it is HTML written by other people. Without a DOM (a server render)
 * DOMPurify cannot clean anything, so this gives nothing rather than the HTML as it came.
 */
export function sanitizeMarkdownHtml(html: string): string {
  const purify = purifier();
  if (!purify.isSupported) return "";
  return purify.sanitize(html, CONFIG).split(MATH_ATTRIBUTE).join("");
}
