/**
 * Image outputs as Jupyter shows them: at their natural size, never stretched; shrunk to the
 * cell's width when wider (CSS: `.output-image` in app/globals.css), keeping their shape. The
 * output's metadata may set the size, under the image's own MIME type, as IPython's
 * `Image(width=…, height=…)` and Matplotlib's retina figures do:
 *
 *   "metadata": { "image/png": { "width": 320, "height": 240, "unconfined": true },
 *                 "needs_background": "light" }
 *
 * `unconfined` lets an image be wider than the cell (it scrolls, as in JupyterLab);
 * `needs_background: "dark"` asks for a dark backdrop (light-coloured lines on a transparent
 * image). A stored notebook may hold anything here, so every field is read defensively.
 */
import { isJsonObject } from "../util/json";

/** What an image output's metadata asks for; undefined sizes are the image's own. */
export interface ImageDisplay {
  width: number | undefined;
  height: number | undefined;
  unconfined: boolean;
  /** The image is drawn for a dark page: give it a dark backdrop on Tandem's light one. */
  darkBackground: boolean;
}

/** A size in CSS pixels: a positive number, or a string of one (some producers write "320"). */
function pixels(value: unknown): number | undefined {
  const n = typeof value === "string" && /^\s*\d+(?:\.\d+)?\s*(?:px)?\s*$/.test(value) ? parseFloat(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** How the image output of type `mime` with `metadata` (the output's whole metadata) is shown. */
export function imageDisplay(metadata: unknown, mime: string): ImageDisplay {
  const all = isJsonObject(metadata) ? metadata : {};
  const own = isJsonObject(all[mime]) ? all[mime] : {};
  return {
    width: pixels(own.width),
    height: pixels(own.height),
    unconfined: own.unconfined === true,
    darkBackground: all.needs_background === "dark",
  };
}

/**
 * An SVG output as an image's data URL. In an `<img>` an SVG runs no script and loads nothing,
 * so it needs no frame; JupyterLab shows SVG outputs the same way. An SVG without its namespace
 * would not load as an image, so it is added, as JupyterLab does.
 */
export function svgDataUrl(svg: string): string {
  const source = /<svg[^>]+xmlns=[^>]+svg/.test(svg) ? svg : svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"');
  return `data:image/svg+xml,${encodeURIComponent(source)}`;
}
