import { describe, expect, it } from "vitest";
import { binarySize, ownBuffer } from "./bytes";

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

describe("binarySize", () => {
  it("says a limit in the binary units it is counted in", () => {
    expect(binarySize(10 * 1024 * 1024)).toBe("10 MiB");
    expect(binarySize(1.5 * 1024 * 1024)).toBe("1.5 MiB");
    expect(binarySize(1024 * 1024)).toBe("1 MiB");
    expect(binarySize(512 * 1024)).toBe("512 KiB");
    expect(binarySize(1000)).toBe("1 KiB");
  });
});
