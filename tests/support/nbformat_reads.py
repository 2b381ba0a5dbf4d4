"""What nbformat makes of files Tandem had to convert or repair, for
tests/integration/jupyter-reads.test.ts.

Reads from stdin a JSON list of {"name", "original", "exported"} and writes a JSON list of
{"name", "nbformat_reads", "export_valid", "cells"}: whether nbformat.read(as_version=4) opens the
original (as Jupyter would), whether the export validates (outputs of unknown type aside, which
are kept), and for each cell of nbformat's reading
and of the export, its type and source (ids aside), to compare.
"""
import json
import sys
import warnings

import nbformat

warnings.simplefilter("ignore")


def cells(nb):
    out = []
    for c in nb.cells:
        cell = {"cell_type": c.get("cell_type"), "source": c.get("source", ""), **({"level": c["level"]} if "level" in c else {})}
        if c.get("cell_type") == "code":
            cell["outputs"] = c.get("outputs", [])
            cell["execution_count"] = c.get("execution_count")
        out.append(cell)
    return out


def check(item):
    out = {"name": item["name"], "nbformat_reads": False, "export_valid": False, "nbformat_cells": None, "export_cells": None, "problem": None}
    try:
        original = nbformat.reads(item["original"], as_version=4)
        out["nbformat_reads"] = True
        out["nbformat_cells"] = cells(original)
        exported = nbformat.reads(item["exported"], as_version=4)
        out["export_cells"] = cells(exported)
        # Outputs of a type nbformat does not know are kept, as its spec asks of readers; its
        # schema refuses them, so the rest is validated without them.
        known = {"stream", "display_data", "execute_result", "error"}
        for cell in exported.cells:
            if cell.get("cell_type") == "code":
                cell["outputs"] = [o for o in cell.get("outputs", []) if o.get("output_type") in known]
        nbformat.validate(exported)
        out["export_valid"] = True
    except Exception as error:  # noqa: BLE001 - reported per file
        out["problem"] = f"{type(error).__name__}: {str(error)[:300]}"
    return out


print(json.dumps([check(item) for item in json.load(sys.stdin)]))
