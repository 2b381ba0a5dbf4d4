/**
 * A local Pyodide package source for tests, since the CDN cannot be reached from here: a
 * `pyodide-lock.json` shaped like the real one (the bundled lock's `info`, so Pyodide's ABI check
 * passes) listing one small pure-Python wheel built on the spot with Python's zipfile, served with
 * the headers a CDN sends (CORS, CORP cross-origin) so a cross-origin-isolated page may fetch it.
 *
 * The wheel, `tandem-demo` (import `tandem_demo`), draws a plot-like PNG: `tandem_demo.plot()`
 * returns an object with `_repr_png_`, as a plotting library's figure would.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

import { PYODIDE_DIR } from "./kernel-harness";

export const DEMO_PACKAGE = "tandem-demo";
export const DEMO_MODULE = "tandem_demo";
export const DEMO_WHEEL = "tandem_demo-1.0-py3-none-any.whl";

const DEMO_SOURCE = `"""A test package for Tandem: a plot-like picture, drawn without any library."""
import math
import struct
import zlib

__version__ = "1.0"


def _png(width, height, pixel):
    rows = b"".join(b"\\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


class Plot:
    """A sine wave, 240 by 120 pixels."""

    def _repr_png_(self):
        def pixel(x, y):
            curve = 60 - 45 * math.sin(x / 240 * 4 * math.pi)
            return (31, 119, 180) if abs(y - curve) < 3 else (255, 255, 255)
        return _png(240, 120, pixel)

    def __repr__(self):
        return "<tandem_demo.Plot: a sine wave>"


def plot():
    return Plot()
`;

const BUILD_WHEEL = `
import sys, zipfile
out, source = sys.argv[1], sys.argv[2]
info = "tandem_demo-1.0.dist-info"
files = {
    "tandem_demo/__init__.py": open(source).read(),
    f"{info}/METADATA": "Metadata-Version: 2.1\\nName: tandem-demo\\nVersion: 1.0\\nSummary: A test package for Tandem\\n",
    f"{info}/WHEEL": "Wheel-Version: 1.0\\nGenerator: tandem-tests\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
    f"{info}/top_level.txt": "tandem_demo\\n",
}
files[f"{info}/RECORD"] = "".join(f"{name},,\\n" for name in files) + f"{info}/RECORD,,\\n"
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as wheel:
    for name, text in files.items():
        wheel.writestr(name, text)
`;

/** Writes the wheel and the lock file into `dir`. */
export function buildPackageSource(dir: string): void {
  const source = path.join(dir, "tandem_demo.py");
  writeFileSync(source, DEMO_SOURCE);
  const wheel = path.join(dir, DEMO_WHEEL);
  execFileSync("/usr/bin/python3", ["-c", BUILD_WHEEL, wheel, source]);
  const bundled = JSON.parse(readFileSync(path.join(PYODIDE_DIR, "pyodide-lock.json"), "utf8")) as { info: unknown };
  const lock = {
    info: bundled.info,
    packages: {
      [DEMO_PACKAGE]: {
        name: DEMO_PACKAGE,
        version: "1.0",
        file_name: DEMO_WHEEL,
        install_dir: "site",
        sha256: createHash("sha256").update(readFileSync(wheel)).digest("hex"),
        package_type: "package",
        imports: [DEMO_MODULE],
        depends: [],
        unvendored_tests: false,
        tool: {},
      },
    },
  };
  writeFileSync(path.join(dir, "pyodide-lock.json"), JSON.stringify(lock, null, 2));
}

export interface PackageServer {
  readonly server: Server;
  /** The base URL, ending in "/". */
  readonly url: string;
  /** Paths requested so far. */
  readonly requested: string[];
  close(): Promise<void>;
}

/** Serves `dir` as a CDN would: CORS and CORP cross-origin on every answer. */
export async function servePackageSource(dir: string, host = "127.0.0.1"): Promise<PackageServer> {
  const requested: string[] = [];
  const server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? "/").split("?")[0]!.slice(1));
    requested.push(`/${name}`);
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
    if (!/^[\w.-]+$/.test(name)) return void res.writeHead(404).end();
    let body: Buffer;
    try {
      body = readFileSync(path.join(dir, name));
    } catch {
      return void res.writeHead(404).end();
    }
    const type = name.endsWith(".json") ? "application/json" : "application/octet-stream";
    res.writeHead(200, { "Content-Type": type, "Content-Length": body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host}:${port}/`,
    requested,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
