import { readFileSync } from "node:fs";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { documentFromIpynb, ipynbFromDocument } from "./convert";
import { parseLenientIpynb, parseStrictIpynb, validateStrict } from "./validate";
import { splitLines } from "./lines";

const fixture = (name: string) => readFileSync(new URL(`../../../tests/fixtures/notebooks/${name}`, import.meta.url), "utf8");

function importText(text: string) {
  const parsed = parseLenientIpynb(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return documentFromIpynb(parsed.value);
}

describe("splitLines (Python's splitlines(True), as nbformat's writer)", () => {
  it("ends lines where Python does, keeping each ending", () => {
    expect(splitLines("a\r\nb\rc\u2028d\fe\x1cf\x85g")).toEqual(["a\r\n", "b\r", "c\u2028", "d\f", "e\x1c", "f\x85", "g"]);
    expect(splitLines("\r\n\r\n")).toEqual(["\r\n", "\r\n"]);
  });

  it("splits like Jupyter writes sources", () => {
    expect(splitLines("")).toEqual([]);
    expect(splitLines("a")).toEqual(["a"]);
    expect(splitLines("a\n")).toEqual(["a\n"]);
    expect(splitLines("a\nb")).toEqual(["a\n", "b"]);
    expect(splitLines("a\n\nb\n")).toEqual(["a\n", "\n", "b\n"]);
  });
});

describe("import and export", () => {
  it("imports an nbformat 4.2 notebook with list sources, attachments and unknown metadata", () => {
    const doc = importText(fixture("jupyter-classic-4.2.ipynb"));
    const nb = ipynbFromDocument(doc);
    expect(nb.nbformat_minor).toBe(5);
    expect(nb.cells.map((c) => c.cell_type)).toEqual(["markdown", "code", "raw", "code"]);
    // Cells without ids (before 4.5) get valid, unique ones.
    const ids = nb.cells.map((c) => c.id);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
    expect(nb.metadata.my_extension).toEqual({ keep: ["me", 1, true, null] });
    // As nbformat writes them: base64 in one string, text split into lines.
    expect(nb.cells[0]).toMatchObject({ attachments: { "logo.png": { "image/png": expect.any(String) } } });
    const code = nb.cells[1]!;
    expect(code.cell_type === "code" && code.outputs[3]).toEqual({
      output_type: "widget_state",
      model_id: "abc",
      custom: { nested: [1, 2] },
    });
    expect(code.cell_type === "code" && code.outputs[1]?.data).toEqual({
      "text/plain": ["42"],
      "text/html": ["<b>42</b>"],
      "application/json": { answer: 42 },
    });
  });

  // The classic fixture keeps an output of unknown type verbatim, which the 4.5 schema rejects.
  const fixtures: Array<[string, { strictlyValid: boolean }]> = [
    ["jupyter-classic-4.2.ipynb", { strictlyValid: false }],
    ["lab-4.4-widgets.ipynb", { strictlyValid: true }],
    ["minimal-4.0.ipynb", { strictlyValid: true }],
  ];
  for (const [name, { strictlyValid }] of fixtures) {
    it(`round-trips ${name}: export -> import -> export is identical`, () => {
      const once = ipynbFromDocument(importText(fixture(name)));
      expect(validateStrict(once).ok).toBe(strictlyValid);
      const twice = ipynbFromDocument(importText(JSON.stringify(once)));
      expect(twice).toEqual(once);
    });
  }

  it("keeps everything a 4.4 notebook carries: ids, metadata, widget state, attachments, output metadata", () => {
    const original = JSON.parse(fixture("lab-4.4-widgets.ipynb")) as { metadata: unknown; cells: Array<Record<string, unknown>> };
    const nb = ipynbFromDocument(importText(fixture("lab-4.4-widgets.ipynb")));
    expect(nb.metadata).toEqual(original.metadata);
    expect(nb.cells.map((c) => c.id)).toEqual(["setup-imports", "notes", "raw-with-attachment"]);
    expect(nb.cells.map((c) => c.metadata)).toEqual(original.cells.map((c) => c.metadata));
    const code = nb.cells[0]!;
    expect(code.cell_type === "code" && code.outputs[1]).toMatchObject({
      metadata: { "image/png": { width: 1, height: 1 }, needs_background: "light" },
      data: { "image/png": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\n" },
    });
    expect(code.cell_type === "code" && code.outputs[0]?.data).toMatchObject({
      "application/vnd.jupyter.widget-view+json": { model_id: "5f1c", version_major: 2, version_minor: 0 },
    });
    expect(nb.cells[2]).toMatchObject({ attachments: { "data.txt": { "text/plain": ["hello\n", "world"] } } });
  });

  it("keeps cell ids of a 4.5 notebook and replaces a duplicate", () => {
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        { id: "one", cell_type: "markdown", metadata: {}, source: "a" },
        { id: "one", cell_type: "markdown", metadata: {}, source: "b" },
      ],
    };
    const out = ipynbFromDocument(importText(JSON.stringify(nb)));
    expect(out.cells[0]!.id).toBe("one");
    expect(out.cells[1]!.id).not.toBe("one");
    expect(out.cells.map((c) => c.source)).toEqual([["a"], ["b"]]);
  });

  it("exports a document that survives a binary round trip through Yjs", () => {
    const doc = importText(fixture("jupyter-classic-4.2.ipynb"));
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(ipynbFromDocument(copy)).toEqual(ipynbFromDocument(doc));
  });
});

describe("validation messages", () => {
  it("names the line and column of a JSON syntax error", () => {
    const result = parseStrictIpynb('{\n "cells": [,]\n}');
    expect(result).toMatchObject({ ok: false, code: "invalid_json" });
    expect(!result.ok && result.message).toMatch(/line 2, column \d+/);
  });

  it("names the JSON path of a bad field", () => {
    const result = validateStrict({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [{ id: "a", cell_type: "code", metadata: {}, source: "", outputs: [{ output_type: "stream", name: "stdout" }] }],
    });
    expect(result).toMatchObject({ ok: false, code: "invalid_notebook" });
    expect(!result.ok && result.message).toContain("cells[0].outputs[0]");
  });

  it("refuses nbformat 3 plainly", () => {
    expect(validateStrict({ nbformat: 3, nbformat_minor: 0, worksheets: [] })).toMatchObject({
      ok: false,
      code: "not_nbformat4",
    });
  });

  it("requires ids and unique ids in strict mode", () => {
    const base = { nbformat: 4, nbformat_minor: 5, metadata: {} };
    expect(validateStrict({ ...base, cells: [{ cell_type: "raw", metadata: {}, source: "" }] }).ok).toBe(false);
    const dup = validateStrict({
      ...base,
      cells: [
        { id: "x", cell_type: "raw", metadata: {}, source: "" },
        { id: "x", cell_type: "raw", metadata: {}, source: "" },
      ],
    });
    expect(!dup.ok && dup.message).toContain('cells[1].id: "x" is used by an earlier cell');
  });
});
