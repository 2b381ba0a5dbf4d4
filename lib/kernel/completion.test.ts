import { describe, expect, it } from "vitest";
import { completeFromNames, completionContext, hiddenFor, inspectTarget, sameWordTypedOn, scan } from "./completion";

/** The context at the "|" in `marked`. */
function at(marked: string) {
  const cursor = marked.indexOf("|");
  return completionContext(marked.replace("|", ""), cursor);
}

function inspectAt(marked: string) {
  const cursor = marked.indexOf("|");
  return inspectTarget(marked.replace("|", ""), cursor);
}

describe("completion context", () => {
  it("names: a word on its own, or nothing typed yet", () => {
    expect(at("x = pri|")).toEqual({ kind: "name", prefix: "pri", from: 4 });
    expect(at("print(|")).toEqual({ kind: "name", prefix: "", from: 6 });
    expect(at("for i in ra|nge(3)")).toEqual({ kind: "name", prefix: "ra", from: 9 });
    expect(at("données = 1\ndonn|")).toEqual({ kind: "name", prefix: "donn", from: 12 });
  });

  it("attributes of a dotted name, with or without a typed part", () => {
    expect(at("math.sq|")).toEqual({ kind: "attribute", object: "math", prefix: "sq", from: 5 });
    expect(at("y = os.path.|")).toEqual({ kind: "attribute", object: "os.path", prefix: "", from: 12 });
    expect(at("if p.no|")).toEqual({ kind: "attribute", object: "p", prefix: "no", from: 5 });
  });

  it("nothing that would need code to run, or after a number", () => {
    expect(at("f().x|")).toBeNull();
    expect(at("a[0].|")).toBeNull();
    expect(at("1.|")).toBeNull();
    expect(at("x = 12|")).toBeNull();
  });

  it("nothing inside a string or a comment; again after it", () => {
    expect(at('s = "math.sq|')).toBeNull();
    expect(at("s = '''\nmath.sq|")).toBeNull();
    expect(at("x = 1  # math.sq|")).toBeNull();
    expect(at('s = "a"; math.sq|')).toEqual({ kind: "attribute", object: "math", prefix: "sq", from: 14 });
    expect(at("# note\nma|")).toEqual({ kind: "name", prefix: "ma", from: 7 });
    expect(at('s = "it\\"s"; ma|')).toEqual({ kind: "name", prefix: "ma", from: 13 });
  });

  it("modules after import and from, and a module's names after from ... import", () => {
    expect(at("import ma|")).toEqual({ kind: "module", parent: null, prefix: "ma", from: 7 });
    expect(at("import os, js|")).toEqual({ kind: "module", parent: null, prefix: "js", from: 11 });
    expect(at("import xml.d|")).toEqual({ kind: "module", parent: "xml", prefix: "d", from: 11 });
    expect(at("from collections.ab|")).toEqual({ kind: "module", parent: "collections", prefix: "ab", from: 17 });
    expect(at("from os import pa|")).toEqual({ kind: "import-name", module: "os", prefix: "pa", from: 15 });
    expect(at("from os import (sep, pa|")).toEqual({ kind: "import-name", module: "os", prefix: "pa", from: 21 });
    expect(at("import numpy as n|")).toBeNull();
    expect(at("from . import x|")).toBeNull();
  });

  it("rejects a cursor outside the code with the values", () => {
    expect(() => completionContext("ab", 3)).toThrow("Cursor 3 outside the code (length 2)");
  });
});

describe("inspect target", () => {
  it("prefers the callable whose parentheses hold the cursor, as IPython does", () => {
    expect(inspectAt("print(|")).toBe("print");
    expect(inspectAt("print(x, |")).toBe("print");
    expect(inspectAt("math.sqrt(len(a|), 2)")).toBe("len");
    expect(inspectAt("math.sqrt(len(a), |2)")).toBe("math.sqrt");
    expect(inspectAt("f(')', |")).toBe("f");
  });

  it("else the dotted name at the cursor", () => {
    expect(inspectAt("pri|nt")).toBe("print");
    expect(inspectAt("math.sq|rt")).toBe("math.sqrt");
    expect(inspectAt("x = [os.pa|")).toBe("os.pa");
    expect(inspectAt("math.|")).toBe("math");
  });

  it("nothing in a string, at a blank, or for a number", () => {
    expect(inspectAt('"print(|')).toBeNull();
    expect(inspectAt("x = |")).toBeNull();
    expect(inspectAt("12|")).toBeNull();
  });
});

describe("scanning and the name cache", () => {
  it("tracks open brackets across lines and skips closed strings", () => {
    expect(scan("f(a, [1, 2], {'(': 3},\n  ", 25)).toEqual({ quoted: false, open: [1] });
  });

  it("hides private names unless an underscore is typed", () => {
    expect(hiddenFor("", "_secret")).toBe(true);
    expect(hiddenFor("_s", "_secret")).toBe(false);
    expect(hiddenFor("", "public")).toBe(false);
  });

  it("answers plain names from the cache and leaves the rest to Python", () => {
    const names = [
      { label: "print", kind: "function" },
      { label: "_hidden", kind: "variable" },
    ] as const;
    expect(completeFromNames(completionContext("pr", 2), names)).toEqual([{ label: "print", kind: "function" }]);
    expect(completeFromNames(completionContext("math.s", 6), names)).toBeNull();
    expect(completeFromNames(null, names)).toBeNull();
  });
});

describe("a word typed on", () => {
  /** The asked word at the "|" in `marked`. */
  const word = (marked: string) => ({ code: marked.replace("|", ""), context: at(marked)! });

  it("is answered by the list for its start: the same code before it, a typed part that grew", () => {
    expect(sameWordTypedOn(word("x = math.|"), word("x = math.sq|"))).toBe(true);
    expect(sameWordTypedOn(word("x = math.s|"), word("x = math.s|"))).toBe(true);
    expect(sameWordTypedOn(word("name_|"), word("name_zz|"))).toBe(true);
    expect(sameWordTypedOn(word("import j|"), word("import jso|n"))).toBe(true);
    expect(sameWordTypedOn(word("_pri|"), word("_priv|"))).toBe(true);
  });

  it("not a shorter word, another word, or the same word after other code changed before it", () => {
    expect(sameWordTypedOn(word("math.sq|"), word("math.s|"))).toBe(false);
    expect(sameWordTypedOn(word("math.|"), word("os.|"))).toBe(false);
    expect(sameWordTypedOn(word("x = na|"), word("y = na|"))).toBe(false);
    expect(sameWordTypedOn(word("na|"), word("x = na|"))).toBe(false);
    expect(sameWordTypedOn(word("math.sq|"), word("math.sq(|"))).toBe(false);
  });

  it("not a private name from a list that left them out", () => {
    expect(sameWordTypedOn(word("math.|"), word("math._|"))).toBe(false);
    expect(sameWordTypedOn(word("|"), word("__na|"))).toBe(false);
  });
});
