import { describe, expect, it } from "vitest";

import { SIGINT } from "../protocol";
import { createSleeper, SLICE_MS, type SleepMethod } from "./sleep";

const noStop = () => false;

describe.each<SleepMethod>(["atomics", "busy"])("sleep (%s)", (method) => {
  const sleeper = createSleeper(method);

  it("says how it blocks", () => {
    expect(sleeper.method).toBe(method);
  });

  it("blocks at least the time asked, across several slices", () => {
    const asked = SLICE_MS * 2 + 10;
    const start = performance.now();
    expect(sleeper.sleep(asked, { interrupt: null, takeInterrupt: noStop })).toBe("slept");
    // A lower bound (the sleep's own length), not a speed goal.
    expect(performance.now() - start).toBeGreaterThanOrEqual(asked - 1);
  });

  it("returns at once for a Stop already pending, taking it", () => {
    const interrupt = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(interrupt, 0, SIGINT);
    const take = () => Atomics.exchange(interrupt, 0, 0) === SIGINT;
    expect(sleeper.sleep(60_000, { interrupt, takeInterrupt: take })).toBe("interrupted");
    expect(Atomics.load(interrupt, 0)).toBe(0);
  });

  it("looks for a Stop between slices", () => {
    // A fake clock: each look at it is a millisecond; the Stop comes on the third look at the buffer.
    let clock = 0;
    let looks = 0;
    const outcome = sleeper.sleep(60_000, { interrupt: null, takeInterrupt: () => ++looks === 3, now: () => clock++ });
    expect(outcome).toBe("interrupted");
    expect(looks).toBe(3);
  });

  it("keeps waiting while a Stop is pending but may not be taken (interrupts off)", () => {
    const interrupt = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(interrupt, 0, SIGINT);
    const start = performance.now();
    expect(sleeper.sleep(20, { interrupt, takeInterrupt: noStop })).toBe("slept");
    expect(performance.now() - start).toBeGreaterThanOrEqual(19);
    expect(Atomics.load(interrupt, 0)).toBe(SIGINT); // left for whoever may take it
  });

  it("refuses a length that is not a number >= 0", () => {
    expect(() => sleeper.sleep(-1, { interrupt: null, takeInterrupt: noStop })).toThrow("Invalid sleep length -1 ms");
    expect(() => sleeper.sleep(Number.NaN, { interrupt: null, takeInterrupt: noStop })).toThrow("Invalid sleep length NaN ms");
  });
});
