/**
 * Charts: Vega, Vega-Lite and Plotly outputs (Altair, Plotly Express ...) drawn by their own
 * libraries, as JupyterLab draws them. Untrusted like any HTML output, they render in the output
 * frame (lib/output/frame.ts): this module only writes the HTML that frame shows, a placeholder
 * plus a script that loads the library and draws the spec. The libraries are the app's own files
 * (copied from node_modules into public/viz/ at build: lib/server/output/viz-libraries.ts, served
 * with CORP cross-origin because the frame's opaque origin makes every load cross-origin); the
 * frame loads them when such an output appears, and the page's own scripts never do.
 *
 * If a library cannot be loaded, or a spec cannot be drawn, the frame shows the output's
 * text/plain with a short note saying why: never a blank.
 *
 * Shared by browser and server code; it imports nothing.
 */

/** Which library draws a chart; vega-embed draws both Vega and Vega-Lite. */
export type VizKind = "plotly" | "vega" | "vega-lite";

/**
 * The chart MIME types, in the order they are preferred. JupyterLab ranks Plotly's first of all
 * (rank 0) and Vega's (57) just after text/html (50); here both come before HTML, because the HTML
 * version of a chart loads the same library from a CDN, which only works online and, under COEP
 * require-corp, not at all. Vega-Lite 3 and 4 specs are drawn by Vega-Lite 6, as JupyterLab draws
 * them with its one Vega-Lite.
 */
export const VIZ_MIME_TYPES: readonly (readonly [mime: string, kind: VizKind])[] = [
  ["application/vnd.plotly.v1+json", "plotly"],
  ["application/vnd.vega.v5+json", "vega"],
  ["application/vnd.vegalite.v5+json", "vega-lite"],
  ["application/vnd.vegalite.v4+json", "vega-lite"],
  ["application/vnd.vegalite.v3+json", "vega-lite"],
];

/** Where the server serves the libraries. */
export const VIZ_PATH = "/viz/";

/**
 * Each file under VIZ_PATH: its name there, and where it comes from in node_modules (each package's
 * browser build, which sets a global: vega, vegaLite, vegaEmbed, Plotly).
 */
export const VIZ_LIBRARY_FILES = [
  { name: "vega.min.js", package: "vega", file: "build/vega.min.js" },
  { name: "vega-lite.min.js", package: "vega-lite", file: "build/vega-lite.min.js" },
  { name: "vega-embed.min.js", package: "vega-embed", file: "build/vega-embed.min.js" },
  { name: "plotly.min.js", package: "plotly.js-dist-min", file: "plotly.min.js" },
] as const;

type VizFileName = (typeof VIZ_LIBRARY_FILES)[number]["name"];

const VEGA_FILES: readonly VizFileName[] = ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"];
const SCRIPTS: Record<VizKind, readonly VizFileName[]> = { plotly: ["plotly.min.js"], vega: VEGA_FILES, "vega-lite": VEGA_FILES };

/** The scripts a kind of chart needs, in the order they must run. */
export function vizScripts(kind: VizKind): string[] {
  return SCRIPTS[kind].map((name) => VIZ_PATH + name);
}

/** What people call each library, in the note shown when it fails. */
const LABELS: Record<VizKind, string> = { plotly: "Plotly", vega: "Vega", "vega-lite": "Vega-Lite" };

/** One chart found in an output's data. */
export interface VizOutput {
  mime: string;
  kind: VizKind;
  spec: { [key: string]: unknown };
}

/**
 * The chart to draw for an output's data, or null when it has none. A spec is a JSON object, or a
 * string holding one (some writers store JSON MIME types as text); anything else is not a chart,
 * and the output falls back to its other MIME types.
 */
export function findViz(data: Record<string, unknown>): VizOutput | null {
  for (const [mime, kind] of VIZ_MIME_TYPES) {
    const spec = asObject(data[mime]);
    if (spec) return { mime, kind, spec };
  }
  return null;
}

function asObject(value: unknown): { [key: string]: unknown } | null {
  if (typeof value === "string") {
    try {
      return asObject(JSON.parse(value));
    } catch {
      return null;
    }
  }
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as { [key: string]: unknown }) : null;
}

