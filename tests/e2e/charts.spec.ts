/**
 * Chart outputs drawn by their own libraries, as in JupyterLab (lib/output/viz.ts), in the output
 * frame's opaque origin: an imported notebook (tests/fixtures/rendering/charts.ipynb) with an
 * Altair-shaped Vega-Lite output, a Vega chart and a Plotly figure. Each draws its marks inside its
 * frame, ahead of the HTML version beside it, and the frame grows to fit; the libraries are
 * fetched by the frames only, never by the page. Under require-corp (what Safari gets) they load
 * too, which takes their CORP cross-origin. A library that cannot load leaves the output's text and
 * a note, not a blank. On a dark page Vega charts are dark, as in JupyterLab. And a chart made in Python (Altair's way: `_repr_mimebundle_`) draws for
 * everyone in the room.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_URL } from "./support/env";
import { cellIds, createNotebook, joinNotebook, notebookCell, pythonReady, runCell } from "./support/notebook-page";

const SAFARI = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15";

/** How long opening a notebook may take (a first visit to a new notebook loads its room). */
const OPEN_MS = 60_000;

test.describe.configure({ timeout: 3 * OPEN_MS });

/**
 * A guest's page on a fresh import of charts.ipynb, with every /viz/ request it saw and from which
 * frame. `missing`: a library path answered with 404.
 */
async function openCharts(
  browser: Browser,
  { userAgent, missing, colorScheme = "light" }: { userAgent?: string; missing?: string; colorScheme?: "light" | "dark" } = {},
): Promise<{ page: Page; chartRequests: { url: string; byPage: boolean }[] }> {
  const context = await browser.newContext({ baseURL: E2E_URL, viewport: { width: 1280, height: 800 }, colorScheme, ...(userAgent ? { userAgent } : {}) });
  if (missing) await context.route(`**${missing}`, (route) => route.fulfill({ status: 404, body: "" }));
  const page = await context.newPage();
  const chartRequests: { url: string; byPage: boolean }[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/viz/")) chartRequests.push({ url: request.url(), byPage: request.frame() === page.mainFrame() });
  });
  await page.addInitScript(() => localStorage.setItem("tandem:guest-name", "Ada"));
  const notebook = readFileSync(path.join(process.cwd(), "tests/fixtures/rendering/charts.ipynb"), "utf8");
  const imported = await page.request.post("/api/notebooks/import?name=charts.ipynb", {
    headers: { "content-type": "application/x-ipynb+json", origin: E2E_URL },
    data: notebook,
  });
  expect(imported.status()).toBe(201);
  const { slug } = (await imported.json()) as { slug: string };
  await page.goto(`/n/${slug}`);
  await expect(page.getByTestId("connection-status")).toHaveText("Connected", { timeout: OPEN_MS });
  return { page, chartRequests };
}

const chartFrame = (page: Page, id: string) => notebookCell(page, id).locator("iframe.output-frame");

