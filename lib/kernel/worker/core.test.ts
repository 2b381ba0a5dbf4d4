/**
 * The core's protocol handling with a stand-in loadPyodide: what happens before Python exists.
 * Runs against real Pyodide are in tests/integration/kernel.test.ts.
 */
import { describe, expect, it, vi } from "vitest";

import { KERNEL_PROTOCOL_VERSION, type InitMessage, type KernelToPage } from "../protocol";
import { createKernelCore } from "./core";

const init: InitMessage = {
  type: "init",
  version: KERNEL_PROTOCOL_VERSION,
  indexURL: "/pyodide/",
  interruptBuffer: null,
  inputBuffer: null,
  packageBaseUrl: null,
};

function kernelWith(loadPyodide: () => Promise<never>) {
  const posted: KernelToPage[] = [];
  const core = createKernelCore({ loadPyodide, post: (m) => posted.push(m) });
  return { core, posted };
}

describe("kernel core", () => {
  it("refuses another protocol version without loading Pyodide", async () => {
    const load = vi.fn(() => Promise.reject<never>(new Error("must not load")));
    const { core, posted } = kernelWith(load);
    await core.handle({ ...init, version: KERNEL_PROTOCOL_VERSION + 1 });
    expect(load).not.toHaveBeenCalled();
    expect(posted).toEqual([{ type: "fatal", message: expect.stringContaining(`version ${KERNEL_PROTOCOL_VERSION + 1}`) }]);
  });

  it("reports a failed load as fatal, after the first stage, and ignores runs after it", async () => {
    const { core, posted } = kernelWith(() => Promise.reject<never>(new Error("wasm fetch failed: 404")));
    await core.handle(init);
    await core.handle({ type: "run", runId: "r1", code: "1", filename: "Cell [1]" });
    expect(posted).toEqual([
      { type: "progress", stage: "runtime" },
      { type: "fatal", message: "Python could not start: wasm fetch failed: 404" },
    ]);
  });

  it("rejects a run before init and a second init: the page's programming errors", async () => {
    const { core } = kernelWith(() => Promise.reject<never>(new Error("no")));
    await expect(core.handle({ type: "run", runId: "r1", code: "1", filename: "Cell [1]" })).rejects.toThrow("arrived before init");
    await core.handle(init);
    await expect(core.handle(init)).rejects.toThrow("second init");
  });
});
