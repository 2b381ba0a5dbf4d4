import { describe, expect, it } from "vitest";
import { definedNames } from "./defined-names";

const names = (source: string) => [...definedNames(source)].sort();

describe("the names a cell binds at module scope", () => {
  it.each([
    ["x = 42", ["x"]],
    ["x = y = 1", ["x", "y"]],
    ["a, (b, *c) = 1, (2, 3, 4)", ["a", "b", "c"]],
    ["[p, q] = 1, 2", ["p", "q"]],
    ["first, *rest = [1, 2, 3]", ["first", "rest"]],
    ["n += 1", ["n"]],
    ["y: int = 3", ["y"]],
    ["def f(q):\n    w = 1\n    return w", ["f"]],
    ["async def fetch(): pass", ["fetch"]],
    ["class C:\n    attr = 1\n    def m(self): pass", ["C"]],
    ["@decorate\ndef g(): pass", ["g"]],
    ["type Alias = int", ["Alias"]],
    ["import os.path, sys as s", ["os", "s"]],
    ["import numpy as np", ["np"]],
    ["from m import (a, b as bb)", ["a", "bb"]],
    ["from os.path import join", ["join"]],
    ["from . import rel", ["rel"]],
    ["for i, j in items:\n    total = i", ["i", "j", "total"]],
    ["with open(f) as fh, g() as h:\n    data = fh.read()", ["data", "fh", "h"]],
    ["if (k := 5) > 2:\n    big = True\nelse:\n    small = True", ["big", "k", "small"]],
    ["print(v := 3)", ["v"]],
    ["[y := n * 2 for n in range(3)]", ["y"]],
    ["while (line := next(it)):\n    count = 1", ["count", "line"]],
    ["try:\n    import json\nexcept ImportError as err:\n    json = None", ["json"]],
    ["match point:\n    case [px, _]:\n        pass\n    case Point(x=qx) as found:\n        pass", ["found", "px", "qx"]],
    ["a = 1; b = 2", ["a", "b"]],
    ["%time t = sum(range(10))\nu = 2", ["t", "u"]],
    ["%%time\nslow = compute()", ["slow"]],
    ["!pip install thing\nafter = 1", ["after"]],
    ["files = !ls\nafter = 1", ["after"]],
  ])("%j binds %j", (source, expected) => {
    expect(names(source)).toEqual(expected);
  });

  it.each([
    ["a.x = 1", "an attribute"],
    ["d['x'] = 1", "an item"],
    ["s = 'x = 1'", "a string"],
    ['s = """\nx = 1\n"""', "a triple-quoted string"],
    ['s = f"{x}"', "an f-string"],
    ["# x = 1", "a comment"],
    ["y = 2  # x = 1", "a trailing comment"],
    ["x: int", "a bare annotation"],
    ["def f():\n    x = 1", "a function's body"],
    ["class C:\n    x = 1", "a class's body"],
    ["lambda x: x", "a lambda's parameter"],
    ["def f(x=1): pass", "a parameter"],
    ["[x for x in range(3)]", "a comprehension's variable"],
    ["try:\n    pass\nexcept E as x:\n    pass", "an except's name (deleted after the block)"],
    ["print(x)", "a use"],
    ["f(x=1)", "a keyword argument"],
    ["from m import *", "a star import"],
    ["global x", "a global statement"],
  ])("does not count %j (%s)", (source) => {
    expect(definedNames(source).has("x")).toBe(false);
  });

  it("reads what it can of a cell that does not parse", () => {
    expect(names("def broken(:\n    pass\nafter = 1")).toContain("after");
    expect(names("x = (1,\n")).toEqual(["x"]);
  });

  it("gives the same answer for the same source (cached)", () => {
    expect(definedNames("cached = 1")).toBe(definedNames("cached = 1"));
  });
});
