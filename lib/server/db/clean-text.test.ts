import { describe, expect, it } from "vitest";
import { cleanString, cleanText } from "./clean-text";

describe("cleanString", () => {
  it("drops U+0000, replaces unpaired surrogates and keeps pairs", () => {
    expect(cleanString("a\u0000b")).toBe("ab");
    expect(cleanString("\ud800x\udc00")).toBe("\ufffdx\ufffd");
    expect(cleanString("\udc00\ud800")).toBe("\ufffd\ufffd");
    expect(cleanString("pair \u{1F600} ok")).toBe("pair \u{1F600} ok");
    expect(cleanString("\ud83d\ud83d\ude00")).toBe("\ufffd\u{1F600}");
  });
});

describe("cleanText", () => {
  it("returns the very arguments when there is nothing to clean", () => {
    const args = { data: { title: "Fine \u{1F600}", cells: [{ source: "x = 1" }] }, where: { id: "n1" } };
    expect(cleanText(args)).toBe(args);
  });

  it("cleans strings and keys at any depth, without changing the original", () => {
    const deep: unknown[] = [];
    let level = deep;
    for (let i = 0; i < 50_000; i += 1) {
      const next: unknown[] = [];
      level.push(next);
      level = next;
    }
    level.push("deep\u0000");
    const args = { data: { title: "t\u0000", cells: [{ "k\ud800": ["a\udc00", 1, null, true] }], deep } };
    const cleaned = cleanText(args);
    expect(cleaned.data.title).toBe("t");
    expect(cleaned.data.cells).toEqual([{ "k\ufffd": ["a\ufffd", 1, null, true] }]);
    let found: unknown = cleaned.data.deep;
    while (Array.isArray(found)) found = found[0];
    expect(found).toBe("deep");
    expect(args.data.title).toBe("t\u0000");
  });

  it("leaves bytes, dates and other class instances as they are", () => {
    class Decimalish {
      constructor(readonly text: string) {}
    }
    const bytes = Uint8Array.from([0, 1, 2]);
    const when = new Date(0);
    const decimal = new Decimalish("1\u0000");
    const cleaned = cleanText({ data: { title: "\u0000", snapshot: bytes, createdAt: when, amount: decimal } });
    expect(cleaned.data.snapshot).toBe(bytes);
    expect(cleaned.data.createdAt).toBe(when);
    expect(cleaned.data.amount).toBe(decimal);
    expect(cleaned.data.title).toBe("");
  });

  it("keeps a __proto__ key a key", () => {
    const parsed = JSON.parse('{"__proto__": {"x": "a\\u0000"}}') as Record<string, unknown>;
    const cleaned = cleanText({ cells: parsed });
    expect(Object.getPrototypeOf(cleaned.cells)).toBe(Object.prototype);
    expect(Object.keys(cleaned.cells)).toEqual(["__proto__"]);
    expect(JSON.stringify(cleaned.cells)).toBe('{"__proto__":{"x":"a"}}');
  });
});
