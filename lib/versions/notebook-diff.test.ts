import { describe, expect, it } from "vitest";
import type { IpynbCell } from "../notebook/nbformat/convert";
import type { JsonObject } from "../util/json";
import { lineDiff } from "./line-diff";
import { diffNotebooks, metadataChanges, outputsDiff } from "./notebook-diff";

const code = (id: string, source: string, outputs: JsonObject[] = [], metadata: JsonObject = {}): IpynbCell => ({
  id,
  cell_type: "code",
  metadata,
  source: source.split(/(?<=\n)/),
  outputs,
  execution_count: null,
});
const md = (id: string, source: string): IpynbCell => ({ id, cell_type: "markdown", metadata: {}, source: [source] });
const stream = (text: string): JsonObject => ({ output_type: "stream", name: "stdout", text });

describe("lineDiff", () => {
  it("pairs a changed line with its replacement and marks only the words that changed", () => {
    const rows = lineDiff("a = 1\nprint(a)\n", "a = 2\nprint(a)\n");
    expect(rows.map((r) => r.kind)).toEqual(["changed", "same"]);
    expect(rows[0]!.then!.segments.filter((s) => s.changed).map((s) => s.text)).toEqual(["1"]);
    expect(rows[0]!.now!.segments.filter((s) => s.changed).map((s) => s.text)).toEqual(["2"]);
    expect(rows[1]).toMatchObject({ then: { line: 2 }, now: { line: 2 } });
  });

  it("numbers lines on each side through removals and additions", () => {
    const rows = lineDiff("x\ny\nz", "x\nz\nw\n");
    expect(rows.map((r) => [r.kind, r.then?.line ?? null, r.now?.line ?? null])).toEqual([
      ["same", 1, 1],
      ["removed", 2, null],
      ["same", 3, 2],
      ["added", null, 3],
    ]);
  });

  it("gives a wholly new text as added lines and an empty one as none", () => {
    expect(lineDiff("", "a\nb").map((r) => r.kind)).toEqual(["added", "added"]);
    expect(lineDiff("", "")).toEqual([]);
  });
});

describe("diffNotebooks", () => {
  it("marks added, deleted, changed and unchanged cells, matched by id, in the order of now", () => {
    const then = [md("m", "# Title"), code("a", "x = 1\n"), code("b", "print(x)"), code("c", "del x")];
    const now = [md("m", "# Title"), code("a", "x = 2\n"), code("c", "del x"), code("n", "new()")];
    const diff = diffNotebooks(then, now);
    expect(diff.cells.map((c) => [c.id, c.status])).toEqual([
      ["m", "unchanged"],
      ["a", "changed"],
      ["b", "deleted"],
      ["c", "unchanged"],
      ["n", "added"],
    ]);
    expect(diff.counts).toEqual({ added: 1, deleted: 1, moved: 0, changed: 1, unchanged: 2 });
    const deleted = diff.cells.find((c) => c.id === "b")!;
    expect(deleted.previousId).toBe("a");
    expect(deleted.source.map((r) => r.kind)).toEqual(["removed"]);
  });

  it("marks a cell moved when its place among the others changed, and moved and changed when both", () => {
    const then = [code("a", "1"), code("b", "2"), code("c", "3"), code("d", "4")];
    const now = [code("c", "3"), code("a", "1"), code("b", "2"), code("d", "40")];
    const rows = diffNotebooks(then, now).cells;
    expect(rows.map((c) => [c.id, c.status, c.moved])).toEqual([
      ["c", "moved", true],
      ["a", "unchanged", false],
      ["b", "unchanged", false],
      ["d", "changed", false],
    ]);
    const both = diffNotebooks([code("a", "1"), code("b", "2")], [code("b", "2"), code("a", "10")]).cells;
    expect(both.find((c) => c.id === "a")).toMatchObject({ status: "changed", moved: true });
  });

  it("keeps the longest run in order and calls only the rest moved, fast on a reversed long notebook", () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `c${i}`);
    const then = ids.map((id) => code(id, id));
    const reversed = diffNotebooks(then, [...then].reverse());
    expect(reversed.counts).toMatchObject({ moved: 2999, unchanged: 1 });
    const rotated = diffNotebooks(then.slice(0, 5), [then[4]!, ...then.slice(0, 4)]).cells;
    expect(rotated.map((c) => c.status)).toEqual(["moved", "unchanged", "unchanged", "unchanged", "unchanged"]);
  });

  it("puts deleted cells first when nothing before them is left, in the version's order", () => {
    const rows = diffNotebooks([code("a", "1"), code("b", "2"), code("c", "3")], [code("c", "3")]).cells;
    expect(rows.map((c) => [c.id, c.status, c.previousId])).toEqual([
      ["a", "deleted", null],
      ["b", "deleted", "a"],
      ["c", "unchanged", "b"],
    ]);
  });

  it("sees a change of cell type as a change", () => {
    const [row] = diffNotebooks([code("a", "text")], [md("a", "text")]).cells;
    expect(row!.status).toBe("changed");
    expect(row!.source.every((r) => r.kind === "same")).toBe(true);
  });

  it("sees output and metadata changes, but not when or where a cell last ran", () => {
    const ran = { tandem: { execution: { by: "Ada" } }, execution: { "iopub.execute_input": "2026" } };
    const [same] = diffNotebooks([code("a", "1", [stream("1\n")])], [code("a", "1", [stream("1\n")], ran)]).cells;
    expect(same!.status).toBe("unchanged");
    const [out] = diffNotebooks([code("a", "p()", [stream("hello\n")])], [code("a", "p()", [stream("hallo\n")])]).cells;
    expect(out!.status).toBe("changed");
    expect(out!.outputs).toMatchObject({ kind: "text", rows: [{ kind: "changed" }] });
    const [tags] = diffNotebooks([code("a", "1", [], { tags: ["a"] })], [code("a", "1", [], { tags: ["a", "b"] })]).cells;
    expect(tags!.metadata).toEqual([{ key: "tags", then: '["a"]', now: '["a","b"]' }]);
  });
});

describe("outputsDiff", () => {
  it("is null for equal outputs, whatever their key order", () => {
    expect(outputsDiff([{ output_type: "stream", name: "stdout", text: "a" }], [{ text: "a", name: "stdout", output_type: "stream" }])).toBeNull();
  });

  it("shows rich outputs (an image) whole on both sides", () => {
    const image = (data: string): JsonObject => ({ output_type: "display_data", data: { "image/png": data, "text/plain": "<Figure>" }, metadata: {} });
    expect(outputsDiff([image("AAAA")], [image("BBBB")])).toEqual({ kind: "rich", then: [image("AAAA")], now: [image("BBBB")] });
  });

  it("diffs plain results and errors as text", () => {
    const result = (t: string): JsonObject => ({ output_type: "execute_result", data: { "text/plain": t }, metadata: {}, execution_count: 1 });
    const error: JsonObject = { output_type: "error", ename: "NameError", evalue: "name 'x' is not defined", traceback: [] };
    const diff = outputsDiff([result("42")], [error]);
    expect(diff).toMatchObject({ kind: "text", rows: [{ kind: "changed", then: { segments: [{ text: "42" }] } }] });
  });
});

describe("metadataChanges", () => {
  it("lists added, removed and changed keys, sorted", () => {
    expect(metadataChanges({ b: 1, tags: [] }, { a: true, tags: ["x"] })).toEqual([
      { key: "a", then: null, now: "true" },
      { key: "b", then: "1", now: null },
      { key: "tags", then: "[]", now: '["x"]' },
    ]);
  });
});
