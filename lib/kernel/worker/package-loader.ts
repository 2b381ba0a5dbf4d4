/**
 * Loads the packages a cell imports from the kernel's package source (packages.ts), before the
 * cell runs, the way Pyodide's `loadPackagesFromImports` does, and remembers what went wrong so
 * that a failed `import numpy` can tell the learner why (`moduleNote`, asked by the traceback
 * helper through the bridge).
 *
 * Progress goes to the cell as stdout lines, one per file as its download starts, with its size
 * (package-fetch.ts watches the downloads). Pyodide's own log lines ("Loading numpy", "The
 * following error occurred...") are for developers and are not shown.
 */
import type { PyodideAPI } from "pyodide";

import { watchPackageFetches, type FetchScope } from "./package-fetch";
import { loadingLine, moduleNote, type PackageFailure } from "./packages";

export interface PackageLoader {
  /** Whether this kernel has a package source. */
  readonly enabled: boolean;
  /** Loads the packages `code` imports. Never throws: failures are remembered for `note`. */
  loadImports(code: string): Promise<void>;
  /** Loads packages by name (micropip for %pip); resolves with the ones that failed and why. */
  load(names: readonly string[]): Promise<Record<string, PackageFailure>>;
  /** What to add to "No module named 'x'" for the top-level module `module`, or null. */
  note(module: string, stdlib: boolean): string | null;
}

const ERROR_HEAD = /^The following error occurred while loading (.+):$/;

function baseName(fileName: string): string {
  return fileName.slice(fileName.lastIndexOf("/") + 1);
}

export function createPackageLoader(pyodide: PyodideAPI, packageBaseUrl: string | null, write: (text: string) => void): PackageLoader {
  // Read even when packages are off (the bundled lock file): it tells "numpy" from a typo.
  const packages = pyodide.lockfile.packages;
  const byFile = new Map<string, string>();
  const byImport = new Map<string, string>();
  for (const [key, info] of Object.entries(packages)) {
    byFile.set(baseName(info.file_name), info.name ?? key);
    for (const name of info.imports) byImport.set(name, key);
  }
  const failures = new Map<string, PackageFailure>();
  const nameOf = (fileName: string) => byFile.get(baseName(fileName)) ?? baseName(fileName);
  const normal = (name: string) => name.toLowerCase().replace(/[-_.]+/g, "-");

  if (packageBaseUrl !== null) {
    watchPackageFetches(globalThis as unknown as FetchScope, packageBaseUrl, {
      loading: (fileName, bytes) => write(loadingLine(nameOf(fileName), bytes)),
      failed: (fileName, failure) => failures.set(normal(nameOf(fileName)), failure),
    });
  }

  /** Pyodide's error lines name the package that failed; one with no failure of ours broke later. */
  function onError(message: string): void {
    const head = ERROR_HEAD.exec(message.trim());
    if (head !== null && !failures.has(normal(head[1]!))) failures.set(normal(head[1]!), "refused");
  }
  const callbacks = { messageCallback: () => {}, errorCallback: onError, checkIntegrity: true };

  function forget(names: Iterable<string>): void {
    for (const name of names) failures.delete(normal(name)); // a new try: only its outcome counts
  }

  return {
    enabled: packageBaseUrl !== null,
    async loadImports(code) {
      if (packageBaseUrl === null) return;
      try {
        await pyodide.loadPackagesFromImports(code, callbacks);
      } catch (error) {
        console.warn("Tandem kernel: loading the packages a cell imports failed", error);
      }
    },
    async load(names) {
      if (packageBaseUrl === null) return Object.fromEntries(names.map((n) => [n, "refused" as const]));
      forget(names);
      try {
        await pyodide.loadPackage([...names], callbacks);
      } catch (error) {
        console.warn("Tandem kernel: loading packages failed", names, error);
      }
      const result: Record<string, PackageFailure> = {};
      for (const name of names) {
        const failure = failures.get(normal(name)) ?? (name in pyodide.loadedPackages ? null : "refused");
        if (failure !== null) result[name] = failure;
      }
      return result;
    },
    note(module, stdlib) {
      const provider = byImport.get(module) ?? null;
      if (stdlib && provider === null) return null; // Pyodide's own note says why (tkinter: removed)
      const failure = provider !== null ? (failures.get(normal(provider)) ?? null) : null;
      return moduleNote({ module, enabled: packageBaseUrl !== null, provider, failure });
    },
  };
}
