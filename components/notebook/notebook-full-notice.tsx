"use client";

import { binarySize } from "@/lib/util/bytes";
import { useRunnerState, type Python } from "@/lib/react/use-kernel";

/**
 * Says that the notebook is at its size limit, once a run of this person's could not keep its
 * outputs (lib/kernel/runner.ts, `full`), and goes away once a later run's outputs fit. The limit
 * keeps every export importable; what to do is to clear outputs.
 */
export function NotebookFullNotice({ python }: { python: Python | null }) {
  const { full } = useRunnerState(python);
  if (!full) return null;
  return (
    <p className="notebook-note notebook-full" role="status" data-testid="notebook-full">
      This notebook is {binarySize(full.bytes, "up")} as a .ipynb file, too close to its {binarySize(full.limit)} limit to keep
      new outputs. Clear some outputs (a cell&apos;s ⋯ menu, or <em>Clear all outputs</em> in the notebook&apos;s tools) to make room.
    </p>
  );
}
