import { describe, expect, it } from "vitest";
import { parseFrameAncestors, readServerEnv } from "./env";

describe("which sites may frame embeds", () => {
  it("is any site by default, or the sources given", () => {
    expect(readServerEnv({}).embedFrameAncestors).toBe("*");
    expect(parseFrameAncestors("  https://blog.example.com   https://*.school.org:8443 'self' ")).toBe("https://blog.example.com https://*.school.org:8443 'self'");
    expect(parseFrameAncestors("'none'")).toBe("'none'");
    expect(parseFrameAncestors("https:")).toBe("https:");
  });

  it("refuses what could smuggle another directive into the policy, naming the variable", () => {
    for (const bad of ["", "https://a.example; script-src *", "https://a.example,https://b.example", "'unsafe-inline'", "javascript:alert(1)//"]) {
      expect(() => parseFrameAncestors(bad)).toThrow(/TANDEM_EMBED_FRAME_ANCESTORS/);
    }
  });
});
