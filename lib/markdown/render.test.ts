// @vitest-environment jsdom
// The real DOMPurify in a DOM (jsdom); KaTeX is a stand-in that counts its loads. What sanitizing
// keeps and drops is sanitize.test.ts's, with real KaTeX.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const katexModule = { loads: 0 };

beforeEach(() => {
  katexModule.loads = 0;
  vi.doMock("katex", () => {
    katexModule.loads++;
    return { default: { renderToString: (tex: string, o?: { displayMode?: boolean }) => `<span class="katex" title="display ${o?.displayMode}">${tex.replace(/</g, "&lt;")}</span>` } };
  });
  vi.resetModules();
});

afterEach(() => {
  vi.doUnmock("katex");
});

/** render.ts and math.ts as on a new page: KaTeX not loaded. */
async function fresh() {
  const render = await import("./render");
  const math = await import("./math");
  return { ...render, ...math };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("renderMarkdown", () => {
  it("renders markdown without math at once, and never loads KaTeX for it", async () => {
    const { renderMarkdownWithMath, katexReady } = await fresh();
    const { html, mathPending } = renderMarkdownWithMath("# Prices\n\nIt costs 5$ or $6.\n\nSee `$x$`.\n\n| a | b |\n|---|---|\n| 1 | ~~2~~ |");
    expect(mathPending).toBe(false);
    expect(html).toContain("<h1>Prices</h1>");
    expect(html).toContain("<table>");
    expect(html).toContain("<s>2</s>");
    await settle();
    expect(katexModule.loads).toBe(0);
    expect(katexReady.get()).toBe(false);
  });

  it("shows math as TeX placeholders while KaTeX loads, then typesets it on the next render", async () => {
    const { renderMarkdownWithMath, katexReady, loadKatex } = await fresh();
    const source = "Area $\\pi r^2$ and\n\n$$a<b$$";
    const first = renderMarkdownWithMath(source);
    expect(first.mathPending).toBe(true);
    expect(first.html).toContain('Area <span class="math-pending">\\pi r^2</span> and');
    expect(first.html).toContain('</p>\n<span class="katex-display math-pending">a&lt;b</span>');

    const heard = vi.fn();
    katexReady.subscribe(heard);
    await loadKatex();
    expect(heard).toHaveBeenCalledTimes(1);
    expect(katexModule.loads).toBe(1);

    const second = renderMarkdownWithMath(source);
    expect(second.mathPending).toBe(false);
    expect(second.html).toContain('<span class="katex" title="display false">\\pi r^2</span>');
    expect(second.html).toContain('<span class="katex" title="display true">a&lt;b</span>');
    expect(second.html).not.toContain("math-pending");
  });

  it("typesets Jupyter's multi-line formulas, and formulas in raw HTML, keeping KaTeX's classes", async () => {
    const { renderMarkdown, loadKatex } = await fresh();
    await loadKatex();
    const html = renderMarkdown('$\\begin{align}\na & = b \\\\\nc & = d\n\\end{align}$\n\n<div class="alert alert-info">\nNote $x<y$\n</div>');
    expect(html).toContain('<span class="katex" title="display true">\\begin{align*}\na &amp; = b \\\\\nc &amp; = d\n\\end{align*}</span>');
    expect(html).toContain('<div class="alert alert-info">\nNote <span class="katex" title="display false">x&lt;y</span>\n</div>');
  });

  it("starts loading KaTeX by itself when it meets math", async () => {
    const { renderMarkdown, katexReady } = await fresh();
    renderMarkdown("Inline $x$.");
    await vi.waitFor(() => expect(katexReady.get()).toBe(true));
    expect(renderMarkdown("Inline $x$.")).toContain('<span class="katex" title="display false">x</span>');
  });

  it("sanitizes every result with DOMPurify, and opens links in a new tab without this page", async () => {
    const { renderMarkdown } = await fresh();
    const html = renderMarkdown('[a link](https://example.org) <b>bold</b> <img src=x onerror="alert(1)"><script>alert(2)</script>');
    expect(html).toBe('<p><a href="https://example.org" target="_blank" rel="noopener noreferrer nofollow">a link</a> <b>bold</b> <img src="x"></p>\n');
  });

  it("points attachment images at data URLs", async () => {
    const { renderMarkdown } = await fresh();
    const html = renderMarkdown("![plot](attachment:plot.png)", { "plot.png": { "image/png": ["iVBO\n", "Rw0"] } });
    expect(html).toContain('src="data:image/png;base64,iVBORw0"');
  });
});
