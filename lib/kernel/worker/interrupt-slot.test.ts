/**
 * The interrupt slot under Pyodide's read-then-clear, with the page's Stop landing at each point of
 * it. Real Pyodide reading the slot is exercised in tests/integration/kernel.test.ts.
 */
import { describe, expect, it } from "vitest";

import { SIGINT } from "../protocol";
import { atomicInterruptSlot, type InterruptSlot } from "./interrupt-slot";

function slotOverSharedMemory(): { slot: InterruptSlot; shared: Int32Array } {
  const shared = new Int32Array(new SharedArrayBuffer(4));
  return { slot: atomicInterruptSlot(shared), shared };
}

/** Pyodide's `_Py_CheckEmscriptenSignals_Helper`, with a hook between its read and its clear. */
function pyodideCheck(slot: InterruptSlot, between: () => void = () => {}): number {
  const result = slot[0];
  between();
  slot[0] = 0;
  return result;
}

describe("interrupt slot", () => {
  it("hands a pending Stop to Pyodide once, and clears it", () => {
    const { slot, shared } = slotOverSharedMemory();
    Atomics.store(shared, 0, SIGINT);
    expect(pyodideCheck(slot)).toBe(SIGINT);
    expect(Atomics.load(shared, 0)).toBe(0);
    expect(pyodideCheck(slot)).toBe(0);
  });

  it("keeps a Stop pressed between Pyodide's read and its clear, for the next check", () => {
    const { slot, shared } = slotOverSharedMemory();
    expect(pyodideCheck(slot, () => Atomics.store(shared, 0, SIGINT))).toBe(0);
    expect(Atomics.load(shared, 0)).toBe(SIGINT);
    expect(pyodideCheck(slot)).toBe(SIGINT);
  });

  it("takes two presses during one check as one Stop", () => {
    const { slot, shared } = slotOverSharedMemory();
    Atomics.store(shared, 0, SIGINT);
    expect(pyodideCheck(slot, () => Atomics.store(shared, 0, SIGINT))).toBe(SIGINT);
    expect(Atomics.load(shared, 0)).toBe(0);
  });

  it("leaves the Stop in place when it is only read (pyodide.checkInterrupt)", () => {
    const { slot, shared } = slotOverSharedMemory();
    Atomics.store(shared, 0, SIGINT);
    expect(slot[0]).toBe(SIGINT);
    expect(Atomics.load(shared, 0)).toBe(SIGINT);
  });
});
