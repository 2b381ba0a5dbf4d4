import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import {
  appendOutputs,
  clearOutputs,
  clearOutputsOf,
  documentFromIpynb,
  finishRun,
  insertCell,
  ipynbFromDocument,
  isStale,
  KERNEL,
  mergeStreams,
  parseExecution,
  setCellType,
  setSource,
  snapshotNotebook,
  sourceHash,
  startRun,
  userOrigin,
  validateStrict,
  type CellId,
  type ExecutionRecord,
} from "./index";

const me = userOrigin("me");

function record(runId: string, source: string, by = "Ada"): ExecutionRecord {
  return {
    runId,
    by: { name: by, color: "#123456" },
    startedAt: "2026-12-01T10:00:00.000Z",
    finishedAt: null,
    status: "running",
    executionCount: null,
    python: "3.14.0 (Pyodide 314.0.7)",
    sourceHash: sourceHash(source),
    source,
  };
}

const out = (name: "stdout" | "stderr", text: string) => ({ output_type: "stream", name, text });

function codeCell(source = "print(1)"): { doc: Y.Doc; id: CellId } {
  const doc = new Y.Doc();
  const id = insertCell(doc, { type: "code", source, outputs: [out("stdout", "old\n")], executionCount: 7 }, me);
  return { doc, id };
}

const cell = (doc: Y.Doc, id: CellId) => snapshotNotebook(doc).cells.find((c) => c.id === id)!;
const end = { status: "ok" as const, executionCount: 1, finishedAt: "2026-12-01T10:00:01.000Z" };

describe("a run's commands", () => {
  it("start clears the old outputs, append adds chunks, finish merges streams and records the end", () => {
    const { doc, id } = codeCell();
    expect(startRun(doc, id, record("r1", "print(1)"), KERNEL)).toBe(true);
    expect(cell(doc, id).outputs).toEqual([]);
    expect(cell(doc, id).executionCount).toBeNull();
    expect(cell(doc, id).execution?.status).toBe("running");
    appendOutputs(doc, id, "r1", [out("stdout", "a")], KERNEL);
    appendOutputs(doc, id, "r1", [out("stdout", "b\n"), out("stderr", "warn\n")], KERNEL);
    appendOutputs(doc, id, "r1", [out("stdout", "c\n")], KERNEL);
    expect(cell(doc, id).outputs).toHaveLength(4);
    expect(finishRun(doc, id, "r1", end, KERNEL)).toBe(true);
    const done = cell(doc, id);
    expect(done.outputs).toEqual([out("stdout", "ab\n"), out("stderr", "warn\n"), out("stdout", "c\n")]);
    expect(done.executionCount).toBe(1);
    expect(done.execution).toMatchObject({ runId: "r1", status: "ok", executionCount: 1, finishedAt: end.finishedAt });
  });

  it("writes nothing for a superseded run", () => {
    const { doc, id } = codeCell();
    startRun(doc, id, record("r1", "print(1)"), KERNEL);
    startRun(doc, id, record("r2", "print(1)", "Grace"), KERNEL);
    expect(appendOutputs(doc, id, "r1", [out("stdout", "late\n")], KERNEL)).toBe(false);
    expect(finishRun(doc, id, "r1", end, KERNEL)).toBe(false);
    expect(cell(doc, id).outputs).toEqual([]);
    expect(cell(doc, id).execution?.by.name).toBe("Grace");
  });

  it("two people running one cell at once never interleave: one whole run wins everywhere", () => {
    const { doc: a, id } = codeCell();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    startRun(a, id, record("ra", "print(1)", "Ada"), KERNEL);
    appendOutputs(a, id, "ra", [out("stdout", "from Ada\n")], KERNEL);
    startRun(b, id, record("rb", "print(1)", "Grace"), KERNEL);
    appendOutputs(b, id, "rb", [out("stdout", "from Grace\n")], KERNEL);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const seenA = cell(a, id);
    const seenB = cell(b, id);
    expect(seenA).toEqual(seenB);
    const winner = seenA.execution!.by.name;
    expect(seenA.outputs).toEqual([out("stdout", `from ${winner}\n`)]);
    // The loser's further writes are refused on both sides.
    const loser = winner === "Ada" ? { doc: b, run: "rb" } : { doc: a, run: "ra" };
    expect(appendOutputs(loser.doc, id, loser.run, [out("stdout", "more\n")], KERNEL)).toBe(false);
  });

  it("does nothing on a cell that is gone or no longer code", () => {
    const { doc, id } = codeCell();
    startRun(doc, id, record("r1", "print(1)"), KERNEL);
    setCellType(doc, id, "markdown", me);
    expect(appendOutputs(doc, id, "r1", [out("stdout", "x")], KERNEL)).toBe(false);
    expect(startRun(doc, "nope" as CellId, record("r2", ""), KERNEL)).toBe(false);
    expect(cell(doc, id).execution).toBeUndefined();
  });

  it("clearing outputs clears their provenance too", () => {
    const { doc, id } = codeCell();
    startRun(doc, id, record("r1", "print(1)"), KERNEL);
    finishRun(doc, id, "r1", end, KERNEL);
    clearOutputs(doc, id, me);
    expect(cell(doc, id).execution).toBeUndefined();
    expect(cell(doc, id).executionCount).toBeNull();
  });

  it("refuses a start record that is not running", () => {
    const { doc, id } = codeCell();
    expect(() => startRun(doc, id, { ...record("r", ""), status: "ok" }, KERNEL)).toThrow(/running record/);
  });
});

