import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// DOMPurify needs a DOM, which Node has not: these tests check what render.ts hands it, and let
// the HTML through unchanged. Sanitizing itself is DOMPurify's, exercised in the browser tests.
const purify = vi.hoisted(() => ({
  addHook: vi.fn(),
  sanitize: vi.fn((html: string) => html),
}));
vi.mock("dompurify", () => ({ default: purify }));

const katexModule = { loads: 0 };

beforeEach(() => {
  katexModule.loads = 0;
  vi.doMock("katex", () => {
    katexModule.loads++;
    return { default: { renderToString: (tex: string, o?: { displayMode?: boolean }) => `<k display="${o?.displayMode}">${tex}</k>` } };
  });
  vi.resetModules();
});

afterEach(() => {
  vi.doUnmock("katex");
  purify.addHook.mockClear();
  purify.sanitize.mockClear();
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
    expect(first.html).toContain('<eq><span class="math-pending">\\pi r^2</span></eq>');
    expect(first.html).toContain('<section><eqn><span class="katex-display math-pending">a&lt;b</span></eqn></section>');

    const heard = vi.fn();
    katexReady.subscribe(heard);
    await loadKatex();
    expect(heard).toHaveBeenCalledTimes(1);
    expect(katexModule.loads).toBe(1);

    const second = renderMarkdownWithMath(source);
    expect(second.mathPending).toBe(false);
    expect(second.html).toContain('<eq><k display="false">\\pi r^2</k></eq>');
    expect(second.html).toContain('<eqn><k display="true">a<b</k></eqn>');
    expect(second.html).not.toContain("math-pending");
  });

  it("starts loading KaTeX by itself when it meets math", async () => {
    const { renderMarkdown, katexReady } = await fresh();
    renderMarkdown("Inline $x$.");
    await vi.waitFor(() => expect(katexReady.get()).toBe(true));
    expect(renderMarkdown("Inline $x$.")).toContain('<k display="false">x</k>');
  });

  it("sanitizes every result with DOMPurify, as it always has", async () => {
    const { renderMarkdown } = await fresh();
    renderMarkdown("[a link](https://example.org) <b>bold</b>");
    renderMarkdown("more");
    expect(purify.addHook).toHaveBeenCalledTimes(1);
    expect(purify.addHook).toHaveBeenCalledWith("afterSanitizeAttributes", expect.any(Function));
    expect(purify.sanitize).toHaveBeenCalledTimes(2);
    expect(purify.sanitize).toHaveBeenCalledWith('<p><a href="https://example.org">a link</a> <b>bold</b></p>\n', {
      USE_PROFILES: { html: true, mathMl: true, svg: true },
      FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select"],
      ADD_ATTR: ["target"],
    });
  });

  it("points attachment images at data URLs", async () => {
    const { renderMarkdown } = await fresh();
    const html = renderMarkdown("![plot](attachment:plot.png)", { "plot.png": { "image/png": ["iVBO\n", "Rw0"] } });
    expect(html).toContain('src="data:image/png;base64,iVBORw0"');
  });
});