/** JSON that is safe inside a <script>: no `</script>` or `<!--` can end or bend it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Runs in the frame: loads the scripts in order (all fetched at once, run in order), then draws.
 * `draw(chart, spec, options)` returns a promise or throws; either failure, or a script that does
 * not load, shows the fallback instead of the chart.
 */
const LOADER = `(({ scripts, label, spec, options, draw }) => {
  const chart = document.getElementById("tandem-chart");
  let failed = false;
  const fail = (why) => {
    if (failed) return;
    failed = true;
    chart.remove();
    const note = document.getElementById("tandem-chart-note");
    note.textContent = why + " " + note.textContent;
    document.getElementById("tandem-chart-fallback").hidden = false;
  };
  const render = () => {
    try {
      Promise.resolve(draw(chart, spec, options)).catch((error) => fail("This chart could not be drawn (" + (error && error.message || error) + ")."));
    } catch (error) {
      fail("This chart could not be drawn (" + (error && error.message || error) + ").");
    }
  };
  let left = scripts.length;
  for (const src of scripts) {
    const script = document.createElement("script");
    script.src = src;
    script.async = false;
    script.onload = () => { if (--left === 0 && !failed) render(); };
    script.onerror = () => fail("The " + label + " library could not be loaded.");
    document.head.append(script);
  }
})`;

/** vega-embed with JupyterLab's defaults, less the actions menu (its exports and editor link need downloads and popups, which the sandbox refuses). */
const DRAW_VEGA = `(chart, spec, options) => vegaEmbed(chart, spec, options)`;
/** Plotly as JupyterLab draws it, resizing with the frame; no image download (the sandbox refuses downloads) and no logo link. */
const DRAW_PLOTLY = `(chart, spec) => Plotly.newPlot(chart, Object.assign({}, spec, {
  config: Object.assign({ responsive: true }, spec.config, { displaylogo: false, modeBarButtonsToRemove: ["toImage"] }),
}))`;

/**
 * Vega's dark theme (vega-themes "dark") paints its charts on this grey with white text; a dark
 * Vega frame takes the same, so the chart and the frame around it are one tile.
 */
const DARK_FRAME = "html{background:#333;color:#fff;color-scheme:dark}";

/** How a chart is shown: its output metadata's vega-embed options, and the page's theme. */
export interface VizLook {
  /** JupyterLab's `embed_options` (vizEmbedOptions), over our defaults, under the mode. */
  embedOptions?: unknown;
  /** The page's theme: Vega charts take vega-embed's dark theme, as JupyterLab's do; Plotly figures keep their own template. */
  theme?: "light" | "dark";
}

/** The HTML the output frame shows for one chart. `fallback` is the output's text/plain (may be empty). */
export function vizHtml(kind: VizKind, spec: { [key: string]: unknown }, fallback: string, { embedOptions, theme }: VizLook = {}): string {
  const dark = theme === "dark" && kind !== "plotly";
  const options =
    kind === "plotly" ? null : { actions: false, renderer: "svg", ...(dark ? { theme: "dark" } : {}), ...(asObject(embedOptions) ?? {}), mode: kind };
  const args = { scripts: vizScripts(kind), label: LABELS[kind], spec, options };
  const note = fallback ? "Its text is shown instead." : "It has no text version.";
  return (
    // The width vega-embed's docs ask for, so that a chart sized "container" fills the cell.
    `<style>${dark ? DARK_FRAME : ""}#tandem-chart.vega-embed{display:flex;width:100%}#tandem-chart-note{margin:0 0 4px;opacity:.75;font-style:italic}` +
    `#tandem-chart-fallback pre{margin:0;white-space:pre-wrap;font:13px ui-monospace,monospace}</style>` +
    `<div id="tandem-chart"></div>` +
    `<div id="tandem-chart-fallback" hidden><p id="tandem-chart-note">${note}</p>${fallback ? `<pre>${escapeHtml(fallback)}</pre>` : ""}</div>` +
    `<script>${LOADER}(Object.assign(${scriptJson(args)}, { draw: ${kind === "plotly" ? DRAW_PLOTLY : DRAW_VEGA} }));</script>`
  );
}

/** The embed options in an output's metadata, as JupyterLab reads them: `metadata[mime].embed_options`. */
export function vizEmbedOptions(metadata: unknown, mime: string): unknown {
  const own = asObject(metadata)?.[mime];
  return asObject(own)?.embed_options ?? null;
}
