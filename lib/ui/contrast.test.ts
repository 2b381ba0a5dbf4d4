import { describe, expect, it } from "vitest";
import { PRESENCE_COLORS } from "../protocol/presence";
import { contrastRatio, textOn } from "./contrast";

describe("textOn", () => {
  it("is white on dark colours and ink on light ones, at 4.5:1 or more", () => {
    expect(textOn("#1d4ed8")).toBe("#ffffff");
    expect(textOn("#1098ad")).toBe("#0d1117");
    expect(textOn("#ffd43b")).toBe("#0d1117");
    for (const color of ["#1098ad", "#e67700", "#5c940d", "#1d4ed8"]) expect(contrastRatio(textOn(color), color)).toBeGreaterThanOrEqual(4.5);
  });

  it("keeps white for what is not a #rrggbb colour", () => {
    expect(textOn("red")).toBe("#ffffff");
  });

  it("every colour of the palette carries white text at 4.5:1", () => {
    for (const color of PRESENCE_COLORS) expect(contrastRatio("#ffffff", color), color).toBeGreaterThanOrEqual(4.5);
  });
});
