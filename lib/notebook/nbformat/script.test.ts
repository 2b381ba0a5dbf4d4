import { describe, expect, it } from "vitest";
import type { IpynbNotebook } from "./convert";
import { scriptFromIpynb } from "./script";

const nb = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { id: "a", cell_type: "markdown", metadata: {}, source: ["# Objects\n", "\n", "Everything is an object."] },
    { id: "b", cell_type: "code", metadata: {}, source: ["x = [1, 2]\n", "print(id(x))\n"], outputs: [{ output_type: "stream", name: "stdout", text: "1\n" }], execution_count: 1 },
    { id: "c", cell_type: "raw", metadata: {}, source: "raw text" },
  ],
} as unknown as IpynbNotebook;

describe("scriptFromIpynb", () => {
  it("writes percent-format cells: code as is, markdown and raw commented, no outputs", () => {
    expect(scriptFromIpynb(nb, "Python  Internals")).toBe(
      [
        "# Python Internals",
        '# Exported from Tandem as a Python script (percent format: "# %%" starts a cell).',
        "",
        "# %% [markdown]",
        "# # Objects",
        "#",
        "# Everything is an object.",
        "",
        "# %%",
        "x = [1, 2]",
        "print(id(x))",
        "",
        "# %% [raw]",
        "# raw text",
        "",
      ].join("\n"),
    );
  });
});
