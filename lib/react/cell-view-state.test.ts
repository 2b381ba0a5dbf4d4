import { describe, expect, it } from "vitest";
import type { CellId } from "../notebook/ids";
import { createCellViewStore, EMPTY_VIEW, hasLineNumbers, toggleAllLineNumbers, toggleLineNumbers, toggleTogether } from "./cell-view-state";

const [a, b, c] = ["a", "b", "c"] as [CellId, CellId, CellId];

describe("cell view state", () => {
  it("toggles a selection together: all in when any is out", () => {
    const one = toggleTogether(new Set([a]), [a, b]);
    expect([...one]).toEqual([a, b]);
    expect([...toggleTogether(one, [a, b])]).toEqual([]);
  });

  it("line numbers: L on the selection, Shift-L on all (forgetting per-cell choices)", () => {
    let s = toggleLineNumbers(EMPTY_VIEW, [a, b], a);
    expect([a, b, c].map((id) => hasLineNumbers(s, id))).toEqual([true, true, false]);
    s = toggleAllLineNumbers(s);
    expect([a, b, c].map((id) => hasLineNumbers(s, id))).toEqual([true, true, true]);
    s = toggleLineNumbers(s, [c], c);
    expect(hasLineNumbers(s, c)).toBe(false);
    s = toggleAllLineNumbers(s);
    expect([a, b, c].map((id) => hasLineNumbers(s, id))).toEqual([false, false, false]);
  });

  it("remembers line numbers on all cells in the browser's storage", () => {
    const saved = new Map<string, string>();
    const storage = { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v) };
    const store = createCellViewStore(storage);
    let heard = 0;
    store.subscribe(() => heard++);
    store.update(toggleAllLineNumbers);
    expect(heard).toBe(1);
    expect(createCellViewStore(storage).get().lineNumbersAll).toBe(true);
  });
});
