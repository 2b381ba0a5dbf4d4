import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Sweep } from "./sweep";

describe("Sweep", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("visits every member once per period, a slice per tick", () => {
    const visits: number[][] = [];
    let tick: number[] = [];
    const sweep = new Sweep<number>(1_000, 4, (member) => tick.push(member));
    for (let member = 0; member < 100; member++) sweep.add(member);
    for (let i = 0; i < 8; i++) {
      tick = [];
      vi.advanceTimersByTime(250);
      visits.push(tick);
    }
    sweep.stop();
    // Each tick visits a quarter; each period covers everyone exactly once.
    for (const slice of visits) expect(slice).toHaveLength(25);
    expect(visits.slice(0, 4).flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(visits.slice(4, 8).flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it("stops visiting a member once deleted, and tolerates deletes during a visit", () => {
    const seen = new Set<string>();
    const sweep = new Sweep<string>(100, 1, (member) => {
      seen.add(member);
      sweep.delete(member);
    });
    sweep.add("a");
    sweep.add("b");
    sweep.delete("b");
    vi.advanceTimersByTime(100);
    expect([...seen]).toEqual(["a"]);
    expect(sweep.size).toBe(0);
    vi.advanceTimersByTime(300);
    expect([...seen]).toEqual(["a"]);
    sweep.stop();
  });

  it("reaches a member that joins late within one period, and nothing after stop", () => {
    const seen: string[] = [];
    const sweep = new Sweep<string>(1_000, 10, (member) => seen.push(member));
    vi.advanceTimersByTime(430);
    sweep.add("late");
    vi.advanceTimersByTime(1_000);
    expect(seen).toEqual(["late"]);
    sweep.stop();
    vi.advanceTimersByTime(5_000);
    expect(seen).toEqual(["late"]);
  });
});
