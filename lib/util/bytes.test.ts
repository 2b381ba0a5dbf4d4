import { describe, expect, it } from "vitest";
import { ownBuffer } from "./bytes";

describe("ownBuffer", () => {
  it("is the view's own buffer when the view spans it, else a copy of just its bytes", () => {
    const whole = new Uint8Array([1, 2, 3]);
    expect(ownBuffer(whole)).toBe(whole.buffer);
    const part = new Uint8Array(whole.buffer, 1, 2);
    const copied = ownBuffer(part);
    expect(copied).not.toBe(whole.buffer);
    expect([...new Uint8Array(copied)]).toEqual([2, 3]);
    const shared = new Uint8Array(new SharedArrayBuffer(2));
    shared.set([4, 5]);
    expect(ownBuffer(shared)).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(ownBuffer(shared))]).toEqual([4, 5]);
  });
});
