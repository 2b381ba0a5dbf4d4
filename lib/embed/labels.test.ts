import { describe, expect, it } from "vitest";
import { cellLabel, embedTitle, LABEL_SOURCE_LENGTH } from "./labels";

describe("cellLabel", () => {
  it("names the cell by its 1-based position and its first line", () => {
    expect(cellLabel(2, "print(x)\nprint(y)")).toBe("Cell 3: print(x)");
    expect(cellLabel(0, "# Objects")).toBe("Cell 1: # Objects");
  });

  it("skips blank lines and collapses whitespace", () => {
    expect(cellLabel(0, "\n   \r\n\tx  =   1 \n")).toBe("Cell 1: x = 1");
  });

  it("clips a long line to 40 characters, the ellipsis included", () => {
    const label = cellLabel(4, `print("${"a".repeat(80)}")`);
    expect(label).toBe(`Cell 5: print("${"a".repeat(LABEL_SOURCE_LENGTH - 8)}…`);
    expect(Array.from(label.slice("Cell 5: ".length))).toHaveLength(LABEL_SOURCE_LENGTH);
    const exact = "x".repeat(LABEL_SOURCE_LENGTH);
    expect(cellLabel(0, exact)).toBe(`Cell 1: ${exact}`);
  });

  it("never cuts a character made of two code units", () => {
    const label = cellLabel(0, "🐍".repeat(50));
    expect(label).toBe(`Cell 1: ${"🐍".repeat(LABEL_SOURCE_LENGTH - 1)}…`);
  });

  it("says just the position for an empty cell, and refuses a bad index", () => {
    expect(cellLabel(6, "  \n\n")).toBe("Cell 7");
    expect(() => cellLabel(-1, "x")).toThrow(/Invalid cell index -1/);
    expect(() => cellLabel(1.5, "x")).toThrow(/Invalid cell index 1.5/);
  });
});

describe("embedTitle", () => {
  it("is the notebook's title, or names the cells shown", () => {
    expect(embedTitle("Lists", [])).toBe("Lists");
    expect(embedTitle("Lists", [3])).toBe("Lists: cell 3");
    expect(embedTitle("Lists", [2, 3, 4])).toBe("Lists: cells 2–4");
    expect(embedTitle("Lists", [5, 5])).toBe("Lists: cell 5");
  });
});
