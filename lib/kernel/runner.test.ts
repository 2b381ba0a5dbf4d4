import * as Y from "yjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { insertCell, setSource, snapshotNotebook, startRun, finishRun, sourceHash, userOrigin, KERNEL, type CellId } from "../notebook";
import { createStore } from "../util/store";
import type { KernelClient, KernelStatus, RunOutcome } from "./client";
import type { InputRequestMessage, RunEvent } from "./protocol";
import { createRunner, MAX_OUTPUT_CHARS } from "./runner";
import { documentFileBytes } from "../notebook/nbformat/file-size";
import { binarySize } from "../util/bytes";

const me = userOrigin("me");
type Script = (emit: (e: RunEvent | InputRequestMessage) => void, code: string) => Promise<RunOutcome> | RunOutcome;

/** A kernel that plays a script per run and records what it was asked to run. */
function scriptedKernel(script: Script) {
  const status = createStore<KernelStatus>({
    phase: "idle",
    info: { python: "3.14.0", pyodide: "314.0.7", interruptible: true, start: "fresh" },
    notice: null,
  });
  const ran: string[] = [];
  const answers: (string | null)[] = [];
  const kernel: KernelClient = {
    status,
    async run(code, _filename, onEvent) {
      ran.push(code);
      return script((e) => onEvent(e), code);
    },
    interrupt: vi.fn(),
    restart: vi.fn(() => {
      status.set({ phase: "starting", stage: "worker", notice: null });
      status.set({ phase: "idle", info: { python: "3.14.0", pyodide: "314.0.7", interruptible: true, start: "fresh" }, notice: null });
    }),
    answerInput: (text) => void answers.push(text),
    dispose: vi.fn(),
  };
  return { kernel, ran, answers };
}

function notebook(...sources: string[]) {
  const doc = new Y.Doc();
  const ids = sources.map((source) => insertCell(doc, { type: "code", source }, me));
  return { doc, ids };
}

const cell = (doc: Y.Doc, id: CellId) => snapshotNotebook(doc).cells.find((c) => c.id === id)!;
const settled = () => new Promise((r) => setTimeout(r, 80));
const user = () => ({ name: "Ada", color: "#aa00aa" });
const stream = (runId: string, text: string, name: "stdout" | "stderr" = "stdout"): RunEvent => ({ type: "stream", runId, name, text });

afterEach(() => vi.useRealTimers());

/** Grace's run of `source`, the i-th in time. */
const graces = (runId: string, source: string, i: number) => ({
  runId,
  by: { name: "Grace", color: "#00aa00" },
  startedAt: `2026-12-01T10:00:0${i}.000Z`,
  finishedAt: null,
  status: "running" as const,
  executionCount: null,
  python: "3.14.0",
  sourceHash: sourceHash(source),
  source,
});

