import { describe, expect, it } from "vitest";
import { highlightPython } from "./highlight";

describe("highlightPython", () => {
  it("splits Python into lines of classed tokens that join back to the source", () => {
    const source = 'def f(x):\n    return x + 1  # add\n\nprint("hi", None)';
    const lines = highlightPython(source);
    expect(lines.map((l) => l.map((t) => t.text).join("")).join("\n")).toBe(source);
    const classOf = (text: string) => lines.flat().find((t) => t.text === text)?.cls;
    expect(classOf("def")).toBe("tok-kw");
    expect(classOf("return")).toBe("tok-kw");
    expect(classOf("f")).toBe("tok-def");
    expect(classOf("# add")).toBe("tok-comment");
    expect(classOf('"hi"')).toBe("tok-str");
    expect(classOf("1")).toBe("tok-num");
    expect(classOf("None")).toBe("tok-atom");
    expect(lines[2]).toEqual([]);
  });

  it("gives an empty source one empty line", () => {
    expect(highlightPython("")).toEqual([[]]);
  });
});
