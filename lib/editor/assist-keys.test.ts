import { describe, expect, it } from "vitest";
import { EditorState } from "@codemirror/state";
import { keymap } from "@codemirror/view";
import { ASSIST_KEYS } from "./assist-keys";
import { pythonAssist } from "./python-assist";

describe("the code intelligence keys the shortcuts list", () => {
  const bindings = EditorState.create({ extensions: pythonAssist(() => null) }).facet(keymap).flat();

  it("are each bound by the Python editor, on every platform", () => {
    for (const { keys, macKeys } of ASSIST_KEYS) {
      for (const key of keys) expect(bindings.some((b) => b.key === key), key).toBe(true);
      for (const key of macKeys ?? []) expect(bindings.some((b) => b.key === key || b.mac === key), `${key} (macOS)`).toBe(true);
    }
  });

  it("name Tab, Shift-Tab, Ctrl-Space and Escape", () => {
    const listed = ASSIST_KEYS.flatMap((k) => k.keys);
    for (const key of ["Tab", "Shift-Tab", "Ctrl-Space", "Escape"]) expect(listed).toContain(key);
  });
});
