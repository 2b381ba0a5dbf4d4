// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { markScrollRegions } from "./use-scrollable-focus";

/** jsdom has no layout: each element's content and box widths are set by hand. */
function widths(element: Element, scroll: number, client: number): void {
  Object.defineProperty(element, "scrollWidth", { configurable: true, value: scroll });
  Object.defineProperty(element, "clientWidth", { configurable: true, value: client });
}

function markdown(html: string): HTMLElement {
  const root = document.createElement("div");
  root.className = "markdown";
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

afterEach(() => document.body.replaceChildren());

describe("markScrollRegions", () => {
  it("gives a box that scrolls sideways a tab stop, and takes it back when the box fits again", () => {
    const root = markdown("<table><tr><td>wide</td></tr></table>");
    widths(root, 900, 356);
    markScrollRegions(root);
    expect(root.getAttribute("tabindex")).toBe("0");
    widths(root, 356, 356);
    markScrollRegions(root);
    expect(root.hasAttribute("tabindex")).toBe(false);
  });

  it("marks a code block that overflows, not one that fits", () => {
    const root = markdown("<pre id=a>a very long line</pre><pre id=b>short</pre>");
    widths(root, 356, 356);
    widths(root.querySelector("#a")!, 700, 330);
    widths(root.querySelector("#b")!, 330, 330);
    markScrollRegions(root);
    expect(root.hasAttribute("tabindex")).toBe(false);
    expect(root.querySelector("#a")!.getAttribute("tabindex")).toBe("0");
    expect(root.querySelector("#b")!.hasAttribute("tabindex")).toBe(false);
  });

  it("leaves a tabindex it did not set: the roving tab stops' -1, or the author's own", () => {
    const root = markdown("<pre tabindex=-1>long</pre>");
    const pre = root.querySelector("pre")!;
    widths(root, 356, 356);
    widths(pre, 700, 330);
    markScrollRegions(root);
    expect(pre.getAttribute("tabindex")).toBe("-1");
    widths(pre, 330, 330);
    markScrollRegions(root);
    expect(pre.getAttribute("tabindex")).toBe("-1");
  });
});
