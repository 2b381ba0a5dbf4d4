/**
 * Packages in the real kernel (Pyodide under Node): loaded from a local package source that the
 * test builds (tests/support/package-source.ts) before the cell that imports them runs, with
 * their size shown; a learner's message when the source cannot be reached; %pip when packages
 * are off; and matplotlib's inline backend shim against a stand-in matplotlib (the real one is on
 * the CDN, which this machine cannot reach).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ErrorMessage, RunEvent } from "../../lib/kernel/protocol";
import { stripAnsi, TestKernel, type RunOutcome } from "../support/kernel-harness";
import { buildPackageSource, DEMO_WHEEL, servePackageSource, type PackageServer } from "../support/package-source";

const START_TIMEOUT_MS = 120_000;
const RUN_TIMEOUT_MS = 30_000;

function ofType<T extends RunEvent["type"]>(outcome: RunOutcome, type: T): Extract<RunEvent, { type: T }>[] {
  return outcome.events.map((e) => e.message).filter((m): m is Extract<RunEvent, { type: T }> => m.type === type);
}

function onlyError(outcome: RunOutcome): ErrorMessage {
  const errors = ofType(outcome, "error");
  expect(errors).toHaveLength(1);
  return errors[0]!;
}

/** A stand-in matplotlib with the parts a module:// backend touches, written by a cell. */
const FAKE_MATPLOTLIB = String.raw`
import os, sys
root = "/tmp/fake_mpl"
files = {
    "matplotlib/__init__.py": "",
    "matplotlib/_pylab_helpers.py": "class Gcf:\n    figs = {}\n    @classmethod\n    def get_all_fig_managers(cls):\n        return list(cls.figs.values())\n    @classmethod\n    def destroy_all(cls):\n        cls.figs.clear()\n",
    "matplotlib/backend_bases.py": "class FigureManagerBase:\n    def __init__(self, canvas, num):\n        self.canvas, self.num = canvas, num\n",
    "matplotlib/backends/__init__.py": "",
    "matplotlib/backends/backend_agg.py": "class FigureCanvasAgg:\n    def __init__(self, figure):\n        self.figure = figure\n",
    "matplotlib/figure.py": "class Figure:\n    def __init__(self, label):\n        self.label = label\n    def savefig(self, buffer, format, bbox_inches=None):\n        buffer.write(b'PNG:' + self.label.encode())\n    def __repr__(self):\n        return f'<Figure {self.label}>'\n",
    "matplotlib/pyplot.py": "import importlib, os\nfrom matplotlib._pylab_helpers import Gcf\nfrom matplotlib.figure import Figure\n_backend = importlib.import_module(os.environ['MPLBACKEND'].removeprefix('module://'))\ndef figure(label):\n    f = Figure(label)\n    Gcf.figs[len(Gcf.figs)] = _backend.FigureManager(_backend.FigureCanvas(f), len(Gcf.figs))\n    return f\ndef show():\n    _backend.show()\n",
}
for name, text in files.items():
    os.makedirs(os.path.dirname(f"{root}/{name}"), exist_ok=True)
    with open(f"{root}/{name}", "w") as f:
        f.write(text)
sys.path.insert(0, root)
`;

