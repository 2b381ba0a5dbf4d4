import { describe, expect, it } from "vitest";
import { colorForId, MAX_NAME_LENGTH, normalizeName, PRESENCE_COLORS } from "./presence";

describe("presence colours and names", () => {
  it("gives a stable id the same palette colour every time, and spreads ids over the palette", () => {
    expect(colorForId("abc123")).toBe(colorForId("abc123"));
    const used = new Set(Array.from({ length: 200 }, (_, i) => colorForId(`guest-${i}`)));
    expect(used.size).toBeGreaterThan(PRESENCE_COLORS.length / 2);
    for (const color of used) expect(color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it("tidies typed names and refuses empty ones", () => {
    expect(normalizeName("  Ada \n  Lovelace ")).toBe("Ada Lovelace");
    expect(normalizeName("   ")).toBeNull();
    expect([...normalizeName("😀".repeat(100))!]).toHaveLength(MAX_NAME_LENGTH);
  });
});
