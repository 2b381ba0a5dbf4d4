import { describe, expect, it } from "vitest";
import { scriptExtension } from "./script-languages";

describe("scriptExtension (jupytext's auto_ext_from_metadata)", () => {
  it("follows the notebook's language_info, then its kernelspec's language, then jupytext's main language", () => {
    expect(scriptExtension({})).toBe(".py");
    expect(scriptExtension({ language_info: { name: "python", file_extension: ".py" } })).toBe(".py");
    expect(scriptExtension({ kernelspec: { name: "ir", display_name: "R", language: "R" } })).toBe(".R");
    expect(scriptExtension({ language_info: { name: "R", file_extension: ".r" } })).toBe(".R");
    expect(scriptExtension({ language_info: { name: "julia", file_extension: ".jl" } })).toBe(".jl");
    expect(scriptExtension({ kernelspec: { name: "julia-1.10", display_name: "Julia 1.10", language: "julia" } })).toBe(".jl");
    expect(scriptExtension({ kernelspec: { name: ".net-csharp", display_name: ".NET (C#)", language: "C#" } })).toBe(".cs");
    expect(scriptExtension({ language_info: { file_extension: ".py" }, kernelspec: { language: "sage" } })).toBe(".sage");
    expect(scriptExtension({ jupytext: { main_language: "bash" } })).toBe(".sh");
  });

  it("gives .py for what it does not know, a key of Object's prototype included", () => {
    expect(scriptExtension({ language_info: { file_extension: ".constructor" }, kernelspec: { language: "cobol" } })).toBe(".py");
    expect(scriptExtension({ language_info: { file_extension: "constructor" } })).toBe(".py");
    expect(scriptExtension({ language_info: "python", kernelspec: ["R"] })).toBe(".py");
  });
});