for (const [browserName, userAgent] of [["Chromium", undefined], ["Safari (require-corp)", SAFARI]] as const) {
  test(`Vega-Lite, Vega and Plotly outputs draw in their frames, loaded by the frames only, in ${browserName}`, async ({ browser }) => {
    const { page, chartRequests } = await openCharts(browser, { userAgent });

    // Altair's Vega-Lite: six points, the HTML version beside it not shown.
    const altair = chartFrame(page, "altair");
    await altair.scrollIntoViewIfNeeded();
    await expect(altair).toHaveAttribute("title", "Vega chart");
    const vegaLite = altair.contentFrame();
    await expect(vegaLite.locator("svg .mark-symbol.role-mark path")).toHaveCount(6, { timeout: OPEN_MS });
    await expect(vegaLite.getByText("Cells run per week")).toBeVisible();
    await expect(vegaLite.locator("#html-version")).toHaveCount(0);
    await expect(vegaLite.locator("#tandem-chart-fallback")).toBeHidden();
    // The frame grew to the chart (its 200 px plot, axes and title), past its 120 px start.
    await expect.poll(async () => (await altair.boundingBox())?.height ?? 0).toBeGreaterThan(220);

    // A Vega bar chart: three bars.
    const vega = chartFrame(page, "vega");
    await vega.scrollIntoViewIfNeeded();
    await expect(vega.contentFrame().locator("svg .mark-rect.role-mark path")).toHaveCount(3, { timeout: OPEN_MS });

    // Plotly: four bars and a line, in a frame as tall as the figure's 320 px.
    const plotly = chartFrame(page, "plotly");
    await plotly.scrollIntoViewIfNeeded();
    await expect(plotly).toHaveAttribute("title", "Plotly chart");
    const figure = plotly.contentFrame();
    await expect(figure.locator(".main-svg").first()).toBeVisible({ timeout: OPEN_MS });
    await expect(figure.locator(".barlayer .point")).toHaveCount(4);
    await expect(figure.locator(".scatterlayer .trace")).toHaveCount(1);
    await expect(figure.getByText("A week of lessons")).toBeVisible();
    await expect(figure.locator("#html-version")).toHaveCount(0);
    await expect.poll(async () => (await plotly.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(320);
    // For looking at: each chart where a reader would see it.
    for (const id of ["altair", "vega", "plotly"]) {
      await chartFrame(page, id).scrollIntoViewIfNeeded();
      await chartFrame(page, id).screenshot({ path: test.info().outputPath(`${id}-${browserName.split(" ")[0]}.png`) });
    }

    // The page itself never loaded a library: no globals, no request from its own frame.
    expect(await page.evaluate(() => ["vega", "vegaLite", "vegaEmbed", "Plotly"].filter((name) => name in window))).toEqual([]);
    const fetched = new Set(chartRequests.map((r) => new URL(r.url).pathname));
    expect([...fetched].sort()).toEqual(["/viz/plotly.min.js", "/viz/vega-embed.min.js", "/viz/vega-lite.min.js", "/viz/vega.min.js"]);
    expect(chartRequests.filter((r) => r.byPage)).toEqual([]);
    await page.context().close();
  });
}

test("a chart whose library cannot load shows the output's text and says why; the others still draw", async ({ browser }) => {
  const { page } = await openCharts(browser, { missing: "/viz/plotly.min.js" });
  const plotly = chartFrame(page, "plotly");
  await plotly.scrollIntoViewIfNeeded();
  const fallback = plotly.contentFrame().locator("#tandem-chart-fallback");
  await expect(fallback).toBeVisible({ timeout: OPEN_MS });
  await expect(fallback.locator("p")).toHaveText("The Plotly library could not be loaded. Its text is shown instead.");
  await expect(fallback.locator("pre")).toHaveText("Figure({'data': [{'type': 'bar'}, {'type': 'scatter'}]})");
  await expect(plotly.contentFrame().locator(".main-svg")).toHaveCount(0);
  await expect.poll(async () => (await plotly.boundingBox())?.height ?? 0).toBeGreaterThan(30);
  const altair = chartFrame(page, "altair");
  await altair.scrollIntoViewIfNeeded();
  await expect(altair.contentFrame().locator("svg .mark-symbol.role-mark path")).toHaveCount(6, { timeout: OPEN_MS });
  await page.context().close();
});

test("on a dark page Vega charts are drawn dark, in a frame of the same grey; Plotly figures keep their own look", async ({ browser }) => {
  const { page } = await openCharts(browser, { colorScheme: "dark" });
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const background = (frame: ReturnType<typeof chartFrame>) =>
    frame.contentFrame().locator("html").evaluate((html) => getComputedStyle(html).backgroundColor);
  const altair = chartFrame(page, "altair");
  await altair.scrollIntoViewIfNeeded();
  await expect(altair.contentFrame().locator("svg .mark-symbol.role-mark path")).toHaveCount(6, { timeout: OPEN_MS });
  expect(await background(altair)).toBe("rgb(51, 51, 51)");
  // vega-embed's dark theme: light text on the chart.
  await expect(altair.contentFrame().locator("svg .role-title-text text")).toHaveAttribute("fill", "#fff");
  await altair.screenshot({ path: test.info().outputPath("altair-dark.png") });
  const plotly = chartFrame(page, "plotly");
  await plotly.scrollIntoViewIfNeeded();
  await expect(plotly.contentFrame().locator(".main-svg").first()).toBeVisible({ timeout: OPEN_MS });
  expect(await background(plotly)).not.toBe("rgb(51, 51, 51)");
  await page.context().close();
});

/** What Altair's charts give IPython, minus Altair: a Vega-Lite bundle with a text version. */
const PYTHON_CHART = `class Chart:
    def _repr_mimebundle_(self, include=None, exclude=None):
        spec = {"mark": "point", "data": {"values": [{"x": 1, "y": 2}, {"x": 2, "y": 3}, {"x": 3, "y": 1}]},
                "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"}}}
        return {"application/vnd.vegalite.v5+json": spec, "text/plain": "Chart()"}
Chart()`;

test("a chart made in Python draws for the person who ran it and for their partner", async ({ browser }) => {
  const slug = await createNotebook(E2E_URL, { title: "Charts from Python" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  const grace = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Grace");
  await pythonReady(ada);
  const [id] = await cellIds(ada);
  await runCell(ada, id!, PYTHON_CHART);
  for (const page of [ada, grace]) {
    const frame = chartFrame(page, id!);
    await expect(frame.contentFrame().locator("svg .mark-symbol.role-mark path")).toHaveCount(3, { timeout: OPEN_MS });
    await expect(frame.contentFrame().locator("#tandem-chart-fallback")).toBeHidden();
  }
  await ada.context().close();
  await grace.context().close();
});
