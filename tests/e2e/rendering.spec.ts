/**
 * Outputs and markdown as faithful as Jupyter's, in the browser, on a laptop and on a phone, with
 * two imported notebooks (tests/fixtures/rendering/): Jupyter's own "Typesetting Equations" and
 * one of outputs. Images show at their natural size (or their metadata's), shrunk but never
 * stretched to the cell; every formula Jupyter typesets is typeset, with no TeX left showing;
 * LaTeX outputs with eqnarray typeset without an error; ANSI backgrounds and bold show; a widget
 * says why it is not shown. The screenshots (in the test's output folder) are for looking at.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { E2E_URL } from "./support/env";

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

/** How long opening a notebook may take (a first visit to a new notebook loads its room). */
const OPEN_MS = 60_000;

/** Imports a fixture notebook as a guest and opens it, every cell rendered. */
async function openFixture(page: Page, file: string): Promise<void> {
  const text = readFileSync(path.join(process.cwd(), "tests/fixtures/rendering", file), "utf8");
  const imported = await page.request.post(`/api/notebooks/import?name=${encodeURIComponent(file)}`, {
    headers: { "content-type": "application/x-ipynb+json", origin: E2E_URL },
    data: text,
  });
  expect(imported.status()).toBe(201);
  const { slug } = (await imported.json()) as { slug: string };
  await page.goto(`/n/${slug}`);
  // The notebook's cells come with its first sync, which a busy machine may keep waiting.
  await expect(page.getByTestId("connection-status")).toHaveText("Connected", { timeout: OPEN_MS });
  await page.locator('[data-testid="notebook-cells"][data-rendered="partial"]').waitFor({ state: "detached" });
}

const cell = (page: Page, id: string) => page.locator(`[data-testid="cell"][data-cell-id="${id}"]`);

/** An image's natural and shown size, once it has loaded (0 x 0 before). */
function imageSize(image: Locator) {
  return image.evaluate((img: HTMLImageElement) => {
    const box = img.getBoundingClientRect();
    return { natural: [img.naturalWidth, img.naturalHeight], shown: [Math.round(box.width), Math.round(box.height)] };
  });
}

/** The text a person sees in `root`, typeset formulas and code left out. */
function textOutsideMath(root: Locator): Promise<string> {
  return root.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".katex, code, pre").forEach((node) => node.remove());
    return copy.textContent ?? "";
  });
}

// Opening a new notebook, then looking at every cell in turn.
test.describe.configure({ timeout: 3 * OPEN_MS });

