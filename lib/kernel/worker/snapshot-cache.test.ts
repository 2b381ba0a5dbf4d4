import { describe, expect, it } from "vitest";
import { browserLang } from "./environment";
import { prebuiltWorthIt } from "../snapshot-cache";
import { snapshotKey, snapshotPath } from "./snapshot-key";

describe("the app's prebuilt start-up snapshot", () => {
  it("is downloaded unless the connection asks to save data or is slower than 4G", () => {
    expect(prebuiltWorthIt(undefined)).toBe(true); // browsers without the Network Information API
    expect(prebuiltWorthIt({})).toBe(true);
    expect(prebuiltWorthIt({ effectiveType: "4g", saveData: false })).toBe(true);
    expect(prebuiltWorthIt({ effectiveType: "4g", saveData: true })).toBe(false);
    for (const slow of ["3g", "2g", "slow-2g"]) expect(prebuiltWorthIt({ effectiveType: slow })).toBe(false);
  });

  it("is named by the Pyodide version and the helpers, at a path under /kernel/snapshots/", () => {
    const key = snapshotKey("314.0.7");
    expect(key).toMatch(/^pyodide-314\.0\.7-helpers-[0-9a-f]+$/);
    expect(snapshotPath(key)).toBe(`/kernel/snapshots/${key}.snapshot`);
    expect(snapshotKey("314.0.8")).not.toBe(key);
  });
});

describe("LANG from the browser's language", () => {
  it("is what Emscripten derives for a fresh start", () => {
    expect(browserLang(["de-DE", "en"])).toBe("de_DE.UTF-8");
    expect(browserLang(["fr"])).toBe("fr.UTF-8");
    expect(browserLang([])).toBeNull();
    expect(browserLang(undefined)).toBeNull();
  });
});
