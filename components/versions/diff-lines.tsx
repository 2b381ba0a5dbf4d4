import type { DiffRow, LineSide } from "@/lib/versions/line-diff";

/** Runs of more unchanged lines than this fold to their first and last CONTEXT lines. */
const CONTEXT = 3;

type Shown = { row: DiffRow; index: number } | { folded: number; index: number };

/** The rows to show: long runs of unchanged lines folded, as a unified diff keeps context. */
function withFolds(rows: readonly DiffRow[]): Shown[] {
  const shown: Shown[] = [];
  let i = 0;
  while (i < rows.length) {
    if (rows[i]!.kind !== "same") {
      shown.push({ row: rows[i]!, index: i });
      i++;
      continue;
    }
    let end = i;
    while (end < rows.length && rows[end]!.kind === "same") end++;
    const keepStart = i === 0 ? 0 : CONTEXT;
    const keepEnd = end === rows.length ? 0 : CONTEXT;
    if (end - i > keepStart + keepEnd + 1) {
      for (let k = i; k < i + keepStart; k++) shown.push({ row: rows[k]!, index: k });
      shown.push({ folded: end - i - keepStart - keepEnd, index: i + keepStart });
      for (let k = end - keepEnd; k < end; k++) shown.push({ row: rows[k]!, index: k });
    } else {
      for (let k = i; k < end; k++) shown.push({ row: rows[k]!, index: k });
    }
    i = end;
  }
  return shown;
}

function Side({ side, which, kind }: { side: LineSide | null; which: "then" | "now"; kind: DiffRow["kind"] }) {
  if (!side) return <span className={`diff-side diff-${which} diff-empty`} aria-hidden="true" />;
  const Mark = which === "then" ? "del" : "ins";
  return (
    <span className={`diff-side diff-${which}`} data-side={which}>
      <span className="visually-hidden">
        {which === "then" ? "Then" : "Now"}, line {side.line}:{" "}
      </span>
      <span className="diff-gutter" aria-hidden="true">
        {side.line}
      </span>
      <span className="diff-sign" aria-hidden="true">
        {kind === "same" ? " " : which === "then" ? "−" : "+"}
      </span>
      <code className="diff-text">
        {side.segments.map((s, i) => (s.changed && kind === "changed" ? <Mark key={i}>{s.text}</Mark> : s.text))}
        {side.segments.every((s) => s.text === "") ? "\u200b" : null}
      </code>
    </span>
  );
}

/**
 * A side-by-side line diff with "Then" and "Now" columns; on a phone the columns stack into one
 * unified diff (small-screens.css): each changed line's "then" above its "now". Lines wrap in
 * their box, so a long line never widens the page. `sides`: a deleted or added cell has only one.
 */
export function DiffLines({ rows, sides = "both", label }: { rows: readonly DiffRow[]; sides?: "both" | "then" | "now"; label: string }) {
  if (rows.length === 0) return <p className="diff-nothing">(empty)</p>;
  return (
    <div className={`diff-lines diff-lines-${sides}`} role="group" aria-label={label}>
      {sides === "both" ? (
        <div className="diff-row diff-head" aria-hidden="true">
          <span className="diff-side diff-then">Then</span>
          <span className="diff-side diff-now">Now</span>
        </div>
      ) : null}
      {withFolds(rows).map((item) =>
        "folded" in item ? (
          <div key={`f${item.index}`} className="diff-row diff-fold">
            ⋯ {item.folded} unchanged {item.folded === 1 ? "line" : "lines"}
          </div>
        ) : (
          <div key={item.index} className={`diff-row diff-row-${item.row.kind}`} data-kind={item.row.kind}>
            {sides !== "now" ? <Side side={item.row.then} which="then" kind={item.row.kind} /> : null}
            {sides !== "then" ? <Side side={item.row.now} which="now" kind={item.row.kind} /> : null}
          </div>
        ),
      )}
    </div>
  );
}