describe("the runner", () => {
  it("streams outputs into the document and records provenance", async () => {
    const { doc, ids } = notebook("print('hi')");
    const { kernel, ran } = scriptedKernel((emit) => {
      emit(stream("k", "h"));
      emit(stream("k", "i\n"));
      emit({ type: "result", runId: "k", data: { "text/plain": "42" }, metadata: {} });
      return "ok" as const;
    });
    const runner = createRunner({ doc, kernel, user, now: () => new Date("2026-12-01T10:00:00Z") });
    runner.run([ids[0]!]);
    await settled();
    expect(ran).toEqual(["print('hi')"]);
    const done = cell(doc, ids[0]!);
    expect(done.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "hi\n" },
      { output_type: "execute_result", execution_count: 1, data: { "text/plain": "42" }, metadata: {} },
    ]);
    expect(done.executionCount).toBe(1);
    expect(done.execution).toMatchObject({
      by: { name: "Ada", color: "#aa00aa" },
      status: "ok",
      python: "3.14.0 (Pyodide 314.0.7)",
      sourceHash: sourceHash(done.source),
      startedAt: "2026-12-01T10:00:00.000Z",
    });
    expect(runner.state.get().cells.get(ids[0]!)?.state).toBe("ok");
    expect(runner.state.get().ranHere.get(ids[0]!)).toBe(sourceHash(done.source));
  });

  it("reads a queued cell's source when its turn comes, not when it was queued", async () => {
    const { doc, ids } = notebook("first", "second");
    let release!: () => void;
    const { kernel, ran } = scriptedKernel(async (_emit, code) => {
      if (code === "first") await new Promise<void>((r) => (release = r));
      return "ok" as const;
    });
    createRunner({ doc, kernel, user }).run(ids);
    setSource(doc, ids[1]!, "second, edited while queued", me);
    release();
    await settled();
    expect(ran).toEqual(["first", "second, edited while queued"]);
  });

  it("runs queued cells in order with rising counts, and stops the queue at an error", async () => {
    const { doc, ids } = notebook("a", "b", "c");
    const { kernel, ran } = scriptedKernel((emit, code) => {
      if (code !== "b") return "ok" as const;
      emit({ type: "error", runId: "k", ename: "NameError", evalue: "b", traceback: ["NameError: b"] });
      return "error" as const;
    });
    const runner = createRunner({ doc, kernel, user });
    runner.run(ids);
    expect(runner.state.get().cells.get(ids[2]!)?.state).toBe("queued");
    await settled();
    expect(ran).toEqual(["a", "b"]);
    expect(cell(doc, ids[0]!).executionCount).toBe(1);
    expect(cell(doc, ids[1]!).execution?.status).toBe("error");
    expect(cell(doc, ids[1]!).outputs[0]).toMatchObject({ output_type: "error", ename: "NameError" });
    expect(runner.state.get().cells.has(ids[2]!)).toBe(false);
  });

  it("knows which cells' outputs are its own runs' (kept across a restart), and not a replay's or someone else's", async () => {
    const { doc, ids } = notebook("x = 1", "y = 2");
    const { kernel } = scriptedKernel(() => "ok");
    startRun(doc, ids[1]!, graces("g1", "y = 2", 1), KERNEL);
    finishRun(doc, ids[1]!, "g1", { status: "ok", executionCount: 1, finishedAt: "2026-12-01T10:00:01.000Z" }, KERNEL);
    const runner = createRunner({ doc, kernel, user });
    runner.run([ids[0]!]);
    runner.catchUp();
    await settled();
    expect([...runner.state.get().wrote]).toEqual([[ids[0]!, cell(doc, ids[0]!).execution!.runId]]);
    runner.restart();
    expect(runner.state.get().wrote.get(ids[0]!)).toBe(cell(doc, ids[0]!).execution!.runId);
  });

  it("does not overwrite a run that someone else started since", async () => {
    const { doc, ids } = notebook("slow()");
    let release!: () => void;
    const { kernel } = scriptedKernel(async (emit) => {
      await new Promise<void>((r) => (release = r));
      emit(stream("k", "mine\n"));
      return "ok" as const;
    });
    const runner = createRunner({ doc, kernel, user });
    runner.run([ids[0]!]);
    await settled();
    const theirs = {
      runId: "theirs",
      by: { name: "Grace", color: "#00aa00" },
      startedAt: "2026-12-01T10:00:00.000Z",
      finishedAt: null,
      status: "running" as const,
      executionCount: null,
      python: "3.14.0",
      sourceHash: sourceHash("slow()"),
      source: "slow()",
    };
    startRun(doc, ids[0]!, theirs, KERNEL);
    release();
    await settled();
    expect(cell(doc, ids[0]!).outputs).toEqual([]);
    expect(cell(doc, ids[0]!).execution?.by.name).toBe("Grace");
    finishRun(doc, ids[0]!, "theirs", { status: "ok", executionCount: 4, finishedAt: "2026-12-01T10:00:01.000Z" }, KERNEL);
    expect(cell(doc, ids[0]!).executionCount).toBe(4);
  });

  it("batches a burst of stream pieces into a few appends", async () => {
    const { doc, ids } = notebook("loop");
    const { kernel } = scriptedKernel((emit) => {
      for (let i = 0; i < 1000; i++) emit(stream("k", `${i}\n`));
      return "ok" as const;
    });
    let updates = 0;
    doc.on("update", () => updates++);
    createRunner({ doc, kernel, user }).run([ids[0]!]);
    await settled();
    expect(updates).toBeLessThan(10);
    const outputs = cell(doc, ids[0]!).outputs;
    expect(outputs).toHaveLength(1);
    expect(String(outputs[0]!.text).split("\n")).toHaveLength(1001);
  });

  it("caps a run's output with a notice", async () => {
    const { doc, ids } = notebook("flood");
    const line = "x".repeat(1000) + "\n";
    const { kernel } = scriptedKernel((emit) => {
      for (let i = 0; i < (MAX_OUTPUT_CHARS / 1000) * 2; i++) emit(stream("k", line));
      return "ok" as const;
    });
    createRunner({ doc, kernel, user }).run([ids[0]!]);
    await settled();
    const text = cell(doc, ids[0]!).outputs.map((o) => String(o.text)).join("");
    expect(text.length).toBeLessThan(MAX_OUTPUT_CHARS + 2000);
    expect(text).toContain("[Output truncated");
  });

  it("keeps no output that would take the notebook past its size limit: a note says so, and the state", async () => {
    const { doc, ids } = notebook("print('a lot')", "x = 1");
    const limit = documentFileBytes(doc) + 4000;
    const chunk = "y".repeat(499) + "\n";
    const { kernel } = scriptedKernel((emit, code) => {
      if (code === "x = 1") return "ok" as const;
      for (let i = 0; i < 20; i++) emit(stream("k", chunk));
      emit({ type: "display", runId: "k", data: { "text/plain": "after the limit" }, metadata: {} });
      return "ok" as const;
    });
    const runner = createRunner({ doc, kernel, user, maxNotebookBytes: limit });
    runner.run([ids[0]!]);
    await settled();
    const outputs = cell(doc, ids[0]!).outputs;
    const text = outputs.map((o) => String(o.text ?? "")).join("");
    // Some of it was kept, the rest not, and nothing after the refusal.
    expect(text).toContain(chunk);
    expect(text.split(chunk).length - 1).toBeLessThan(20);
    expect(text).toContain(`[Output not kept: this notebook would be over its ${binarySize(limit)} limit. Clear some outputs.]`);
    expect(JSON.stringify(outputs)).not.toContain("after the limit");
    expect(documentFileBytes(doc)).toBeLessThanOrEqual(limit);
    const full = runner.state.get().full;
    expect(full?.limit).toBe(limit);
    expect(full!.bytes).toBeGreaterThan(limit - 1000);
    expect(cell(doc, ids[0]!).execution?.status).toBe("ok");
  });

  it("never lets runs take the notebook past its limit, and keeps what fits once there is room again", async () => {
    const { doc, ids } = notebook("a", "b", "c");
    const limit = documentFileBytes(doc) + 6000;
    let size = 0;
    const { kernel } = scriptedKernel((emit) => {
      // Many small chunks: their bound overcounts (they merge into one output), so the runner measures again.
      for (let i = 0; i < size; i++) emit(stream("k", "z"));
      emit({ type: "display", runId: "k", data: { "image/png": "iVBOR".repeat(size / 10) }, metadata: {} });
      return "ok" as const;
    });
    const runner = createRunner({ doc, kernel, user, maxNotebookBytes: limit });
    for (const [n, id] of [[1000, ids[0]!], [1500, ids[1]!], [3000, ids[2]!], [100, ids[2]!]] as const) {
      size = n;
      runner.run([id]);
      await settled();
      expect(documentFileBytes(doc)).toBeLessThanOrEqual(limit);
      if (n === 3000) {
        expect(JSON.stringify(cell(doc, id).outputs)).toContain("Output not kept");
        expect(runner.state.get().full?.limit).toBe(limit);
      }
    }
    // A thousand one-letter chunks, bounded at over 10 bytes each, were all kept: the bound was corrected.
    expect(String(cell(doc, ids[0]!).outputs[0]!.text)).toBe("z".repeat(1000));
    // The third run did not fit; running that cell again with less output cleared its old outputs, made room, and fit.
    expect(JSON.stringify(cell(doc, ids[2]!).outputs)).not.toContain("Output not kept");
    expect(runner.state.get().full).toBeNull();
  });

  it("asks for input and passes the answer to the kernel", async () => {
    const { doc, ids } = notebook("input('name? ')");
    let answered!: () => void;
    const { kernel, answers } = scriptedKernel(async (emit) => {
      emit({ type: "input", runId: "k", prompt: "name? ", password: false });
      await new Promise<void>((r) => (answered = r));
      return "ok" as const;
    });
    const runner = createRunner({ doc, kernel, user });
    runner.run([ids[0]!]);
    await settled();
    expect(runner.state.get().input).toEqual({ cellId: ids[0], prompt: "name? ", password: false });
    runner.answerInput("Ada");
    answered();
    await settled();
    expect(answers).toEqual(["Ada"]);
    expect(runner.state.get().input).toBeNull();
  });

  it("keeps the input() prompt and the answer in the output, as Jupyter does, and says while it waits", async () => {
    const { doc, ids } = notebook("name = input('Your name? ')\nprint('Hello,', name)");
    let answered!: () => void;
    const { kernel } = scriptedKernel(async (emit) => {
      emit(stream("k", "Let's meet.\n"));
      emit({ type: "input", runId: "k", prompt: "Your name? ", password: false });
      await new Promise<void>((r) => (answered = r));
      emit(stream("k", "Hello, Ada\n"));
      return "ok" as const;
    });
    const waiting: boolean[] = [];
    const runner = createRunner({ doc, kernel, user, onInput: (w) => waiting.push(w) });
    runner.run([ids[0]!]);
    await settled();
    // The question is in the shared output at once, for everyone.
    expect(cell(doc, ids[0]!).outputs.map((o) => o.text).join("")).toBe("Let's meet.\nYour name? ");
    expect(waiting).toEqual([true]);
    runner.answerInput("Ada");
    answered();
    await settled();
    expect(waiting).toEqual([true, false]);
    expect(cell(doc, ids[0]!).outputs).toEqual([{ output_type: "stream", name: "stdout", text: "Let's meet.\nYour name? Ada\nHello, Ada\n" }]);
  });

  it("hides a getpass() answer, and ends the prompt's line when the run is stopped while it waits", async () => {
    const { doc, ids } = notebook("getpass()", "input('Age? ')");
    let release!: () => void;
    const { kernel } = scriptedKernel(async (emit, code) => {
      if (code === "getpass()") {
        emit({ type: "input", runId: "k", prompt: "Password: ", password: true });
        await new Promise<void>((r) => (release = r));
        return "ok" as const;
      }
      emit({ type: "input", runId: "k", prompt: "Age? ", password: false });
      await new Promise<void>((r) => (release = r));
      emit({ type: "error", runId: "k", ename: "KeyboardInterrupt", evalue: "", traceback: ["KeyboardInterrupt"] });
      return "interrupted" as const;
    });
    const runner = createRunner({ doc, kernel, user });
    runner.run([ids[0]!]);
    await settled();
    runner.answerInput("s3cret");
    release();
    await settled();
    expect(cell(doc, ids[0]!).outputs).toEqual([{ output_type: "stream", name: "stdout", text: "Password: ········\n" }]);
    expect(JSON.stringify(snapshotNotebook(doc))).not.toContain("s3cret");

    runner.run([ids[1]!]);
    await settled();
    release(); // Stop: the kernel reports the interrupt without an answer
    await settled();
    expect(cell(doc, ids[1]!).outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "Age? \n" },
      { output_type: "error", ename: "KeyboardInterrupt", evalue: "", traceback: ["KeyboardInterrupt"] },
    ]);
  });

  it("catches up by replaying, in run order, the room's runs this kernel has not made, writing nothing", async () => {
    const { doc, ids } = notebook("x = 1", "y = x + 1", "print(y)");
    const { kernel, ran } = scriptedKernel(() => "ok");
    const record = (runId: string, source: string, at: string) => ({
      runId,
      by: { name: "Grace", color: "#00aa00" },
      startedAt: at,
      finishedAt: null,
      status: "running" as const,
      executionCount: null,
      python: "3.14.0",
      sourceHash: sourceHash(source),
      source,
    });
    // Grace ran the second cell first, then the first: the replay follows her order.
    startRun(doc, ids[1]!, record("g1", "y = x + 1", "2026-12-01T10:00:00.000Z"), KERNEL);
    finishRun(doc, ids[1]!, "g1", { status: "ok", executionCount: 1, finishedAt: "2026-12-01T10:00:00.000Z" }, KERNEL);
    startRun(doc, ids[0]!, record("g2", "x = 1", "2026-12-01T10:00:05.000Z"), KERNEL);
    finishRun(doc, ids[0]!, "g2", { status: "ok", executionCount: 2, finishedAt: "2026-12-01T10:00:05.000Z" }, KERNEL);
    const before = Y.encodeStateVector(doc);
    const runner = createRunner({ doc, kernel, user });
    expect(runner.catchUp()).toBe(2);
    await settled();
    expect(ran).toEqual(["y = x + 1", "x = 1"]);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(runner.catchUp()).toBe(0);
  });

  it("catches up on the source that produced the outputs, not the edits made since", async () => {
    const { doc, ids } = notebook("x = 1", "print(x)");
    const { kernel, ran } = scriptedKernel(() => "ok");
    const record = (runId: string, source: string, kept: boolean) => ({
      runId,
      by: { name: "Grace", color: "#00aa00" },
      startedAt: `2026-12-01T10:00:0${runId.slice(1)}.000Z`,
      finishedAt: null,
      status: "running" as const,
      executionCount: null,
      python: "3.14.0",
      sourceHash: sourceHash(source),
      source: kept ? source : null,
    });
    startRun(doc, ids[0]!, record("g1", "x = 1", true), KERNEL);
    finishRun(doc, ids[0]!, "g1", { status: "ok", executionCount: 1, finishedAt: "2026-12-01T10:00:01.000Z" }, KERNEL);
    // A record from before sources were kept: only the current source can replay.
    startRun(doc, ids[1]!, record("g2", "print(x)", false), KERNEL);
    finishRun(doc, ids[1]!, "g2", { status: "ok", executionCount: 2, finishedAt: "2026-12-01T10:00:02.000Z" }, KERNEL);
    // Then the first cell is edited: its output is stale, and still came from "x = 1".
    setSource(doc, ids[0]!, "x = 100", userOrigin("grace"));

    const runner = createRunner({ doc, kernel, user });
    expect(runner.catchUp()).toBe(2);
    await settled();
    expect(ran).toEqual(["x = 1", "print(x)"]);
    // My kernel has the room's state; the edited cell is an older version for me, as for the room.
    expect(runner.state.get().ranHere.get(ids[0]!)).toBe(sourceHash("x = 1"));
    expect(runner.catchUp()).toBe(0);
  });

  it("records input() answers with the run (a getpass answer only as private)", async () => {
    const { doc, ids } = notebook("name = input('Name? ')\npw = getpass()");
    const { kernel } = scriptedKernel(async (emit) => {
      emit({ type: "input", runId: "k", prompt: "Name? ", password: false });
      await settled();
      emit({ type: "input", runId: "k", prompt: "Password: ", password: true });
      await settled();
      return "ok" as const;
    });
    const runner = createRunner({ doc, kernel, user });
    runner.run([ids[0]!]);
    await new Promise((r) => setTimeout(r, 20));
    runner.answerInput("Ada");
    await new Promise((r) => setTimeout(r, 80));
    runner.answerInput("s3cret");
    await settled();
    expect(cell(doc, ids[0]!).execution?.inputs).toEqual([
      { answer: "Ada", private: false },
      { answer: null, private: true },
    ]);
    expect(JSON.stringify(cell(doc, ids[0]!).execution)).not.toContain("s3cret");
  });

  it("keeps an input() answer private when its author asks: Python gets it, the room sees a placeholder, a catch up asks", async () => {
    const { doc, ids } = notebook("name = input('Name? ')\nprint(len(name))", "city = input('City? ')");
    /** A kernel whose input() waits for the answer, then (for the name) prints what Python got. */
    const asking = () => {
      let release = () => {};
      const k = scriptedKernel(async (emit, code) => {
        const name = code.startsWith("name");
        const before = k.answers.length;
        const answered = new Promise<void>((r) => (release = r));
        emit({ type: "input", runId: "k", prompt: name ? "Name? " : "City? ", password: false });
        if (k.answers.length === before) await answered;
        if (name) emit(stream("k", `${k.answers[k.answers.length - 1]!.length}\n`));
        return "ok" as const;
      });
      const kernel: KernelClient = {
        ...k.kernel,
        answerInput: (text) => {
          k.kernel.answerInput(text);
          release();
        },
      };
      return { kernel, answers: k.answers };
    };
    const asked = (runner: ReturnType<typeof createRunner>, prompt: string) =>
      vi.waitFor(() => expect(runner.state.get().input?.prompt).toBe(prompt));

    const mine = asking();
    const runner = createRunner({ doc, kernel: mine.kernel, user });
    runner.run([ids[0]!, ids[1]!]);
    await asked(runner, "Name? ");
    runner.answerInput("Ada Lovelace", { keepPrivate: true });
    await asked(runner, "City? ");
    runner.answerInput("London");
    await vi.waitFor(() => expect(cell(doc, ids[1]!).execution?.status).toBe("ok"));
    // Python got the real answers; the shared output and the record keep only the one not kept private.
    expect(mine.answers).toEqual(["Ada Lovelace", "London"]);
    expect(cell(doc, ids[0]!).outputs).toEqual([{ output_type: "stream", name: "stdout", text: "Name? •••• (private)\n12\n" }]);
    expect(cell(doc, ids[0]!).execution?.inputs).toEqual([{ answer: null, private: true }]);
    expect(cell(doc, ids[1]!).outputs).toEqual([{ output_type: "stream", name: "stdout", text: "City? London\n" }]);
    expect(cell(doc, ids[1]!).execution?.inputs).toEqual([{ answer: "London", private: false }]);
    expect(new TextDecoder().decode(Y.encodeStateAsUpdate(doc))).not.toContain("Ada Lovelace");

    // Someone else's catch up asks them for the private answer, and gives the other as recorded.
    const theirs = asking();
    const other = createRunner({ doc, kernel: theirs.kernel, user: () => ({ name: "Grace", color: "#00aa00" }) });
    expect(other.catchUp()).toBe(2);
    await asked(other, "Name? ");
    other.answerInput("Grace Hopper");
    await vi.waitFor(() => expect(other.state.get().catchUp?.finished).toBe(true));
    expect(theirs.answers).toEqual(["Grace Hopper", "London"]);
    expect(other.state.get().catchUp).toMatchObject({ ran: 2, answered: 1, stopped: null });
  });

  it("catches up past errors the author got too, skips interrupted runs, gives input() the recorded answers, and reports", async () => {
    const sources = ["math.sqrt(-1)", "while True: pass", "name = input()", "x = 1", "y = 2"];
    const { doc, ids } = notebook(...sources);
    const statuses = ["error", "interrupted", "ok", "ok", "ok"] as const;
    sources.forEach((source, i) => {
      const runId = `g${i}`;
      startRun(doc, ids[i]!, { ...graces(runId, source, i), inputs: null }, KERNEL);
      finishRun(doc, ids[i]!, runId, { status: statuses[i]!, executionCount: i + 1, finishedAt: "2026-12-01T10:01:00.000Z", inputs: i === 2 ? [{ answer: "Ada", private: false }] : [] }, KERNEL);
    });
    const { kernel, ran, answers } = scriptedKernel((emit, code) => {
      if (code === "math.sqrt(-1)") {
        emit({ type: "error", runId: "k", ename: "ValueError", evalue: "math domain error", traceback: [] });
        return "error" as const;
      }
      if (code === "name = input()") emit({ type: "input", runId: "k", prompt: "", password: false });
      return "ok" as const;
    });
    const runner = createRunner({ doc, kernel, user });
    const reports: string[] = [];
    runner.state.subscribe(() => {
      const r = runner.state.get().catchUp;
      if (r && !r.finished && r.current !== null) reports.push(`${r.done + 1} of ${r.total}`);
    });
    expect(runner.catchUp()).toBe(4);
    await settled();
    expect(ran).toEqual(["math.sqrt(-1)", "name = input()", "x = 1", "y = 2"]);
    expect(answers).toEqual(["Ada"]);
    expect(runner.state.get().input).toBeNull();
    expect(new Set(reports)).toEqual(new Set(["1 of 4", "2 of 4", "3 of 4", "4 of 4"]));
    expect(runner.state.get().catchUp).toMatchObject({
      total: 4,
      done: 4,
      ran: 4,
      expectedErrors: 1,
      answered: 1,
      stopped: null,
      finished: true,
      skipped: [{ id: ids[1], cell: 2, reason: "interrupted", by: "Grace" }],
    });
    // Asked explicitly, the interrupted run replays too.
    runner.dismissCatchUp();
    expect(runner.state.get().catchUp).toBeNull();
    expect(runner.catchUp({ includeInterrupted: true })).toBe(1);
  });

  it("stops a catch up, saying where and why, at an error its author did not get", async () => {
    const { doc, ids } = notebook("a", "b", "c");
    ["a", "b", "c"].forEach((source, i) => {
      startRun(doc, ids[i]!, graces(`g${i}`, source, i), KERNEL);
      finishRun(doc, ids[i]!, `g${i}`, { status: "ok", executionCount: i + 1, finishedAt: "2026-12-01T10:01:00.000Z" }, KERNEL);
    });
    const { kernel, ran } = scriptedKernel((emit, code) => {
      if (code !== "b") return "ok" as const;
      emit({ type: "error", runId: "k", ename: "NameError", evalue: "name 'q' is not defined", traceback: [] });
      return "error" as const;
    });
    const runner = createRunner({ doc, kernel, user });
    runner.catchUp();
    await settled();
    expect(ran).toEqual(["a", "b"]);
    expect(runner.state.get().catchUp).toMatchObject({
      ran: 1,
      finished: true,
      stopped: { cell: 2, reason: "NameError: name 'q' is not defined, an error Grace's run did not get" },
    });
  });

  it("asks the person when the author's answer was private", async () => {
    const { doc, ids } = notebook("pw = getpass()");
    startRun(doc, ids[0]!, graces("g0", "pw = getpass()", 0), KERNEL);
    finishRun(doc, ids[0]!, "g0", { status: "ok", executionCount: 1, finishedAt: "2026-12-01T10:01:00.000Z", inputs: [{ answer: null, private: true }] }, KERNEL);
    let answered!: () => void;
    const { kernel, answers } = scriptedKernel(async (emit) => {
      emit({ type: "input", runId: "k", prompt: "Password: ", password: true });
      await new Promise<void>((r) => (answered = r));
      return "ok" as const;
    });
    const runner = createRunner({ doc, kernel, user });
    runner.catchUp();
    await settled();
    expect(runner.state.get().input).toEqual({ cellId: ids[0], prompt: "Password: ", password: true });
    runner.answerInput("mine");
    answered();
    await settled();
    expect(answers).toEqual(["mine"]);
    expect(runner.state.get().catchUp).toMatchObject({ ran: 1, answered: 0, finished: true });
  });


  it("forgets what this kernel ran when it restarts", async () => {
    const { doc, ids } = notebook("x = 1");
    const { kernel } = scriptedKernel(() => "ok");
    const runner = createRunner({ doc, kernel, user });
    runner.run([ids[0]!]);
    await settled();
    expect(runner.state.get().ranHere.size).toBe(1);
    runner.restart();
    expect(runner.state.get().ranHere.size).toBe(0);
    expect(runner.state.get().nextCount).toBe(1);
  });

  /** A kernel whose runs wait until `finish`, and whose restart cuts the run in progress off. */
  function restartableKernel() {
    const scripted = scriptedKernel(async (emit, code) => {
      emit(stream("k", `ran ${code}\n`));
      // Slow in the first kernel only: the one the restart replaces.
      if (code.startsWith("slow") && !restarted) await new Promise<void>((r) => (cutOff = () => r()));
      return pendingOutcome;
    });
    let cutOff: (() => void) | null = null;
    let pendingOutcome: RunOutcome = "ok";
    let restarted = false;
    const restart = scripted.kernel.restart;
    scripted.kernel.restart = vi.fn(() => {
      pendingOutcome = "restarted";
      restarted = true;
      cutOff?.();
      cutOff = null;
      restart();
      // A new kernel: its runs end normally.
      queueMicrotask(() => (pendingOutcome = "ok"));
    });
    return scripted;
  }

  it("restarts and runs every cell in the fresh kernel, even when the restart cut a run off", async () => {
    const { doc, ids } = notebook("slow = 1", "b = 2", "c = 3");
    const { kernel, ran } = restartableKernel();
    const runner = createRunner({ doc, kernel, user });
    runner.run([ids[0]!, ids[1]!]);
    await settled();
    expect(ran).toEqual(["slow = 1"]);
    runner.restart("runAll");
    await settled();
    expect(ran.slice(1)).toEqual(["slow = 1", "b = 2", "c = 3"]);
    expect(ids.map((id) => cell(doc, id).executionCount)).toEqual([1, 2, 3]);
  });

  it("restarts and clears my outputs, leaving a partner's; or everyone's when asked", async () => {
    const { doc, ids } = notebook("a = 1", "g = 2", "slow = 3");
    const { kernel } = restartableKernel();
    const grace = createRunner({ doc, kernel: scriptedKernel(() => "ok").kernel, user: () => ({ name: "Grace", color: "#00aa00" }) });
    grace.run([ids[1]!]);
    const runner = createRunner({ doc, kernel, user });
    runner.run([ids[0]!, ids[2]!]);
    await settled();
    runner.restart("clearMine");
    await settled();
    // Mine are gone, the one cut off by the restart too (its end is not written back); Grace's stay.
    expect(cell(doc, ids[0]!)).toMatchObject({ outputs: [], executionCount: null, execution: undefined });
    expect(cell(doc, ids[2]!)).toMatchObject({ outputs: [], executionCount: null, execution: undefined });
    expect(cell(doc, ids[1]!)).toMatchObject({ executionCount: 1, execution: { by: { name: "Grace" }, status: "ok" } });
    runner.restart("clearAll");
    expect(snapshotNotebook(doc).cells.every((c) => c.outputs.length === 0)).toBe(true);
  });
});

