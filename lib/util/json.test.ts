import { describe, expect, it } from "vitest";
import { cloneJson, type JsonValue } from "./json";

const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe("cloneJson", () => {
  it("copies as a JSON round trip does", () => {
    const value = {
      a: [1, "two", true, null, undefined, Number.NaN, Infinity, () => 1, [{ b: { c: [] } }]],
      dropped: undefined,
      fn: () => 1,
      when: new Date(0),
      nested: { deep: { deeper: ["x"] } },
      "": "empty key",
    };
    const copy = cloneJson(value as unknown as JsonValue);
    expect(copy).toEqual(roundTrip(value));
    expect(Object.keys(copy as object)).toEqual(Object.keys(roundTrip(value) as object));
  });

  it("detaches the copy from the original", () => {
    const value = { list: [{ n: 1 }] };
    const copy = cloneJson(value);
    copy.list[0]!.n = 2;
    expect(value.list[0]!.n).toBe(1);
  });

  it("keeps __proto__ as an own key, as JSON.parse does, without touching the prototype", () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "k": 1}') as JsonValue;
    const copy = cloneJson(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__", "k"]);
    expect(copy).toEqual(roundTrip(parsed));
  });

  it("copies a value nested 100,000 levels deep, which a JSON round trip cannot", () => {
    const depth = 100_000;
    const deep = JSON.parse("[".repeat(depth) + "]".repeat(depth)) as JsonValue;
    expect(() => roundTrip(deep)).toThrow(RangeError);
    let level = cloneJson(deep);
    let count = 1;
    while (Array.isArray(level) && level.length > 0) {
      level = level[0]!;
      count += 1;
    }
    expect(count).toBe(depth);
  });
});
