// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { completionStatus, currentCompletions } from "@codemirror/autocomplete";
import { EditorSelection } from "@codemirror/state";
import { EditorView, runScopeHandlers } from "@codemirror/view";
import { pythonBase } from "./read-only";
import { pythonAssist, type AssistCompletions, type CodeAssist } from "./python-assist";

/** A kernel whose answers the test gives, one request at a time. */
function fakeKernel() {
  const asked: { code: string; cursor: number; answer: (reply: AssistCompletions) => void }[] = [];
  const kernel: CodeAssist = {
    complete: (code, cursor) => new Promise((resolve) => asked.push({ code, cursor, answer: resolve })),
    inspect: () => Promise.resolve({ status: "not-found" }),
  };
  return { kernel, asked };
}

function editor(doc: string, kernel: CodeAssist): EditorView {
  const view = new EditorView({ doc, extensions: [...pythonBase(), ...pythonAssist(() => kernel)], parent: document.body });
  view.dispatch({ selection: EditorSelection.cursor(doc.length) });
  view.focus();
  return view;
}

function press(view: EditorView, key: string, modifiers: KeyboardEventInit = {}): boolean {
  return runScopeHandlers(view, new KeyboardEvent("keydown", { key, ...modifiers }), "editor");
}

function type(view: EditorView, text: string): void {
  const at = view.state.selection.main.head;
  view.dispatch({ changes: { from: at, insert: text }, selection: EditorSelection.cursor(at + text.length), userEvent: "input.type" });
}

/** Lets CodeMirror's timers due within `ms` run, and the promises they settle. */
async function wait(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

const labels = (view: EditorView) => currentCompletions(view.state).map((c) => c.label);

describe("completion in a Python editor", () => {
  let view: EditorView | null = null;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  });
  afterEach(() => {
    view?.destroy();
    view = null;
    vi.useRealTimers();
  });

  it("asks Python as the key is handled, before any timer runs, and only once", async () => {
    const { kernel, asked } = fakeKernel();
    view = editor("ns", kernel);
    type(view, ".");
    // No timer has run yet: the request went out with the keystroke's own transaction.
    expect(asked.map((a) => [a.code, a.cursor])).toEqual([["ns.", 3]]);
    await wait(1);
    // CodeMirror's own ask (from its timer) took that request's reply instead of asking again.
    expect(asked).toHaveLength(1);
    asked[0]!.answer({ from: 3, to: 3, matches: [{ label: "append", kind: "function" }, { label: "add", kind: "function" }] });
    await wait(0);
    expect(labels(view)).toEqual(["add", "append"]);
    // A letter typed while the list is open is filtered by CodeMirror: no new request.
    type(view, "ap");
    await wait(1);
    expect(asked).toHaveLength(1);
    expect(labels(view)).toEqual(["append"]);
  });

  it("Ctrl-Space asks Python at once, not after CodeMirror's 50 ms pause, and lists its answer", async () => {
    const { kernel, asked } = fakeKernel();
    view = editor("my_v", kernel);
    expect(press(view, " ", { ctrlKey: true })).toBe(true);
    await wait(1);
    expect(asked.map((a) => [a.code, a.cursor])).toEqual([["my_v", 4]]);
    asked[0]!.answer({ from: 0, to: 4, matches: [{ label: "my_variable", kind: "variable" }] });
    await wait(0);
    expect(completionStatus(view.state)).toBe("active");
    expect(labels(view)).toEqual(["my_variable"]);
  });

  it("Tab after a name asks at once; typing a name alone does not ask, typing a dot does at once", async () => {
    const { kernel, asked } = fakeKernel();
    view = editor("", kernel);
    type(view, "my_v");
    await wait(200);
    expect(asked).toHaveLength(0); // a bare name opens no list by itself
    expect(press(view, "Tab")).toBe(true);
    await wait(1);
    expect(asked.map((a) => a.code)).toEqual(["my_v"]);
    asked[0]!.answer({ from: 0, to: 4, matches: [] });
    await wait(0);
    expect(completionStatus(view.state)).toBeNull();

    type(view, "\nmath.");
    await wait(1);
    expect(asked.map((a) => a.code)).toEqual(["my_v", "my_v\nmath."]);
    asked[1]!.answer({ from: 10, to: 10, matches: [{ label: "sqrt", kind: "function" }, { label: "pi", kind: "variable" }] });
    await wait(0);
    expect(labels(view)).toEqual(["pi", "sqrt"]);
    // Typing on filters the same list: Python is not asked again.
    type(view, "sq");
    await wait(200);
    expect(labels(view)).toEqual(["sqrt"]);
    expect(asked).toHaveLength(2);
  });

  it("after an ask, typing a name is plain typing again: no request", async () => {
    const { kernel, asked } = fakeKernel();
    view = editor("total", kernel);
    press(view, " ", { ctrlKey: true });
    await wait(1);
    asked[0]!.answer({ from: 0, to: 5, matches: [] });
    await wait(0);
    type(view, "s");
    await wait(200);
    expect(asked).toHaveLength(1);
  });
});
