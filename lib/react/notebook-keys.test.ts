import { describe, expect, it } from "vitest";
import {
  editModeKeys,
  formatKey,
  keyName,
  matchKey,
  NO_SEQUENCE,
  NOTEBOOK_KEYS,
  SEQUENCE_TIMEOUT_MS,
  type KeyEventLike,
} from "./notebook-keys";

const press = (key: string, mods: Partial<KeyEventLike> = {}): KeyEventLike => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});

describe("the binding table", () => {
  it("covers Jupyter's keys in both modes", () => {
    const command = (key: string) => matchKey(key, "command", NO_SEQUENCE, 0).action;
    expect(command("Enter")).toBe("edit");
    expect(command("a")).toBe("insertAbove");
    expect(command("b")).toBe("insertBelow");
    expect(command("m")).toBe("toMarkdown");
    expect(command("y")).toBe("toCode");
    expect(command("z")).toBe("undo");
    expect(command("k")).toBe("selectPrevious");
    expect(command("ArrowDown")).toBe("selectNext");
    expect(command("Shift-Enter")).toBe("runAndAdvance");
    expect(command("Mod-Enter")).toBe("runInPlace");
    expect(command("Alt-Enter")).toBe("runAndInsert");
    const edit = new Map(editModeKeys().map((b) => [b.key, b.action]));
    expect(edit.get("Escape")).toBe("commandMode");
    expect(edit.get("Mod-z")).toBe("undo");
    expect(edit.get("Mod-Shift-z")).toBe("redo");
    expect(edit.get("Mod-y")).toBe("redo");
    expect(edit.get("Shift-Enter")).toBe("runAndAdvance");
  });

  it("binds no key twice in one mode, and writes modifiers in canonical order", () => {
    for (const mode of ["command", "edit"] as const) {
      const keys = NOTEBOOK_KEYS.filter((b) => b.mode === mode).flatMap((b) => b.keys);
      expect(new Set(keys).size).toBe(keys.length);
    }
    const order = ["Alt", "Ctrl", "Mod", "Shift"];
    for (const key of NOTEBOOK_KEYS.flatMap((b) => b.keys)) {
      const mods = key.split(" ")[0]!.split(/-(?!$)/).slice(0, -1);
      expect(mods).toEqual([...mods].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    }
  });
});

describe("keyName", () => {
  it("names keys as the table does", () => {
    expect(keyName(press("a"), false)).toBe("a");
    expect(keyName(press("M", { shiftKey: true }), false)).toBe("Shift-m");
    expect(keyName(press("Enter", { shiftKey: true }), false)).toBe("Shift-Enter");
    expect(keyName(press("Enter", { ctrlKey: true }), false)).toBe("Mod-Enter");
    expect(keyName(press("Enter", { metaKey: true }), true)).toBe("Mod-Enter");
    expect(keyName(press("Enter", { ctrlKey: true }), true)).toBe("Ctrl-Enter");
    expect(keyName(press("ArrowUp", { altKey: true }), false)).toBe("Alt-ArrowUp");
    expect(keyName(press("?", { shiftKey: true }), false)).toBe("?");
    expect(keyName(press("Shift", { shiftKey: true }), false)).toBeNull();
  });
});

describe("matchKey", () => {
  it("runs D D as one action, within the time limit only", () => {
    const first = matchKey("d", "command", NO_SEQUENCE, 1000);
    expect(first).toMatchObject({ action: null, handled: true });
    expect(matchKey("d", "command", first.state, 1500).action).toBe("deleteCell");
    const late = matchKey("d", "command", first.state, 1000 + SEQUENCE_TIMEOUT_MS + 1);
    expect(late.action).toBeNull();
    expect(late.state.pending).toBe("d");
  });

  it("lets other keys through untouched", () => {
    expect(matchKey("q", "command", NO_SEQUENCE, 0)).toMatchObject({ action: null, handled: false });
    const afterD = matchKey("d", "command", NO_SEQUENCE, 0).state;
    expect(matchKey("a", "command", afterD, 10)).toMatchObject({ action: "insertAbove", state: NO_SEQUENCE });
  });
});

describe("formatKey", () => {
  it("shows keys for people", () => {
    expect(formatKey("Mod-Shift-z", false)).toBe("Ctrl+Shift+Z");
    expect(formatKey("Mod-Shift-z", true)).toBe("⌘⇧Z");
    expect(formatKey("d d", false)).toBe("D, D");
    expect(formatKey("Alt-ArrowUp", false)).toBe("Alt+↑");
    expect(formatKey("Mod-Shift--", false)).toBe("Ctrl+Shift+-");
  });
});
