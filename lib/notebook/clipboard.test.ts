import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { clipboardText, parseClipboard, toClipboard } from "./clipboard";
import { insertCell, insertCells, setOutputs } from "./commands";
import { userOrigin } from "./origins";
import { snapshotNotebook } from "./selectors";

const me = userOrigin("clipboard-test");

describe("cell clipboard payload", () => {
  it("round-trips cells with outputs, drops ids, provenance and locks, and pastes as new cells", () => {
    const doc = new Y.Doc();
    const code = insertCell(doc, { type: "code", source: "print(1)", metadata: { editable: false, tags: ["x"] } }, me);
    insertCell(doc, { type: "markdown", source: "# Hi", attachments: { "a.png": { "image/png": "AA==" } } }, me);
    setOutputs(doc, code, [{ output_type: "stream", name: "stdout", text: "1\n" }], 3, me);
    const payload = toClipboard(snapshotNotebook(doc).cells);
    const cells = parseClipboard(JSON.stringify(payload))!;
    expect(cells).toHaveLength(2);
    expect(cells[0]).toEqual({
      type: "code",
      source: "print(1)",
      metadata: { tags: ["x"] },
      outputs: [{ output_type: "stream", name: "stdout", text: "1\n" }],
      executionCount: 3,
    });
    expect(cells[1]).toMatchObject({ type: "markdown", attachments: { "a.png": { "image/png": "AA==" } } });
    expect(clipboardText(payload)).toBe("print(1)\n\n# Hi");

    const other = new Y.Doc();
    const ids = insertCells(other, { cells }, me);
    expect(ids).not.toContain(code);
    expect(snapshotNotebook(other).cells.map((c) => c.source)).toEqual(["print(1)", "# Hi"]);
    expect(snapshotNotebook(other).cells[0]!.outputs).toHaveLength(1);
  });

  it("refuses what is not a payload and skips malformed cells", () => {
    expect(parseClipboard(null)).toBeNull();
    expect(parseClipboard("print(1)")).toBeNull();
    expect(parseClipboard(JSON.stringify({ tandem: "cells", version: 99, cells: [] }))).toBeNull();
    const mixed = { tandem: "cells", version: 1, cells: [{ type: "nope", source: "" }, { type: "raw", source: 3 }, { type: "code", source: "x", outputs: [1, { output_type: "x" }], executionCount: -1 }] };
    expect(parseClipboard(JSON.stringify(mixed))).toEqual([{ type: "code", source: "x", metadata: {}, outputs: [{ output_type: "x" }], executionCount: null }]);
  });
});
