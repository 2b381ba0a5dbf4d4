import { describe, expect, it } from "vitest";
import { coalesce } from "./coalesce";

describe("coalesce (group commit)", () => {
  it("hands the calls of one turn to one run, answering each caller on its own", async () => {
    const runs: number[][] = [];
    const double = coalesce(async (items: readonly number[]) => {
      runs.push([...items]);
      return items.map((n) => (n < 0 ? new Error(`negative ${n}`) : n * 2));
    });
    const results = await Promise.allSettled([double(1), double(-2), double(3)]);
    expect(runs).toEqual([[1, -2, 3]]);
    expect(results).toEqual([
      { status: "fulfilled", value: 2 },
      { status: "rejected", reason: new Error("negative -2") },
      { status: "fulfilled", value: 6 },
    ]);
    // A later turn is a run of its own.
    expect(await double(5)).toBe(10);
    expect(runs).toEqual([[1, -2, 3], [5]]);
  });

  it("splits a turn's calls into runs of at most `max`, and fails a whole run's callers when it throws", async () => {
    const runs: number[][] = [];
    const call = coalesce(async (items: readonly number[]) => {
      runs.push([...items]);
      if (items.includes(4)) throw new Error("statement failed");
      return items;
    }, 2);
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map(call));
    expect(runs).toEqual([[1, 2], [3, 4], [5]]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "rejected", "fulfilled"]);
  });
});
