import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { VIZ_LIBRARY_FILES, VIZ_PATH, vizScripts } from "../../output/viz";
import { copyVizLibraries } from "./viz-libraries";

/** A project whose node_modules holds a stand-in for each chart package. */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), "tandem-viz-"));
  writeFileSync(join(root, "package.json"), "{}");
  for (const { package: name, file } of VIZ_LIBRARY_FILES) {
    const dir = join(root, "node_modules", name);
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    // An entry in a subfolder, as vega's exports map has it: the package is found above it.
    mkdirSync(join(dir, "lib"), { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name, main: "lib/index.js" }));
    writeFileSync(join(dir, "lib", "index.js"), "");
    writeFileSync(join(dir, file), `/* ${name} */ ${"x".repeat(4000)}`);
  }
  return root;
}

describe("copyVizLibraries", () => {
  it("copies every library the frame asks for into public/viz/, each with a brotli copy", () => {
    const root = project();
    expect(copyVizLibraries(root).sort()).toEqual(VIZ_LIBRARY_FILES.map((f) => f.name).sort());
    for (const { name, package: pkg, file } of VIZ_LIBRARY_FILES) {
      const copy = readFileSync(join(root, "public", VIZ_PATH, name));
      expect(copy.equals(readFileSync(join(root, "node_modules", pkg, file)))).toBe(true);
      expect(brotliDecompressSync(readFileSync(join(root, "public", VIZ_PATH, `${name}.br`))).equals(copy)).toBe(true);
    }
    const served = new Set(VIZ_LIBRARY_FILES.map((f) => VIZ_PATH + f.name));
    for (const kind of ["plotly", "vega", "vega-lite"] as const) for (const src of vizScripts(kind)) expect(served).toContain(src);
  });

  it("rewrites only what changed", () => {
    const root = project();
    copyVizLibraries(root);
    const plotly = join(root, "public", VIZ_PATH, "plotly.min.js");
    const before = statSync(`${plotly}.br`).mtimeMs;
    expect(copyVizLibraries(root)).toEqual([]);
    writeFileSync(join(root, "node_modules", "plotly.js-dist-min", "plotly.min.js"), "/* a new version */");
    expect(copyVizLibraries(root)).toEqual(["plotly.min.js"]);
    expect(readFileSync(plotly, "utf8")).toBe("/* a new version */");
    expect(brotliDecompressSync(readFileSync(`${plotly}.br`)).toString()).toBe("/* a new version */");
    expect(statSync(`${plotly}.br`).mtimeMs).toBeGreaterThanOrEqual(before);
  });

  it("says which package is missing", () => {
    const root = mkdtempSync(join(tmpdir(), "tandem-viz-"));
    writeFileSync(join(root, "package.json"), "{}");
    expect(() => copyVizLibraries(root)).toThrow(/vega is not installed/);
  });
});