describe("kernel with a local package source", () => {
  let kernel: TestKernel;
  let source: PackageServer;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tandem-packages-"));
    buildPackageSource(dir);
    source = await servePackageSource(dir);
    kernel = new TestKernel({ interruptible: false, input: false, packageBaseUrl: source.url });
    expect(await kernel.start()).toMatchObject({ type: "ready" });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await kernel.close();
    await source.close();
  });

  it("reads the source's own lock file at start", () => {
    expect(source.requested).toContain("/pyodide-lock.json");
  });

  it("loads an imported package before the cell runs, saying which and how big, once", async () => {
    const first = await kernel.run("import tandem_demo\nprint(tandem_demo.__version__)\ntandem_demo.plot()");
    expect(first.stdout).toMatch(/^Loading tandem-demo \(\d+(\.\d)? kB\)…\n1\.0\n$/);
    expect(source.requested).toContain(`/${DEMO_WHEEL}`);
    const [result] = ofType(first, "result");
    expect(result!.data["text/plain"]).toBe("<tandem_demo.Plot: a sine wave>");
    expect(Buffer.from(result!.data["image/png"]!, "base64").subarray(1, 4).toString()).toBe("PNG");
    expect(first.done.message.status).toBe("ok");

    const again = await kernel.run("import tandem_demo\nprint('again')");
    expect(again.stdout).toBe("again\n");
  }, RUN_TIMEOUT_MS);

  it("points a module that no package provides at %pip", async () => {
    const error = onlyError(await kernel.run("import not_a_pyodide_package"));
    expect(error.evalue).toBe(
      "No module named 'not_a_pyodide_package'. not_a_pyodide_package is not one of Pyodide's packages; if it is a pure-Python package on PyPI, `%pip install not_a_pyodide_package` installs it.",
    );
  }, RUN_TIMEOUT_MS);

  it("runs %pip as a call, line for line, and says when pip itself cannot be had", async () => {
    // This source has no micropip: the install fails with a message and the cell goes on.
    const outcome = await kernel.run("%pip install snowballstemmer\nprint('after')");
    expect(outcome.done.message.status).toBe("ok");
    expect(outcome.stderr).toBe("snowballstemmer could not be installed: pip (micropip) could not be downloaded: the package server does not have it.\n");
    expect(outcome.stdout).toBe("after\n");
    expect((await kernel.run("%pip freeze")).stderr).toContain("Usage: %pip install NAME");
  }, RUN_TIMEOUT_MS);

  it("shows matplotlib figures as PNG outputs on plt.show() and after the cell, through the inline backend", async () => {
    expect((await kernel.run(FAKE_MATPLOTLIB)).done.message.status).toBe("ok");
    const outcome = await kernel.run(
      "import os\nprint(os.environ['MPLBACKEND'])\nimport matplotlib.pyplot as plt\nplt.figure('a')\nplt.show()\nprint('between')\nplt.figure('b')\n'last'",
    );
    const order = outcome.events.map(({ message: m }) => (m.type === "display" ? `display:${Buffer.from(m.data["image/png"]!, "base64").toString()}` : m.type === "stream" ? m.text.trim() : m.type));
    expect(order).toEqual(["module://_tandem_inline", "display:PNG:a", "between", "result", "display:PNG:b"]);
    const [figure] = ofType(outcome, "display");
    expect(figure!.data["text/plain"]).toBe("<Figure a>");
    // Shown figures are closed: the next cell shows nothing of them.
    expect(ofType(await kernel.run("1"), "display")).toEqual([]);
  }, RUN_TIMEOUT_MS);
});

describe("kernel whose package source cannot be reached", () => {
  let kernel: TestKernel;

  beforeAll(async () => {
    // A port that was free a moment ago: every request is refused, as when offline.
    const probe = await servePackageSource(tmpdir());
    await probe.close();
    kernel = new TestKernel({ interruptible: false, input: false, packageBaseUrl: probe.url });
    expect(await kernel.start()).toMatchObject({ type: "ready" });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await kernel.close();
  });

  it("starts with the bundled lock file and tells the learner they seem to be offline", async () => {
    const outcome = await kernel.run("import numpy");
    expect(outcome.stdout).toBe("");
    expect(outcome.stderr).toBe("");
    const error = onlyError(outcome);
    expect(error.evalue).toBe("No module named 'numpy'. numpy could not be downloaded: you seem to be offline or the package server cannot be reached.");
    expect(stripAnsi(error.traceback.join("\n"))).not.toMatch(/micropip|pyodide\.loadPackage/);
  }, RUN_TIMEOUT_MS);
});

describe("kernel with packages off", () => {
  let kernel: TestKernel;

  beforeAll(async () => {
    kernel = new TestKernel({ interruptible: false, input: false, packageBaseUrl: null });
    expect(await kernel.start()).toMatchObject({ type: "ready" });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await kernel.close();
  });

  it("says so from %pip, and the cell goes on", async () => {
    const outcome = await kernel.run("%pip install requests\nprint('after')");
    expect(outcome.stderr).toBe("requests could not be installed: this server has packages turned off.\n");
    expect(outcome.stdout).toBe("after\n");
  }, RUN_TIMEOUT_MS);
});
