import { describe, expect, it } from "vitest";
import { filterStyle } from "./css-filter";

describe("filterStyle", () => {
  it("keeps styling declarations, names lower-cased, values as written", () => {
    expect(filterStyle("COLOR: Red; Font-Weight:bold;;text-align : center;", "author")).toBe("color: Red; font-weight: bold; text-align: center");
    expect(filterStyle("background-color: hsla(120, 50%, 50%, 0.3); border-left: 4px solid #1d4ed8", "author")).toBe(
      "background-color: hsla(120, 50%, 50%, 0.3); border-left: 4px solid #1d4ed8",
    );
  });

  it("drops what positions, layers or transforms, and keeps the rest", () => {
    expect(filterStyle("position: fixed; inset: 0; z-index: 99999; color: red; transform: scale(9); top: 0", "author")).toBe("color: red");
    expect(filterStyle("position: fixed; inset: 0", "author")).toBe("");
  });

  it("checks keyword properties against their harmless keywords", () => {
    expect(filterStyle("display: block; float: right", "author")).toBe("display: block; float: right");
    expect(filterStyle("display: fixed; float: top", "author")).toBe("");
    expect(filterStyle("display: contents", "author")).toBe("");
  });

  it("allows colour functions only", () => {
    expect(filterStyle("color: rgb(1, 2, 3)", "author")).toBe("color: rgb(1, 2, 3)");
    for (const value of ["url(x.png)", "expression(alert(1))", "var(--x)", "env(safe-area-inset-top)", "calc(0px - 9999px)", "image-set(x 1x)", "(1)"]) {
      expect(filterStyle(`background: ${value}`, "author")).toBe("");
    }
  });

  it("refuses the whole style when escapes, comments or !important could hide what it says", () => {
    for (const style of ["color: red; pos\\ition: fixed", "color: red; posi/**/tion: fixed", "color: red !important", "color: red; }</style>", "color: red; @import x"]) {
      expect(filterStyle(style, "author")).toBe("");
    }
  });

  it("takes quotes only in a plain font-family list", () => {
    expect(filterStyle("font-family: 'Fira Code', \"DejaVu Sans Mono\", monospace", "author")).toBe("font-family: 'Fira Code', \"DejaVu Sans Mono\", monospace");
    expect(filterStyle("font-family: 'a;position:fixed'", "author")).toBe("");
    expect(filterStyle("color: 'red'", "author")).toBe("");
  });

  it("refuses negative lengths from authors, and allows KaTeX its offsets", () => {
    expect(filterStyle("margin-top: -9999px; margin-left: 1em", "author")).toBe("margin-left: 1em");
    expect(filterStyle("position: relative; top: -2.655em; margin-right: -0.05em", "author")).toBe("");
    expect(filterStyle("position: relative; top: -2.655em; margin-right: -0.05em", "math")).toBe("position: relative; top: -2.655em; margin-right: -0.05em");
    expect(filterStyle("position: fixed; z-index: 9", "math")).toBe("");
  });
});
