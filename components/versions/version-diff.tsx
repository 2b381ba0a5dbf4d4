import type { CellDiff, CellStatus, NotebookDiff } from "@/lib/versions/notebook-diff";
import type { IpynbCell } from "@/lib/notebook/nbformat/convert";
import { OutputList } from "../output/output-item";
import { DiffLines } from "./diff-lines";
import { RestoreCellButton } from "./restore-cell-button";

const STATUS_WORD: Record<CellStatus, string> = {
  added: "Added",
  deleted: "Deleted",
  moved: "Moved",
  changed: "Changed",
  unchanged: "Unchanged",
};

const TYPE_WORD = { code: "Code", markdown: "Markdown", raw: "Raw" } as const;

const sourceOf = (cell: IpynbCell) => (Array.isArray(cell.source) ? cell.source.join("") : String(cell.source));

interface RestoreTarget {
  notebookId: string;
  versionId: string;
}

function CellHeader({ cell, restore }: { cell: CellDiff; restore: RestoreTarget | null }) {
  const then = cell.then?.cell_type;
  const now = cell.now?.cell_type;
  const type = then && now && then !== now ? `${TYPE_WORD[then]} → ${TYPE_WORD[now]}` : TYPE_WORD[(now ?? then)!];
  // A moved cell whose content also changed says both.
  const words = [STATUS_WORD[cell.status], ...(cell.moved && cell.status === "changed" ? ["moved"] : [])].join(", ");
  const restorable = restore && (cell.status === "changed" || cell.status === "deleted");
  return (
    <div className="diff-cell-head">
      <span className={`diff-badge diff-badge-${cell.status}`}>{words}</span>
      <span className="diff-cell-type">{type} cell</span>
      {restorable ? <RestoreCellButton {...restore} cellId={cell.id} deleted={cell.status === "deleted"} /> : null}
    </div>
  );
}

function CellBody({ cell }: { cell: CellDiff }) {
  const sides = cell.status === "deleted" ? "then" : cell.status === "added" ? "now" : "both";
  const sourceChanged = cell.source.some((r) => r.kind !== "same");
  return (
    <>
      {cell.status === "moved" || (cell.status === "changed" && !sourceChanged) ? (
        <pre className="diff-plain">{cell.now ? sourceOf(cell.now) : ""}</pre>
      ) : (
        <DiffLines rows={cell.source} sides={sides} label="Source" />
      )}
      {cell.metadata.length > 0 ? (
        <div className="diff-metadata">
          <h4>Metadata changed</h4>
          <ul>
            {cell.metadata.map((m) => (
              <li key={m.key}>
                <code>{m.key}</code>: <span className="diff-then-word">then</span> <code>{m.then ?? "(none)"}</code>,{" "}
                <span className="diff-now-word">now</span> <code>{m.now ?? "(none)"}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {cell.outputs ? (
        <div className="diff-outputs" data-testid="outputs-changed">
          <h4>Output changed</h4>
          {cell.outputs.kind === "text" ? (
            <DiffLines rows={cell.outputs.rows} label="Output" />
          ) : (
            <div className="diff-output-sides">
              <div>
                <p className="diff-side-label diff-then-word">Then</p>
                {cell.outputs.then.length ? <OutputList outputs={cell.outputs.then} /> : <p className="diff-nothing">(no output)</p>}
              </div>
              <div>
                <p className="diff-side-label diff-now-word">Now</p>
                {cell.outputs.now.length ? <OutputList outputs={cell.outputs.now} /> : <p className="diff-nothing">(no output)</p>}
              </div>
            </div>
          )}
        </div>
      ) : null}
    </>
  );
}

/** Runs of unchanged cells fold into one line, as nbdime does; the rest show their changes. */
function groups(cells: readonly CellDiff[]): (CellDiff | CellDiff[])[] {
  const out: (CellDiff | CellDiff[])[] = [];
  for (const cell of cells) {
    const last = out[out.length - 1];
    if (cell.status !== "unchanged") out.push(cell);
    else if (Array.isArray(last)) last.push(cell);
    else out.push([cell]);
  }
  return out;
}

/**
 * A version's changes against the notebook now, cell by cell (lib/versions/notebook-diff.ts).
 * `restore`: set for those who may edit, who get "Restore this cell" on changed and deleted cells.
 */
export function VersionDiff({ diff, versionLabel, restore }: { diff: NotebookDiff; versionLabel: React.ReactNode; restore: RestoreTarget | null }) {
  const { counts } = diff;
  const summary = (["changed", "added", "deleted", "moved", "unchanged"] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(" · ");
  const same = counts.unchanged === diff.cells.length;
  return (
    <section aria-labelledby="diff-heading" className="version-diff" data-testid="version-diff">
      <h2 id="diff-heading">Then and now</h2>
      <p className="diff-legend">
        <span className="diff-then-word">Then</span> {versionLabel} <span className="diff-legend-arrow">→</span>{" "}
        <span className="diff-now-word">Now</span> the notebook as it is
      </p>
      {same ? (
        <p data-testid="compare-same">The notebook is the same as this version.</p>
      ) : (
        <p className="diff-summary" data-testid="diff-summary">
          {summary}
        </p>
      )}
      <ol className="diff-cells">
        {groups(diff.cells).map((group) =>
          Array.isArray(group) ? (
            <li key={`same-${group[0]!.id}`} className="diff-cell diff-unchanged" data-status="unchanged">
              <details>
                <summary>
                  {group.length} unchanged {group.length === 1 ? "cell" : "cells"}
                </summary>
                {group.map((cell) => (
                  <pre key={cell.id} className="diff-plain">
                    {cell.now ? sourceOf(cell.now) : ""}
                  </pre>
                ))}
              </details>
            </li>
          ) : (
            <li key={group.id} className={`diff-cell diff-cell-${group.status}`} data-status={group.status} data-cell-id={group.id}>
              <CellHeader cell={group} restore={restore} />
              <CellBody cell={group} />
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
