/**
 * Terminal colours in stream and error outputs (ANSI escape codes) as HTML, with ansi_up. The
 * 16 basic colours come out as classes (`ansi-red-fg`, `ansi-red-bg`, `ansi-bright-blue-fg`, …),
 * which app/globals.css colours with Jupyter's palette and gives readable text where a background
 * has no colour of its own for its text. Bold, faint, italic, underline and the 256-colour and
 * true-colour codes come out as inline styles (the page's CSP allows style attributes: styles
 * run no code); on a true-colour background without a colour for its text, the text is made
 * black or white, whichever reads better.
 */
import { AnsiUp } from "ansi_up";

/** A `<span style=…>` as ansi_up writes it, with its classes if any. */
const STYLED_SPAN = /<span style="([^"]*)"((?: class="[^"]*")?)>/g;
const BACKGROUND = /background-color:rgb\((\d+),\s*(\d+),\s*(\d+)\)/;

/** WCAG relative luminance of an sRGB colour (0-255 channels). */
function luminance(r: number, g: number, b: number): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** Black or white text, whichever contrasts more with the background. */
function textFor(r: number, g: number, b: number): string {
  const l = luminance(r, g, b);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#000" : "#fff";
}

/** Terminal output (with ANSI codes) as escaped HTML with coloured spans. */
export function ansiToHtml(text: string): string {
  const ansi = new AnsiUp();
  ansi.use_classes = true;
  return ansi.ansi_to_html(text).replace(STYLED_SPAN, (whole, style: string, classes: string) => {
    const background = BACKGROUND.exec(style);
    if (!background || /(?:^|;)color:/.test(style) || classes.includes("-fg")) return whole;
    const [, r, g, b] = background.map(Number) as [number, number, number, number];
    return `<span style="${style};color:${textFor(r, g, b)}"${classes}>`;
  });
}
