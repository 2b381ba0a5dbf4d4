import { describe, expect, it } from "vitest";
import { documentWithCells, setSource } from "../notebook/commands";
import type { CellId } from "../notebook/ids";
import { LOAD, userOrigin } from "../notebook/origins";
import { snapshotNotebook } from "../notebook/selectors";
import { readerDocument, readerEdits } from "./reader-document";

/** The cells a page ships to an embed frame: snapshots of a notebook. */
function shipped() {
  const doc = documentWithCells(
    [
      { type: "markdown", source: "# Title" },
      { type: "code", source: "print(1)", outputs: [{ output_type: "stream", name: "stdout", text: "1\n" }], executionCount: 3 },
      { type: "code", source: "x = 2" },
    ],
    LOAD,
  );
  return snapshotNotebook(doc).cells;
}

describe("an embed reader's document", () => {
  it("holds the shipped cells in order, with the reader's saved text on code cells only", () => {
    const cells = shipped();
    const [markdown, first, second] = cells as [(typeof cells)[number], (typeof cells)[number], (typeof cells)[number]];
    const saved = new Map<CellId, string>([
      [markdown.id, "# Not applied to markdown"],
      [second.id, "x = 3"],
    ]);
    const doc = readerDocument(cells, (id) => saved.get(id) ?? null);
    const read = snapshotNotebook(doc).cells;
    expect(read.map((c) => [c.id, c.type, c.source])).toEqual([
      [markdown.id, "markdown", "# Title"],
      [first.id, "code", "print(1)"],
      [second.id, "code", "x = 3"],
    ]);
    expect(read[1]).toMatchObject({ outputs: first.outputs, executionCount: 3 });
  });

  it("lists as edits exactly the code cells whose text differs from what was shipped", () => {
    const cells = shipped();
    const originals = new Map(cells.map((c) => [c.id, c]));
    const doc = readerDocument(cells, () => null);
    expect(readerEdits(doc, originals)).toEqual({});
    setSource(doc, cells[2]!.id, "x = 4", userOrigin("embed-reader"));
    setSource(doc, cells[0]!.id, "# Changed markdown", userOrigin("embed-reader"));
    expect(readerEdits(doc, originals)).toEqual({ [cells[2]!.id]: "x = 4" });
  });
});
