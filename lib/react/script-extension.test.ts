import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { setNotebookMetadata } from "../notebook/commands";
import { userOrigin } from "../notebook/origins";
import { scriptExtension } from "../notebook/nbformat/script-languages";
import { sayScriptExtension, scriptExtensionFor } from "./script-extension";
import { notebookSnapshotStore } from "./use-notebook";

describe("the script extension the Download menu shows", () => {
  it("is .py until the notebook's view says otherwise, by notebook id, and again once it has gone", () => {
    expect(scriptExtensionFor("nb-r")).toBe(".py");
    sayScriptExtension("nb-r", ".R");
    sayScriptExtension("nb-julia", ".jl");
    expect(scriptExtensionFor("nb-r")).toBe(".R");
    expect(scriptExtensionFor("nb-julia")).toBe(".jl");
    sayScriptExtension("nb-r", null);
    expect(scriptExtensionFor("nb-r")).toBe(".py");
    expect(scriptExtensionFor("nb-julia")).toBe(".jl");
  });

  it("follows the live document's metadata, as the view reads it (useSayScriptExtension)", () => {
    const doc = new Y.Doc();
    const store = notebookSnapshotStore(doc);
    const seen: string[] = [];
    const stop = store.subscribe(() => seen.push(scriptExtension(store.get().metadata)));
    expect(scriptExtension(store.get().metadata)).toBe(".py");
    setNotebookMetadata(doc, { kernelspec: { name: "ir", display_name: "R", language: "R" } }, userOrigin("me"));
    setNotebookMetadata(doc, { kernelspec: { name: "julia-1.10", display_name: "Julia", language: "julia" } }, userOrigin("me"));
    expect(seen).toEqual([".R", ".jl"]);
    stop();
  });
});
