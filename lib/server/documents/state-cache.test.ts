import { describe, expect, it } from "vitest";
import { StateCache } from "./state-cache";

const stamp = (updatedAt: number, lastId = 0, logged = 0) => ({ updatedAt, lastId, logged });
const bytes = (n: number) => new Uint8Array(n);

describe("StateCache", () => {
  it("gives back a state only under the stamp it was stored with", () => {
    const cache = new StateCache(1000);
    const state = bytes(10);
    cache.set("a", stamp(1, 5, 2), state);
    expect(cache.get("a", stamp(1, 5, 2))).toBe(state);
    // Appended (last id), compacted (updatedAt) or rows gone (count): stale, and dropped.
    expect(cache.get("a", stamp(1, 6, 3))).toBeNull();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
    cache.set("a", stamp(1), state);
    expect(cache.get("a", stamp(2))).toBeNull();
    expect(cache.get("b", stamp(1))).toBeNull();
  });

  it("keeps within its byte budget, dropping the least recently used first", () => {
    const cache = new StateCache(100);
    cache.set("a", stamp(1), bytes(40));
    cache.set("b", stamp(1), bytes(40));
    expect(cache.get("a", stamp(1))).not.toBeNull();
    cache.set("c", stamp(1), bytes(40));
    expect(cache.get("b", stamp(1))).toBeNull();
    expect(cache.get("a", stamp(1))).not.toBeNull();
    expect(cache.get("c", stamp(1))).not.toBeNull();
    expect(cache.size.bytes).toBe(80);
    cache.set("huge", stamp(1), bytes(101));
    expect(cache.get("huge", stamp(1))).toBeNull();
    cache.forget("a");
    expect(cache.size).toEqual({ entries: 1, bytes: 40 });
  });
});
