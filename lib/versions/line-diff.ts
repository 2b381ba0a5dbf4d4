/**
 * A side-by-side line diff of two texts, as nbdime and GitHub show one: rows of "then" and "now"
 * lines, a changed line paired with the line that replaced it and its changed words marked. Built
 * on jsdiff (Myers' algorithm); a diff that would cost too much (two long, wholly different texts)
 * gives up and shows every line as removed and added.
 */
import { diffLines, diffWordsWithSpace } from "diff";

/** A run of a line's text: the same on both sides, or changed (removed on "then", added on "now"). */
export interface Segment {
  text: string;
  changed: boolean;
}

/** One side of a row: a line's number (from 1) and its text in segments; null where that side has none. */
export interface LineSide {
  line: number;
  segments: Segment[];
}

export interface DiffRow {
  kind: "same" | "changed" | "removed" | "added";
  then: LineSide | null;
  now: LineSide | null;
}

/** Beyond this many differing lines a line diff gives up (rows show all then / all now). */
const MAX_EDIT = 2000;
/** Word marks only for lines up to this long: longer ones are marked whole. */
const MAX_WORD_LINE = 2000;

const splitLines = (text: string): string[] => (text === "" ? [] : text.replace(/\n$/, "").split("\n"));

/** The two lines' words: what `then` lost and what `now` gained marked as changed. */
function wordSegments(then: string, now: string): { then: Segment[]; now: Segment[] } {
  if (then.length > MAX_WORD_LINE || now.length > MAX_WORD_LINE) {
    return { then: [{ text: then, changed: true }], now: [{ text: now, changed: true }] };
  }
  const thenSegments: Segment[] = [];
  const nowSegments: Segment[] = [];
  for (const part of diffWordsWithSpace(then, now)) {
    if (!part.added) thenSegments.push({ text: part.value, changed: part.removed });
    if (!part.removed) nowSegments.push({ text: part.value, changed: part.added });
  }
  return { then: thenSegments, now: nowSegments };
}

/** The rows that show how `then` became `now`, line by line. */
export function lineDiff(then: string, now: string): DiffRow[] {
  // Most cells of a notebook are unchanged: no diff to run.
  if (then === now) {
    return splitLines(then).map((text, i) => {
      const side = { line: i + 1, segments: [{ text, changed: false }] };
      return { kind: "same", then: side, now: { ...side } };
    });
  }
  // Every line ends in a newline, so that a last line without one still equals itself.
  const ended = (text: string) => (text === "" || text.endsWith("\n") ? text : `${text}\n`);
  const parts = diffLines(ended(then), ended(now), { maxEditLength: MAX_EDIT }) ?? [
    { value: then, removed: true, added: false, count: 0 },
    { value: now, added: true, removed: false, count: 0 },
  ];
  const rows: DiffRow[] = [];
  let thenLine = 1;
  let nowLine = 1;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (!part.added && !part.removed) {
      for (const text of splitLines(part.value)) {
        rows.push({ kind: "same", then: { line: thenLine++, segments: [{ text, changed: false }] }, now: { line: nowLine++, segments: [{ text, changed: false }] } });
      }
      continue;
    }
    // A removal followed by an addition is a change: pair their lines, the rest stand alone.
    const removed = part.removed ? splitLines(part.value) : [];
    const nextPart = parts[i + 1];
    const added = part.added ? splitLines(part.value) : nextPart?.added ? splitLines(nextPart.value) : [];
    if (part.removed && nextPart?.added) i++;
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      if (k < paired) {
        const words = wordSegments(removed[k]!, added[k]!);
        rows.push({ kind: "changed", then: { line: thenLine++, segments: words.then }, now: { line: nowLine++, segments: words.now } });
      } else if (k < removed.length) {
        rows.push({ kind: "removed", then: { line: thenLine++, segments: [{ text: removed[k]!, changed: true }] }, now: null });
      } else {
        rows.push({ kind: "added", then: null, now: { line: nowLine++, segments: [{ text: added[k]!, changed: true }] } });
      }
    }
  }
  return rows;
}