describe("provenance", () => {
  it("marks outputs stale once the source changes, and fresh again when it is put back", () => {
    const { doc, id } = codeCell("x = 1");
    startRun(doc, id, record("r1", "x = 1"), KERNEL);
    expect(isStale(cell(doc, id).execution, cell(doc, id).source)).toBe(false);
    setSource(doc, id, "x = 2", me);
    expect(isStale(cell(doc, id).execution, cell(doc, id).source)).toBe(true);
    setSource(doc, id, "x = 1", me);
    expect(isStale(cell(doc, id).execution, cell(doc, id).source)).toBe(false);
    expect(isStale(undefined, "anything")).toBe(false);
  });

  it("hashes sources stably and tells them apart", () => {
    expect(sourceHash("print(1)")).toBe(sourceHash("print(1)"));
    expect(sourceHash("print(1)")).not.toBe(sourceHash("print(2)"));
    expect(sourceHash("")).toMatch(/^[0-9a-f]{14}$/);
  });

  it("ignores malformed records", () => {
    expect(parseExecution({ runId: "r" })).toBeUndefined();
    expect(parseExecution({ ...record("r", ""), status: "exploded" })).toBeUndefined();
    expect(parseExecution(null)).toBeUndefined();
    expect(parseExecution({ ...record("r", ""), executionCount: -3 })?.executionCount).toBeNull();
  });

  it("travels through .ipynb as tandem.execution cell metadata and back", () => {
    const { doc, id } = codeCell("print(1)");
    startRun(doc, id, record("r1", "print(1)"), KERNEL);
    appendOutputs(doc, id, "r1", [out("stdout", "1\n")], KERNEL);
    finishRun(doc, id, "r1", end, KERNEL);
    const file = ipynbFromDocument(doc);
    expect(validateStrict(JSON.parse(JSON.stringify(file))).ok).toBe(true);
    const exported = file.cells[0]!;
    expect((exported.metadata.tandem as { execution: { runId: string } }).execution.runId).toBe("r1");
    const again = documentFromIpynb(JSON.parse(JSON.stringify(file)));
    const back = snapshotNotebook(again).cells[0]!;
    expect(back.execution).toEqual(cell(doc, id).execution);
    expect(back.metadata.tandem).toBeUndefined();
    expect(ipynbFromDocument(again)).toEqual(file);
  });
});

describe("mergeStreams", () => {
  it("joins adjacent chunks of one stream only", () => {
    const display = { output_type: "display_data", data: { "text/plain": "x" }, metadata: {} };
    expect(mergeStreams([out("stdout", "a"), out("stdout", "b"), display, out("stdout", "c"), out("stderr", "d")])).toEqual([
      out("stdout", "ab"),
      display,
      out("stdout", "c"),
      out("stderr", "d"),
    ]);
  });
});

describe("clearOutputsOf (restart and clear outputs)", () => {
  /** Ada's finished run in one cell, Grace's in another, Ada's still running in a third, imported outputs in a fourth. */
  function room() {
    const doc = new Y.Doc();
    const ids = ["a = 1", "g = 2", "while True: pass", "imported"].map((source) =>
      insertCell(doc, { type: "code", source, outputs: [out("stdout", "old\n")], executionCount: 3 }, me),
    );
    insertCell(doc, { type: "markdown", source: "# notes" }, me);
    const run = (i: number, runId: string, by: string, finished: boolean) => {
      startRun(doc, ids[i]!, record(runId, cell(doc, ids[i]!).source, by), KERNEL);
      appendOutputs(doc, ids[i]!, runId, [out("stdout", `${by}\n`)], KERNEL);
      if (finished) finishRun(doc, ids[i]!, runId, end, KERNEL);
    };
    run(0, "ra", "Ada", true);
    run(1, "rg", "Grace", true);
    run(2, "rl", "Ada", false);
    return { doc, ids };
  }
  const ada = { name: "Ada", color: "#123456" };

  it("clears only the cells whose outputs my runs made, finished or not, in one step", () => {
    const { doc, ids } = room();
    const cleared = clearOutputsOf(doc, ada, KERNEL);
    expect(new Set(cleared)).toEqual(new Set([ids[0], ids[2]]));
    for (const i of [0, 2]) {
      expect(cell(doc, ids[i]!)).toMatchObject({ outputs: [], executionCount: null });
      expect(cell(doc, ids[i]!).execution).toBeUndefined();
    }
    expect(cell(doc, ids[1]!).outputs).toEqual([out("stdout", "Grace\n")]);
    expect(cell(doc, ids[3]!).outputs).toEqual([out("stdout", "old\n")]);
    // The run that was still going writes nothing more.
    expect(appendOutputs(doc, ids[2]!, "rl", [out("stdout", "late\n")], KERNEL)).toBe(false);
  });

  it("matches a person by name and colour: a namesake in another colour keeps theirs", () => {
    const { doc } = room();
    expect(clearOutputsOf(doc, { name: "Ada", color: "#654321" }, KERNEL)).toEqual([]);
  });

  it("clears every code cell's outputs for everyone, imported ones included, and leaves an empty notebook alone", () => {
    const { doc, ids } = room();
    expect(new Set(clearOutputsOf(doc, "everyone", KERNEL))).toEqual(new Set(ids));
    expect(snapshotNotebook(doc).cells.every((c) => c.outputs.length === 0 && c.executionCount === null)).toBe(true);
    expect(clearOutputsOf(doc, "everyone", KERNEL)).toEqual([]);
  });

  it("is one transaction under the origin given", () => {
    const { doc } = room();
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    clearOutputsOf(doc, "everyone", KERNEL);
    expect(origins).toEqual([KERNEL]);
  });
});
