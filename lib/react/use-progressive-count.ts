/**
 * How many items of a long list to render: the first `first` at once, then all of them in a
 * transition. A 500-cell notebook took 0.8 s of one task to render on a 2-core machine
 * (bench:page's first visit), all of it before the first editor took typing; the cells past the
 * first screens are not visible then anyway. A transition renders them in slices that yield to
 * the browser, so the page takes typing first, and keeps taking it while the rest arrives.
 *
 * Once everything has rendered, it stays so: a list that grows later (a cell inserted) renders its
 * new items at once.
 */
import { startTransition, useEffect, useState } from "react";

export function useProgressiveCount(total: number, first: number): number {
  const [all, setAll] = useState(total <= first);
  useEffect(() => {
    if (all) return;
    startTransition(() => setAll(true));
  }, [all]);
  return all ? total : Math.min(total, first);
}