for (const viewport of VIEWPORTS) {
  const size = `${viewport.width}x${viewport.height}`;

  test(`Jupyter's "Typesetting Equations" typesets every formula at ${size}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport, baseURL: E2E_URL });
    const page = await context.newPage();
    await page.addInitScript(() => localStorage.setItem("tandem:guest-name", "Ada"));
    await openFixture(page, "typesetting-equations.ipynb");

    // Markdown renders near the viewport only: each cell is looked at where a reader would see it.
    const counts = { formulas: 0, display: 0 };
    for (const [i, markdown] of (await page.locator('[data-testid="cell"][data-cell-type="markdown"]').all()).entries()) {
      await markdown.scrollIntoViewIfNeeded();
      const rendered = markdown.locator(".cell-rendered.markdown");
      await expect(rendered).toBeVisible();
      await expect(rendered.locator(".math-pending")).toHaveCount(0);
      await expect(rendered.locator(".katex-error")).toHaveCount(0);
      counts.formulas += await rendered.locator(".katex").count();
      counts.display += await rendered.locator(".katex-display").count();
      expect(await textOutsideMath(rendered), `cell ${i + 1}`).not.toMatch(/\$|\\begin|\\end|\\\(|\\\[/);
      await markdown.screenshot({ path: test.info().outputPath(`typesetting-${size}-cell-${i + 1}.png`) });
    }
    // Lorenz, Cauchy-Schwarz, cross product, the heading's \(k\) and \(n\) and its formula,
    // Ramanujan, Rogers-Ramanujan, Maxwell, the inline example, and the four of "Other Syntax".
    expect(counts).toEqual({ formulas: 14, display: 11 });
    await context.close();
  });

  test(`outputs render as Jupyter's at ${size}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport, baseURL: E2E_URL });
    const page = await context.newPage();
    await page.addInitScript(() => localStorage.setItem("tandem:guest-name", "Ada"));
    await openFixture(page, "outputs.ipynb");

    // Images: natural size when smaller than the cell, the metadata's width, shrunk to fit when wider.
    const image = (id: string) => cell(page, id).locator("img.output-image");
    await expect.poll(() => imageSize(image("small"))).toEqual({ natural: [60, 30], shown: [60, 30] });
    await expect.poll(() => imageSize(image("retina"))).toEqual({ natural: [152, 86], shown: [76, 43] });
    await expect.poll(() => imageSize(image("svg")).then((s) => s.shown)).toEqual([120, 40]);
    await expect.poll(() => imageSize(image("wide")).then((s) => s.natural)).toEqual([1600, 100]);
    const wide = await imageSize(image("wide"));
    const room = await cell(page, "wide").locator(".output-list").evaluate((el) => el.clientWidth);
    expect(wide.shown[0]).toBe(room);
    expect(Math.abs(wide.shown[1]! - room / 16)).toBeLessThanOrEqual(1);
    // Markdown images too: an attachment at its own size, and one with a width.
    const pictures = cell(page, "pictures");
    await pictures.scrollIntoViewIfNeeded();
    await expect.poll(() => imageSize(pictures.getByAltText("a 60x30 picture"))).toEqual({ natural: [60, 30], shown: [60, 30] });
    await expect.poll(() => imageSize(pictures.getByAltText("half")).then((s) => s.shown)).toEqual([30, 15]);

    // Prices and code keep their dollars.
    const intro = cell(page, "intro").locator(".cell-rendered");
    await expect(intro).toContainText("it costs $5 and $10, or $3.");
    await expect(intro.locator("code")).toHaveText("$HOME");
    await expect(intro.locator(".katex")).toHaveCount(0);

    // LaTeX outputs: eqnarray as one display formula, SymPy's $\displaystyle …$ inline; no error, no TeX showing.
    const latex = cell(page, "latex").locator(".output-latex");
    await expect(latex.locator(".katex-display")).toHaveCount(1);
    await expect(latex.locator(".katex-error")).toHaveCount(0);
    expect((await textOutsideMath(latex)).trim()).toBe("");
    const sympy = cell(page, "sympy").locator(".output-latex");
    await expect(sympy.locator(".katex")).toHaveCount(1);
    await expect(sympy.locator(".katex-display")).toHaveCount(0);

    // ANSI: background colours from Jupyter's palette with readable text, bold, a 256-colour background.
    const stream = cell(page, "ansi").locator(".output-stream");
    const style = (selector: string) =>
      stream.locator(selector).evaluate((el) => {
        const s = getComputedStyle(el);
        return { background: s.backgroundColor, color: s.color, weight: s.fontWeight };
      });
    expect(await style(".ansi-red-bg")).toMatchObject({ background: "rgb(231, 92, 88)", color: "rgb(31, 35, 40)" });
    expect(await style(".ansi-blue-bg")).toMatchObject({ background: "rgb(32, 143, 251)" });
    expect(await style(".ansi-black-fg.ansi-yellow-bg")).toMatchObject({ background: "rgb(221, 182, 43)", color: "rgb(62, 66, 77)" });
    expect(await style(".ansi-green-fg")).toMatchObject({ weight: "700" });
    expect(await style("span[style*='background-color']")).toMatchObject({ background: "rgb(0, 95, 0)", color: "rgb(255, 255, 255)" });

    // A widget says why it is not shown, with the text the kernel sent along.
    const widget = cell(page, "widget").getByTestId("widget-output");
    await expect(widget).toContainText("This output is an interactive widget; widgets need a live Jupyter kernel and are not shown here.");
    await expect(widget.locator("pre")).toHaveText("IntSlider(value=3)");

    await page.screenshot({ path: test.info().outputPath(`outputs-${size}.png`), fullPage: true });
    await pictures.screenshot({ path: test.info().outputPath(`outputs-${size}-pictures.png`) });
    await context.close();
  });
}