describe("run all on a lesson", () => {
  it("goes on past a cell the lesson expects to fail, and stops at an unexpected error", async () => {
    const doc = new Y.Doc();
    const expectError = { tandem: { expect: { outcome: "error", ename: "RuntimeError", match: "thread", reason: "no threads" } } };
    const ids = [
      insertCell(doc, { type: "code", source: "a" }, me),
      insertCell(doc, { type: "code", source: "threads", metadata: expectError }, me),
      insertCell(doc, { type: "code", source: "b" }, me),
      insertCell(doc, { type: "code", source: "broken" }, me),
      insertCell(doc, { type: "code", source: "c" }, me),
    ];
    const { kernel, ran } = scriptedKernel((emit, code) => {
      if (code !== "threads" && code !== "broken") return "ok" as const;
      emit({ type: "error", runId: "k", ename: "RuntimeError", evalue: "can't start new thread", traceback: [] });
      return "error" as const;
    });
    createRunner({ doc, kernel, user }).run(ids);
    await settled();
    expect(ran).toEqual(["a", "threads", "b", "broken"]);
  });
});

describe("checks", () => {
  const visible = { tandem: { check: { hidden: false } } };
  const hidden = { tandem: { check: { hidden: true } }, editable: false };

  it("runs a hidden check's code in its empty cell, keeping the code out of the document", async () => {
    const doc = new Y.Doc();
    const ids = [
      insertCell(doc, { type: "code", source: "answer = 41" }, me),
      insertCell(doc, { type: "code", source: "assert answer > 0", metadata: visible }, me),
      insertCell(doc, { type: "code", source: "", metadata: hidden }, me),
      insertCell(doc, { type: "code", source: "done = True" }, me),
    ];
    const secret = "assert answer == 42, 'the answer is 42'";
    const { kernel, ran } = scriptedKernel((emit, code) => {
      if (code !== secret) return "ok" as const;
      emit({ type: "error", runId: "k", ename: "AssertionError", evalue: "the answer is 42", traceback: ["Traceback", `  line 1: ${secret}`, "AssertionError: the answer is 42"] });
      return "error" as const;
    });
    createRunner({ doc, kernel, user }).run(ids, new Map([[ids[2]!, secret]]));
    await settled();
    // A failed check does not stop the cells after it.
    expect(ran).toEqual(["answer = 41", "assert answer > 0", secret, "done = True"]);
    const check = cell(doc, ids[2]!);
    expect(check.execution).toMatchObject({ status: "error", source: null, sourceHash: sourceHash("") });
    expect(check.outputs).toEqual([{ output_type: "error", ename: "AssertionError", evalue: "the answer is 42", traceback: ["AssertionError: the answer is 42"] }]);
    expect(Buffer.from(Y.encodeStateAsUpdate(doc)).toString("latin1")).not.toContain("answer == 42");
    expect(JSON.stringify(snapshotNotebook(doc))).not.toContain("answer == 42");
  });

  it("skips a hidden check run without its code, so an empty cell never passes", async () => {
    const doc = new Y.Doc();
    const id = insertCell(doc, { type: "code", source: "", metadata: hidden }, me);
    const { kernel, ran } = scriptedKernel(() => "ok" as const);
    const runner = createRunner({ doc, kernel, user });
    runner.run([id]);
    await settled();
    expect(ran).toEqual([]);
    expect(cell(doc, id).execution).toBeUndefined();
    expect(runner.state.get().cells.has(id)).toBe(false);
  });
});
