import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { formatBytes, installFailureLine, isOfficialSource, loadingLine, moduleNote, PYODIDE_CDN_URL, PYODIDE_VERSION, pyodideCdnUrl } from "./packages";

const require = createRequire(import.meta.url);
const pyodideDir = path.dirname(require.resolve("pyodide/package.json"));

describe("the default package source", () => {
  it("is the official distribution of exactly the bundled Pyodide, as Pyodide itself names it", () => {
    const pkg = JSON.parse(readFileSync(path.join(pyodideDir, "package.json"), "utf8")) as { version: string };
    expect(PYODIDE_VERSION).toBe(pkg.version);
    // pyodide.mjs defaults its cdnUrl to this template of its own version.
    const source = readFileSync(path.join(pyodideDir, "pyodide.mjs"), "utf8");
    expect(source).toContain("`https://cdn.jsdelivr.net/pyodide/v${");
    expect(source).toMatch(new RegExp(`=\\s*"${PYODIDE_VERSION.replace(/\./g, "\\.")}"`));
    expect(PYODIDE_CDN_URL).toBe(`https://cdn.jsdelivr.net/pyodide/v${pkg.version}/full/`);
  });

  it("uses the bundled lock file only for the official distribution of the same version", () => {
    expect(isOfficialSource(PYODIDE_CDN_URL)).toBe(true);
    expect(isOfficialSource(pyodideCdnUrl("314.0.6"))).toBe(false);
    expect(isOfficialSource("https://mirror.example/pyodide/")).toBe(false);
    expect(isOfficialSource("/pyodide-packages/")).toBe(false);
  });
});

describe("what a cell shows while packages load", () => {
  it("names each package with its size", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1_234)).toBe("1.2 kB");
    expect(formatBytes(3_200_000)).toBe("3.2 MB");
    expect(formatBytes(123_456_789)).toBe("123 MB");
    expect(loadingLine("numpy", 3_210_000)).toBe("Loading numpy (3.2 MB)…\n");
    expect(loadingLine("numpy", null)).toBe("Loading numpy…\n");
  });
});

describe("what a learner is told when an import fails", () => {
  it("says packages are off, without naming a setting", () => {
    const note = moduleNote({ module: "numpy", enabled: false, provider: "numpy", failure: null });
    expect(note).toBe("numpy could not be downloaded: this server has packages turned off, so only Python's standard library is available.");
    expect(moduleNote({ module: "nmupy", enabled: false, provider: null, failure: null })).toBe(
      "This server has packages turned off, so only Python's standard library is available.",
    );
    expect(note).not.toMatch(/TANDEM_|README|environment/);
  });

  it("says the learner seems offline when the package server cannot be reached", () => {
    expect(moduleNote({ module: "numpy", enabled: true, provider: "numpy", failure: "unreachable" })).toBe(
      "numpy could not be downloaded: you seem to be offline or the package server cannot be reached.",
    );
    expect(moduleNote({ module: "yaml", enabled: true, provider: "pyyaml", failure: "refused" })).toBe("yaml could not be downloaded: the package server does not have it.");
    expect(moduleNote({ module: "numpy", enabled: true, provider: "numpy", failure: "corrupt" })).toContain("numpy could not be downloaded: what arrived is not the file");
  });

  it("points at %pip for a module no Pyodide package provides, and at an import for one not loaded", () => {
    expect(moduleNote({ module: "tqdm2", enabled: true, provider: null, failure: null })).toBe(
      "tqdm2 is not one of Pyodide's packages; if it is a pure-Python package on PyPI, `%pip install tqdm2` installs it.",
    );
    expect(moduleNote({ module: "numpy", enabled: true, provider: "numpy", failure: null })).toContain("run a cell that says `import numpy`");
  });

  it("tells %pip's failures the same way", () => {
    expect(installFailureLine("requests", "off")).toBe("requests could not be installed: this server has packages turned off.\n");
    expect(installFailureLine("requests", "unreachable")).toBe("requests could not be installed: you seem to be offline or the package server cannot be reached.\n");
    expect(installFailureLine("requests", "refused", true)).toBe("requests could not be installed: pip (micropip) could not be downloaded: the package server does not have it.\n");
  });
});
