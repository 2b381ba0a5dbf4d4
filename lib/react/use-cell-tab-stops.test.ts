// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { holdOutOfTabOrder } from "./use-cell-tab-stops";

/** MutationObserver callbacks run as microtasks. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function cell(html: string): HTMLElement {
  const root = document.createElement("article");
  root.tabIndex = -1;
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

const tabindexes = (root: HTMLElement) => [...root.querySelectorAll("[data-x]")].map((el) => el.getAttribute("tabindex"));

afterEach(() => document.body.replaceChildren());

describe("holdOutOfTabOrder", () => {
  it("takes a cell's links, buttons, fields, frames and scroll boxes out of the tab order, and puts each back as it was", () => {
    const root = cell(`
      <button data-x>Run</button>
      <a data-x href="https://example.org/">link</a>
      <a data-x>no href</a>
      <textarea data-x></textarea>
      <iframe data-x></iframe>
      <div data-x tabindex="0">scrolled output</div>
      <div data-x tabindex="-1">already out</div>
      <div data-x contenteditable="true">editable</div>
      <p data-x>text</p>`);
    const release = holdOutOfTabOrder(root);
    expect(tabindexes(root)).toEqual(["-1", "-1", null, "-1", "-1", "-1", "-1", "-1", null]);
    expect(root.getAttribute("tabindex")).toBe("-1"); // the cell's own is its caller's
    release();
    expect(tabindexes(root)).toEqual([null, null, null, null, null, "0", "-1", null, null]);
    expect(root.querySelectorAll("[data-roving-tabindex]")).toHaveLength(0);
    release(); // twice is harmless
    expect(tabindexes(root)).toEqual([null, null, null, null, null, "0", "-1", null, null]);
  });

  it("takes out what appears later (an output, a comment form) and a tab index set while held", async () => {
    const root = cell(`<div class="outputs"></div><div data-x tabindex="-1"></div>`);
    const release = holdOutOfTabOrder(root);
    root.querySelector(".outputs")!.innerHTML = `<p>printed</p><a data-x href="#a">more</a><form><input data-x><button data-x>Send</button></form>`;
    root.querySelector<HTMLElement>("div[tabindex]")!.tabIndex = 0; // React scrolled the output box
    await settle();
    expect(tabindexes(root)).toEqual(["-1", "-1", "-1", "-1"]);
    release();
    expect(tabindexes(root)).toEqual([null, null, null, "0"]);
  });

  it("leaves a toolbar that keeps its own tab stops alone", () => {
    const root = cell(`<div role="toolbar" data-own-tab-stops><button data-x tabindex="0">Run</button></div><button data-x>Comment</button>`);
    const release = holdOutOfTabOrder(root);
    expect(tabindexes(root)).toEqual(["0", "-1"]);
    release();
    expect(tabindexes(root)).toEqual(["0", null]);
  });
});
