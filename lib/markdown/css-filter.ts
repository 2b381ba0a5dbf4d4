/**
 * Inline CSS that markdown may keep. Markdown in a shared notebook is written by other people, and
 * a `style` attribute can do more than colour words: `position: fixed; inset: 0; z-index: 99999`
 * lays a box over the whole page, header included. So a style is an allow-list of declarations
 * that only change how text and boxes look in the flow (colour, font, alignment, sizes, margins,
 * borders), as people write them in Jupyter markdown; anything that positions, layers, transforms,
 * loads (`url(`) or overrides (`!important`) is dropped.
 *
 * It reads declarations the simple way (split on `;`, name before the first `:`), so it refuses
 * what a simple reader could get wrong: a style with a backslash escape, a comment, or braces,
 * angle brackets, `@`, `!` or backticks is dropped whole, and a value with quotes is kept only as
 * a plain font-family list. Pure: no DOM, so it is tested in Node (css-filter.test.ts).
 */

/** Whose markup a style sits on: a person's raw HTML, or KaTeX's own output for a formula. */
export type StyleContext = "author" | "math";

const SIDES = ["top", "right", "bottom", "left"] as const;
const CORNERS = ["top-left", "top-right", "bottom-right", "bottom-left"] as const;

/** Declarations that style text and boxes in the flow, and never take them out of it. */
const AUTHOR_PROPERTIES: ReadonlySet<string> = new Set([
  "color", "background", "background-color", "opacity",
  "font", "font-family", "font-size", "font-style", "font-weight", "font-variant",
  "text-align", "text-decoration", "text-decoration-line", "text-decoration-color", "text-decoration-style",
  "text-transform", "text-indent", "letter-spacing", "word-spacing", "line-height",
  "white-space", "word-break", "overflow-wrap", "word-wrap", "vertical-align", "direction",
  "width", "height", "min-width", "max-width", "min-height", "max-height", "box-sizing",
  "margin", ...SIDES.map((s) => `margin-${s}`),
  "padding", ...SIDES.map((s) => `padding-${s}`),
  "border", "border-width", "border-style", "border-color", "border-radius", "border-collapse", "border-spacing",
  ...SIDES.flatMap((s) => [`border-${s}`, `border-${s}-width`, `border-${s}-style`, `border-${s}-color`]),
  ...CORNERS.map((c) => `border-${c}-radius`),
  "list-style", "list-style-type", "list-style-position",
  "display", "float", "clear", "overflow", "overflow-x", "overflow-y",
  "table-layout", "caption-side", "empty-cells",
]);

/**
 * KaTeX lays out formulas with offsets (`top: -2.655em`, `position: relative`, negative margins)
 * that stay inside the formula's box. Its output gets these too; a person's HTML never does.
 */
const MATH_PROPERTIES: ReadonlySet<string> = new Set([...AUTHOR_PROPERTIES, "position", "top", "bottom", "left", "right"]);

/** Keyword-only properties: what else they can say is either useless here or a way out of the cell. */
const KEYWORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  display: new Set(["none", "inline", "block", "inline-block", "flex", "inline-flex", "grid", "inline-grid", "flow-root", "list-item", "table", "table-row", "table-cell"]),
  float: new Set(["left", "right", "none"]),
  clear: new Set(["left", "right", "both", "none"]),
  position: new Set(["relative", "static"]),
};

/** Colour functions only: no `url(`, `expression(`, `var(`, `env(`, `attr(`, `image-set(`, `calc(`. */
const FUNCTIONS: ReadonlySet<string> = new Set(["rgb", "rgba", "hsl", "hsla"]);

/** Characters a whole style may not hold: escapes and comments hide names, the rest is never needed. */
const REFUSED = /[\\{}<>@!`]|\/\*|\*\//;
const PROPERTY = /^[a-z][a-z-]*$/;
const PLAIN_VALUE = /^[#\w\s.,%+\-()/]+$/;
const FAMILY = String.raw`\s*(?:"[\w\s-]+"|'[\w\s-]+'|[\w-][\w\s-]*)\s*`;
const FONT_FAMILY_LIST = new RegExp(`^${FAMILY}(?:,${FAMILY})*$`);
/** A minus sign before a number: a negative margin or offset pulls a box over what is before it. */
const NEGATIVE = /(?:^|[\s,(])-[\d.]/;

function valueAllowed(property: string, value: string, context: StyleContext): boolean {
  const keywords = KEYWORDS[property];
  if (keywords) return keywords.has(value) && (property !== "position" || context === "math");
  if (property === "font-family" && FONT_FAMILY_LIST.test(value)) return true;
  if (!PLAIN_VALUE.test(value)) return false;
  if (context === "author" && NEGATIVE.test(value)) return false;
  for (const call of value.matchAll(/([a-z-]*)\(/g)) {
    if (!FUNCTIONS.has(call[1]!)) return false;
  }
  return true;
}

/**
 * The declarations of `style` that may stay, as `name: value; ...` (names lower-cased), or "" when
 * none may. `context` "math" is for KaTeX's own markup, which may also offset within its box.
 */
export function filterStyle(style: string, context: StyleContext): string {
  if (REFUSED.test(style)) return "";
  const allowed = context === "math" ? MATH_PROPERTIES : AUTHOR_PROPERTIES;
  const kept: string[] = [];
  for (const declaration of style.split(";")) {
    const colon = declaration.indexOf(":");
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (!PROPERTY.test(property) || !allowed.has(property) || value === "") continue;
    if (valueAllowed(property, value.toLowerCase(), context)) kept.push(`${property}: ${value}`);
  }
  return kept.join("; ");
}
