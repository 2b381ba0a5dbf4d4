"""Compares Tandem's .ipynb exports with Jupyter's own writer (nbformat), for
tests/integration/jupyter-writer.test.ts.

Reads from stdin a JSON list of {"name", "original", "exported"} (file texts) and writes a JSON
list of {"name", "same_as_nbformat", "resave_unchanged", "valid", "problem"}:

- same_as_nbformat: the export is byte for byte what nbformat writes for the original file once
  the format version asks for it (nbformat_minor 5, and the cell ids the export gave, for a file
  older than 4.5 that had none);
- resave_unchanged: reading the export with nbformat and writing it again changes nothing (what
  JupyterLab does when it saves the file);
- valid: nbformat.validate accepts the export, or rejects the original file too (a file with an
  output type nbformat does not know keeps it).
"""
import json
import sys

import nbformat


def writes(nb):
    return nbformat.writes(nb) + "\n"


def check(item):
    out = {"name": item["name"], "same_as_nbformat": False, "resave_unchanged": False, "valid": False, "problem": None}
    try:
        exported = nbformat.reads(item["exported"], as_version=4)
        out["resave_unchanged"] = writes(exported) == item["exported"]
        original = nbformat.reads(item["original"], as_version=4)
        try:
            nbformat.validate(exported)
            out["valid"] = True
        except nbformat.ValidationError as error:
            try:
                nbformat.validate(nbformat.reads(item["original"], as_version=4))
                out["problem"] = f"the export does not validate: {error}"
            except nbformat.ValidationError:
                out["valid"] = True
        original.nbformat_minor = 5
        for cell, ours in zip(original.cells, exported.cells):
            cell["id"] = ours["id"]
        expected = writes(original)
        out["same_as_nbformat"] = expected == item["exported"]
        if not out["same_as_nbformat"]:
            a, b = expected.splitlines(True), item["exported"].splitlines(True)
            first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            out["problem"] = f"line {first + 1}: nbformat writes {a[first:first + 2]!r}, the export has {b[first:first + 2]!r}"
    except Exception as error:  # noqa: BLE001 - every failure is reported, per file
        out["problem"] = f"{type(error).__name__}: {error}"
    return out


print(json.dumps([check(item) for item in json.load(sys.stdin)]))
