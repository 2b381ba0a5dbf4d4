import { describe, expect, it } from "vitest";
import type { CellId } from "../notebook/ids";
import { extendSelection, selectionRange } from "./cell-selection";

const ids = ["a", "b", "c", "d"] as CellId[];
const id = (s: string) => s as CellId;

describe("multi-cell selection", () => {
  it("is the range between anchor and active, in order, whichever comes first", () => {
    expect(selectionRange(ids, id("c"), id("a"))).toEqual(["a", "b", "c"]);
    expect(selectionRange(ids, id("a"), id("c"))).toEqual(["a", "b", "c"]);
    expect(selectionRange(ids, id("b"), null)).toEqual(["b"]);
    expect(selectionRange(ids, id("b"), id("gone"))).toEqual(["b"]);
    expect(selectionRange(ids, id("gone"), id("a"))).toEqual([]);
  });

  it("extends from the active cell, keeping the anchor, and stops at the edges", () => {
    expect(extendSelection(ids, id("b"), null, "down")).toEqual({ active: "c", anchor: "b" });
    expect(extendSelection(ids, id("c"), id("b"), "down")).toEqual({ active: "d", anchor: "b" });
    expect(extendSelection(ids, id("d"), id("b"), "down")).toBeNull();
    expect(extendSelection(ids, id("c"), id("b"), "up")).toEqual({ active: "b", anchor: "b" });
    expect(extendSelection(ids, id("a"), null, "up")).toBeNull();
  });
});
