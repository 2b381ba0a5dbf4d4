import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it("keeps paths on this site, with their query", () => {
    expect(safeNextPath("/n/abc?x=1")).toBe("/n/abc?x=1");
    expect(safeNextPath(["/library", "/other"])).toBe("/library");
  });

  it("refuses other origins and oddities", () => {
    for (const bad of [undefined, "", "https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "n/abc"]) {
      expect(safeNextPath(bad)).toBe("/");
    }
  });
});
