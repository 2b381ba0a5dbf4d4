/**
 * Where the kernel's packages come from, and what a learner is told when one cannot be had.
 *
 * A package source is a Pyodide package base URL: a folder with a `pyodide-lock.json` and the
 * wheels it lists. By default it is the official Pyodide distribution of exactly the bundled
 * version on jsDelivr (the same URL Pyodide itself defaults to, `cdnUrl` in pyodide.mjs); a
 * server may point it at its own mirror, or turn packages off (null). The server reads the
 * setting (lib/server/env.ts) and the page passes it to the worker in `init.packageBaseUrl`.
 *
 * The official distribution's lock file is the one bundled with Pyodide (public/pyodide/), byte
 * for byte, so the kernel starts without asking the CDN anything. A mirror may hold a different
 * set of packages, so its own `pyodide-lock.json` is read at start (falling back to the bundled
 * one if the mirror cannot be reached: the kernel must start offline).
 *
 * This file is pure: names, sizes and messages. interpreter.ts and package-fetch.ts use it.
 */

/** The bundled Pyodide's version: node_modules/pyodide/package.json (a test keeps them equal). */
export const PYODIDE_VERSION = "314.0.7";

/** The official distribution of a Pyodide version, as pyodide.mjs spells its own default. */
export function pyodideCdnUrl(version: string): string {
  return `https://cdn.jsdelivr.net/pyodide/v${version}/full/`;
}

/** The default package source: the official distribution of the bundled version. */
export const PYODIDE_CDN_URL = pyodideCdnUrl(PYODIDE_VERSION);

/** The lock file's name in a package source. */
export const LOCK_FILE = "pyodide-lock.json";

/** Why a package could not be had. */
export type PackageFailure =
  /** No answer: offline, a DNS failure, a refused connection, or a CORS rejection. */
  | "unreachable"
  /** The server answered, but not with the file (a 404 from a partial mirror, a 500). */
  | "refused"
  /** The file arrived but is not the one the lock file names (its SHA-256 differs). */
  | "corrupt";

/** Whether this base is the official distribution, whose lock file is the bundled one. */
export function isOfficialSource(packageBaseUrl: string, version: string = PYODIDE_VERSION): boolean {
  return packageBaseUrl === pyodideCdnUrl(version);
}

/** 3_200_000 -> "3.2 MB", as pip and browsers count (powers of 1000). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** The line a cell shows when a package starts downloading: "Loading numpy (3.2 MB)…". */
export function loadingLine(name: string, bytes: number | null): string {
  return bytes === null ? `Loading ${name}…\n` : `Loading ${name} (${formatBytes(bytes)})…\n`;
}

const FAILURE_REASONS: Record<PackageFailure, string> = {
  unreachable: "you seem to be offline or the package server cannot be reached",
  refused: "the package server does not have it",
  corrupt: "what arrived is not the file the package list names (a damaged download or a changed mirror)",
};

/** What a learner reads after "No module named 'numpy'."; null when there is nothing to add. */
export interface ModuleNoteInput {
  /** The top-level module that could not be imported ("numpy"). */
  readonly module: string;
  /** Whether this kernel has a package source. */
  readonly enabled: boolean;
  /** The package that provides the module, from the lock file, or null if none does. */
  readonly provider: string | null;
  /** Why that package could not be loaded in this kernel, if it was tried and failed. */
  readonly failure: PackageFailure | null;
}

export function moduleNote({ module, enabled, provider, failure }: ModuleNoteInput): string | null {
  if (!enabled) {
    return provider !== null
      ? `${module} could not be downloaded: this server has packages turned off, so only Python's standard library is available.`
      : `This server has packages turned off, so only Python's standard library is available.`;
  }
  if (provider === null) {
    return `${module} is not one of Pyodide's packages; if it is a pure-Python package on PyPI, \`%pip install ${module}\` installs it.`;
  }
  if (failure !== null) return `${module} could not be downloaded: ${FAILURE_REASONS[failure]}.`;
  // In the lock file, never tried: imported in a way the cell's source does not show (importlib).
  return `${module} is available but not loaded yet: run a cell that says \`import ${module}\` and Tandem downloads it first.`;
}

/**
 * What `%pip install` prints for a package it could not install; `pipMissing` when what failed
 * is micropip, which %pip downloads first.
 */
export function installFailureLine(name: string, failure: PackageFailure | "off", pipMissing = false): string {
  if (failure === "off") return `${name} could not be installed: this server has packages turned off.\n`;
  return pipMissing
    ? `${name} could not be installed: pip (micropip) could not be downloaded: ${FAILURE_REASONS[failure]}.\n`
    : `${name} could not be installed: ${FAILURE_REASONS[failure]}.\n`;
}
