import { afterEach, describe, expect, it, vi } from "vitest";

/** How many times the katex module was loaded, and whether the next load fails. */
const katexModule = { loads: 0, fail: false, throwing: false };

/** A stand-in for KaTeX that shows its input, so a test sees what was typeset and how. */
function fakeKatex() {
  katexModule.loads = 0;
  vi.doMock("katex", () => {
    katexModule.loads++;
    if (katexModule.fail) throw new Error("offline");
    return {
      default: {
        renderToString(tex: string, options?: { displayMode?: boolean }) {
          if (katexModule.throwing) throw new Error("boom");
          return `<k display="${options?.displayMode}">${tex}</k>`;
        },
      },
    };
  });
}

/** math.ts with its state as on a new page. */
async function freshMath() {
  vi.resetModules();
  return import("./math");
}

afterEach(() => {
  vi.doUnmock("katex");
  vi.restoreAllMocks();
  Object.assign(katexModule, { fail: false, throwing: false });
});

describe("KaTeX on demand", () => {
  it("shows a formula as its escaped TeX until KaTeX loads, then typesets it", async () => {
    fakeKatex();
    const { katexReady, loadKatex, renderTex } = await freshMath();
    expect(katexReady.get()).toBe(false);
    expect(renderTex("a<b", { displayMode: false })).toEqual({ html: '<span class="math-pending">a&lt;b</span>', pending: true });
    expect(renderTex("x", { displayMode: true })).toEqual({ html: '<span class="katex-display math-pending">x</span>', pending: true });

    const heard = vi.fn();
    katexReady.subscribe(heard);
    await loadKatex();
    expect(heard).toHaveBeenCalledTimes(1);
    expect(katexReady.get()).toBe(true);
    expect(renderTex("a<b", { displayMode: false })).toEqual({ html: '<k display="false">a<b</k>', pending: false });
  });

  it("starts loading at the first placeholder, and loads once however many formulas ask", async () => {
    fakeKatex();
    const { loadKatex, renderTex } = await freshMath();
    await Promise.resolve();
    expect(katexModule.loads).toBe(0);
    for (const tex of ["a", "b", "c"]) renderTex(tex, { displayMode: false });
    await loadKatex();
    expect(katexModule.loads).toBe(1);
  });

  it("keeps placeholders after a failed load, and tries again on the next request", async () => {
    fakeKatex();
    katexModule.fail = true;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { katexReady, loadKatex, renderTex } = await freshMath();
    expect(renderTex("x", { displayMode: false }).pending).toBe(true);
    await expect(loadKatex()).rejects.toThrow();
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    expect(katexReady.get()).toBe(false);

    katexModule.fail = false;
    await loadKatex();
    expect(katexReady.get()).toBe(true);
    expect(renderTex("x", { displayMode: false }).pending).toBe(false);
  });

  it("shows the TeX and the message when KaTeX fails other than on bad TeX", async () => {
    fakeKatex();
    const { loadKatex, renderTex } = await freshMath();
    await loadKatex();
    katexModule.throwing = true;
    expect(renderTex("<x>", { displayMode: false })).toEqual({ html: "&lt;x&gt;:boom", pending: false });
  });

  it("maps environments KaTeX lacks, and typesets one that needs it as display math", async () => {
    fakeKatex();
    const { loadKatex, renderTex } = await freshMath();
    expect(renderTex("\\begin{align}a\\end{align}", { displayMode: false }).html).toContain("katex-display math-pending");
    await loadKatex();
    expect(renderTex("\\begin{eqnarray}a&=&b\\end{eqnarray}", { displayMode: false }).html).toBe(
      '<k display="true">{\\def\\arraystretch{1.3}\\begin{darray}{rcl}a&=&b\\end{darray}}</k>',
    );
  });

  it("typesets with the real KaTeX", async () => {
    const { loadKatex, renderTex } = await freshMath();
    await loadKatex();
    const { html, pending } = renderTex("x^2", { displayMode: true, throwOnError: false });
    expect(pending).toBe(false);
    expect(html).toContain('class="katex-display"');
    expect(html).toContain("<math");
  });
});
