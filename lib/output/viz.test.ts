/**
 * The chart frame's HTML, run in a DOM (jsdom) with stand-ins for the libraries: what it asks the
 * library to draw, and what it shows when the library does not load or cannot draw.
 */
import { JSDOM, requestInterceptor, VirtualConsole } from "jsdom";
import { describe, expect, it } from "vitest";
import { findViz, vizEmbedOptions, vizHtml, vizScripts, type VizKind } from "./viz";

const ORIGIN = "http://tandem.test";

interface Drawn {
  library: string;
  spec: unknown;
  options: unknown;
  into: string | null;
}

/**
 * Runs a chart's HTML in a DOM whose /viz/ scripts are `libraries[name]` (404 when absent), and
 * waits until it drew or showed its fallback.
 */
async function run(html: string, libraries: Record<string, string>): Promise<{ window: JSDOM["window"]; drawn: Drawn[]; requested: string[] }> {
  const requested: string[] = [];
  const dom = new JSDOM(`<!doctype html><html><head></head><body>${html}</body></html>`, {
    url: `${ORIGIN}/output-frame`,
    runScripts: "dangerously",
    virtualConsole: new VirtualConsole(),
    resources: {
      interceptors: [
        requestInterceptor((request) => {
          const path = new URL(request.url).pathname;
          requested.push(path);
          const body = libraries[path.slice("/viz/".length)];
          return Promise.resolve(body === undefined ? new Response("", { status: 404 }) : new Response(body, { headers: { "content-type": "text/javascript" } }));
        }),
      ],
    },
  });
  const window = dom.window as JSDOM["window"] & { drawn?: Drawn[] };
  const done = () => (window.drawn?.length ?? 0) > 0 || !window.document.getElementById("tandem-chart-fallback")?.hidden;
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 20)); // A drawing that fails does so a tick later.
  return { window, drawn: window.drawn ?? [], requested };
}

/** A library stand-in that records what it was asked to draw (or fails as told). */
const recorder = (library: string, global: string, outcome = "Promise.resolve({})") =>
  `window.drawn = window.drawn || [];
   window.${global} = (into, spec, options) => {
     window.drawn.push({ library: ${JSON.stringify(library)}, spec, options: options ?? null, into: into.id });
     return ${outcome};
   };`;

const VEGA = { "vega.min.js": "window.vega = {};", "vega-lite.min.js": "window.vegaLite = {};", "vega-embed.min.js": recorder("vega-embed", "vegaEmbed") };
const PLOTLY = {
  "plotly.min.js": `window.drawn = [];
    window.Plotly = { newPlot: (into, figure) => {
      window.drawn.push({ library: "plotly", spec: figure, options: null, into: into.id });
      return Promise.resolve();
    } };`,
};

describe("findViz", () => {
  it("finds a chart in an output's data, Plotly first, then Vega, then Vega-Lite 5, 4, 3", () => {
    const spec = { mark: "point" };
    expect(findViz({ "application/vnd.vegalite.v4+json": spec, "text/html": "<b>", "image/png": "AA==" })).toEqual({
      mime: "application/vnd.vegalite.v4+json",
      kind: "vega-lite",
      spec,
    });
    expect(findViz({ "application/vnd.vegalite.v3+json": spec, "application/vnd.plotly.v1+json": { data: [] } })?.kind).toBe("plotly");
    expect(findViz({ "application/vnd.vegalite.v5+json": spec, "application/vnd.vega.v5+json": { marks: [] } })?.kind).toBe("vega");
  });

  it("reads a spec stored as JSON text, and takes nothing that is not an object", () => {
    expect(findViz({ "application/vnd.vegalite.v5+json": '{"mark":"bar"}' })?.spec).toEqual({ mark: "bar" });
    for (const bad of ["{not json", "[1,2]", 42, null, ["a"]]) expect(findViz({ "application/vnd.vegalite.v5+json": bad })).toBeNull();
    expect(findViz({ "text/plain": "x" })).toBeNull();
  });

  it("reads JupyterLab's embed_options from the metadata", () => {
    const mime = "application/vnd.vegalite.v5+json";
    expect(vizEmbedOptions({ [mime]: { embed_options: { theme: "dark" } } }, mime)).toEqual({ theme: "dark" });
    expect(vizEmbedOptions({ [mime]: "x" }, mime)).toBeNull();
    expect(vizEmbedOptions(undefined, mime)).toBeNull();
  });
});

