import { describe, expect, it } from "vitest";
import { embedUrl, iframeSnippet, notebookUrl, parseSelection, parseTandemUrl, scriptSnippet } from "./urls";

const O = "https://tandem.example";

describe("embed addresses", () => {
  it("reads a selection from a query, and refuses malformed ones", () => {
    expect(parseSelection({})).toEqual({ kind: "notebook" });
    expect(parseSelection({ cell: "abc-1" })).toEqual({ kind: "cell", id: "abc-1" });
    expect(parseSelection({ cells: "a..b" })).toEqual({ kind: "range", from: "a", to: "b" });
    expect(parseSelection({ cells: "a..a" })).toEqual({ kind: "cell", id: "a" });
    for (const bad of [{ cell: "no spaces" }, { cell: "x".repeat(65) }, { cells: "a" }, { cells: "a..b..c" }, { cells: "..b" }, { cells: "a..<b>" }]) {
      expect(parseSelection(bad)).toBeNull();
    }
  });

  it("writes frame and notebook URLs that read back as the same selection", () => {
    for (const selection of [{ kind: "notebook" } as const, { kind: "cell", id: "c1" } as const, { kind: "range", from: "c1", to: "c9" } as const]) {
      expect(parseTandemUrl(embedUrl(O, "nb-1", selection), O)).toEqual({ slug: "nb-1", selection });
      expect(parseTandemUrl(notebookUrl(O, "nb-1", selection), O)).toEqual({ slug: "nb-1", selection });
    }
    expect(embedUrl(O, "nb-1", { kind: "cell", id: "c1" }, { shared: "tok" })).toBe(`${O}/embed/nb-1?cell=c1&kernel=shared&page=tok`);
  });

  it("takes only this site's notebook and embed URLs", () => {
    expect(parseTandemUrl("https://evil.example/n/nb-1", O)).toBeNull();
    expect(parseTandemUrl(`${O}/library`, O)).toBeNull();
    expect(parseTandemUrl(`${O}/n/nb-1/history`, O)).toBeNull();
    expect(parseTandemUrl("not a url", O)).toBeNull();
    expect(parseTandemUrl(`${O}/n/nb-1?cell=bad%20id`, O)).toBeNull();
  });

  it("makes snippets whose attributes cannot be broken out of", () => {
    const frame = iframeSnippet(O, "nb-1", { kind: "cell", id: "c1" }, 'Say "hi" <b>');
    expect(frame).toContain(`src="${O}/embed/nb-1?cell=c1"`);
    expect(frame).toContain('title="Say &quot;hi&quot; &lt;b>"');
    expect(scriptSnippet(O, "nb-1", { kind: "range", from: "a", to: "b" })).toBe(`<div data-tandem-notebook="nb-1" data-tandem-cells="a..b"></div>\n<script src="${O}/embed.js" async></script>`);
  });
});
