import { describe, expect, it } from "vitest";
import { binarySize, ownBuffer, utf8Length } from "./bytes";

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

  it("rounds a size up when asked, so that one byte over a limit never reads as the limit", () => {
    expect(binarySize(10 * 1024 * 1024 + 1)).toBe("10.0 MiB");
    expect(binarySize(10 * 1024 * 1024 + 1, "up")).toBe("10.1 MiB");
    expect(binarySize(10 * 1024 * 1024, "up")).toBe("10 MiB");
  });
});

describe("utf8Length", () => {
  it("counts what TextEncoder writes, without encoding", () => {
    for (const text of ["", "abc", "é", "€ and ✓", "𝄞 clef", "lone \ud800 surrogate", "end \udc00", "a\u0000b", "日本語のテキスト"]) {
      expect(utf8Length(text), JSON.stringify(text)).toBe(new TextEncoder().encode(text).length);
    }
  });
});