describe("vizHtml", () => {
  it("loads vega, vega-lite and vega-embed in order, then draws the spec as Vega-Lite in SVG, without the actions menu", async () => {
    const spec = { mark: "point", data: { values: [{ a: 1 }] } };
    const { drawn, requested, window } = await run(vizHtml("vega-lite", spec, "alt.Chart(...)"), VEGA);
    expect(requested).toEqual(vizScripts("vega-lite"));
    expect(drawn).toEqual([{ library: "vega-embed", spec, options: { actions: false, renderer: "svg", mode: "vega-lite" }, into: "tandem-chart" }]);
    expect(window.document.getElementById("tandem-chart-fallback")?.hidden).toBe(true);
  });

  it("takes the output's embed options, but never another mode", async () => {
    const { drawn } = await run(vizHtml("vega", { marks: [] }, "", { embedOptions: { theme: "quartz", renderer: "canvas", mode: "vega-lite" } }), VEGA);
    expect(drawn[0]?.options).toEqual({ actions: false, renderer: "canvas", theme: "quartz", mode: "vega" });
  });

  it("draws Vega charts dark on a dark page, in a frame of the same grey; Plotly figures keep their own look", async () => {
    const dark = await run(vizHtml("vega-lite", { mark: "bar" }, "", { theme: "dark" }), VEGA);
    expect(dark.drawn[0]?.options).toEqual({ actions: false, renderer: "svg", theme: "dark", mode: "vega-lite" });
    expect(dark.window.getComputedStyle(dark.window.document.documentElement).backgroundColor).toBe("rgb(51, 51, 51)");
    const chosen = await run(vizHtml("vega-lite", { mark: "bar" }, "", { theme: "dark", embedOptions: { theme: "excel" } }), VEGA);
    expect(chosen.drawn[0]?.options).toMatchObject({ theme: "excel" });
    const plotly = vizHtml("plotly", { data: [] }, "", { theme: "dark" });
    expect(plotly).toBe(vizHtml("plotly", { data: [] }, ""));
  });

  it("keeps a spec whole whatever its strings hold: no </script> ends the frame's script", async () => {
    const spec = { title: "</script><script>window.hacked = 1</script><!-- \u2028 \u2029 & é", data: { values: [] } };
    const { drawn, window } = await run(vizHtml("vega-lite", spec, ""), VEGA);
    expect(drawn[0]?.spec).toEqual(spec);
    expect((window as unknown as { hacked?: number }).hacked).toBeUndefined();
  });

  it("draws a Plotly figure with its own config, resizing with the frame, with no download button or logo link", async () => {
    const figure = { data: [{ type: "bar", y: [1, 2] }], layout: { title: { text: "t" } }, config: { scrollZoom: true, displaylogo: true } };
    const { drawn, requested } = await run(vizHtml("plotly", figure, ""), PLOTLY);
    expect(requested).toEqual(["/viz/plotly.min.js"]);
    expect(drawn).toEqual([
      {
        library: "plotly",
        spec: { ...figure, config: { responsive: true, scrollZoom: true, displaylogo: false, modeBarButtonsToRemove: ["toImage"] } },
        options: null,
        into: "tandem-chart",
      },
    ]);
  });

  it.each<[VizKind, Record<string, string>]>([
    ["vega-lite", { "vega.min.js": "window.vega = {};", "vega-embed.min.js": VEGA["vega-embed.min.js"] }],
    ["plotly", {}],
  ])("shows the text version with a note when a %s library does not load", async (kind, libraries) => {
    const { window, drawn } = await run(vizHtml(kind, { mark: "bar" }, "<Figure & size 1x1>"), libraries);
    expect(drawn).toEqual([]);
    expect(window.document.getElementById("tandem-chart")).toBeNull();
    const fallback = window.document.getElementById("tandem-chart-fallback")!;
    expect(fallback.hidden).toBe(false);
    expect(fallback.querySelector("p")?.textContent).toBe(`The ${kind === "plotly" ? "Plotly" : "Vega-Lite"} library could not be loaded. Its text is shown instead.`);
    expect(fallback.querySelector("pre")?.textContent).toBe("<Figure & size 1x1>");
  });

  it("says why when a spec cannot be drawn, and says so when there is no text to show", async () => {
    const failing = { ...VEGA, "vega-embed.min.js": recorder("vega-embed", "vegaEmbed", 'Promise.reject(new Error("Invalid spec"))') };
    const { window } = await run(vizHtml("vega-lite", { mark: 7 }, ""), failing);
    const fallback = window.document.getElementById("tandem-chart-fallback")!;
    expect(fallback.hidden).toBe(false);
    expect(fallback.textContent).toBe("This chart could not be drawn (Invalid spec). It has no text version.");
  });
});
