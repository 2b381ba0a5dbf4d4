/**
 * The way to what was handed in: the version saved at the hand-in, whose page shows how the copy
 * changed since. Says "Changed since hand-in" when it did (progress.changedSinceHandIn).
 */
import type { CopyProgress } from "@/lib/classroom/progress-types";

export function HandInLink({ progress }: { progress: CopyProgress }) {
  if (!progress.slug || !progress.handedInVersionId || progress.status === "working") return null;
  const href = `/n/${progress.slug}/history/${progress.handedInVersionId}`;
  return progress.changedSinceHandIn ? (
    <a className="hand-in-link hand-in-changed" href={href} data-testid="changed-since-hand-in" title="What was handed in, and how the copy changed since">
      Changed since hand-in
    </a>
  ) : (
    <a className="hand-in-link" href={href} data-testid="handed-in-version" title="The notebook exactly as it was handed in">
      As handed in
    </a>
  );
}
