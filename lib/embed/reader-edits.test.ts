import { describe, expect, it } from "vitest";
import { readEdit, writeEdit, type EditStore } from "./reader-edits";

function memory(): EditStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

describe("a reader's edits", () => {
  it("keeps an edit per notebook and cell, and forgets it when it is back to the original", () => {
    const store = memory();
    writeEdit(store, "nb", "c1", "x = 2", "x = 1");
    expect(readEdit(store, "nb", "c1")).toBe("x = 2");
    expect(readEdit(store, "nb", "c2")).toBeNull();
    expect(readEdit(store, "other", "c1")).toBeNull();
    writeEdit(store, "nb", "c1", "x = 1", "x = 1");
    expect(readEdit(store, "nb", "c1")).toBeNull();
    expect(store.data.size).toBe(0);
  });

  it("survives storage that is missing, full or holds garbage", () => {
    const full: EditStore = { getItem: () => "{not json", setItem: () => { throw new Error("QuotaExceededError"); }, removeItem: () => undefined };
    expect(() => writeEdit(full, "nb", "c1", "x", "y")).not.toThrow();
    expect(readEdit(full, "nb", "c1")).toBeNull();
    expect(readEdit(null, "nb", "c1")).toBeNull();
  });
});
