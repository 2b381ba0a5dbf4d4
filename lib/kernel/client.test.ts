import { describe, expect, it } from "vitest";
import { createKernelClient, type WorkerLike } from "./client";
import { INPUT_READY, INPUT_TEXT_OFFSET, KERNEL_PROTOCOL_VERSION, SIGINT, isKernelToPage, type KernelToPage, type PageToKernel } from "./protocol";

/** A worker that records what the page sent; the test plays the kernel's side. */
class FakeWorker implements WorkerLike {
  readonly sent: PageToKernel[] = [];
  terminated = false;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  postMessage(message: PageToKernel): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  say(message: KernelToPage | Record<string, unknown>): void {
    this.onmessage?.({ data: message });
  }
}

function setup(isolated: boolean) {
  const workers: FakeWorker[] = [];
  const client = createKernelClient({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    indexURL: "/pyodide/",
    isolated,
  });
  const ready = (w: FakeWorker, interruptible = isolated) =>
    w.say({ type: "ready", python: "3.14.2", pyodide: "314.0.7", interruptible });
  return { client, workers, ready };
}

describe("the kernel client", () => {
  it("starts the worker at once with the protocol version and, when isolated, shared buffers", () => {
    const { client, workers } = setup(true);
    const init = workers[0]!.sent[0]!;
    expect(init).toMatchObject({ type: "init", version: KERNEL_PROTOCOL_VERSION, indexURL: "/pyodide/", packageBaseUrl: null });
    expect(init.type === "init" && init.interruptBuffer instanceof SharedArrayBuffer).toBe(true);
    expect(init.type === "init" && init.inputBuffer instanceof SharedArrayBuffer).toBe(true);
    expect(client.status.get()).toMatchObject({ phase: "starting", stage: "worker" });
    workers[0]!.say({ type: "progress", stage: "interpreter" });
    expect(client.status.get()).toMatchObject({ phase: "starting", stage: "interpreter" });
  });

  it("passes a run's events to its caller, ignores other runs' and junk, and resolves on done", async () => {
    const { client, workers, ready } = setup(true);
    const w = workers[0]!;
    ready(w);
    const events: string[] = [];
    const done = client.run("print(1)", "Cell [1]", (e) => events.push(e.type === "stream" ? e.text : e.type));
    expect(client.status.get().phase).toBe("busy");
    const run = w.sent[1]!;
    expect(run).toMatchObject({ type: "run", code: "print(1)", filename: "Cell [1]" });
    const runId = run.type === "run" ? run.runId : "";
    w.say({ type: "stream", runId: "someone-else", name: "stdout", text: "not mine" });
    w.say({ hello: "junk" });
    w.say({ type: "stream", runId, name: "stdout", text: "1\n" });
    w.say({ type: "done", runId, status: "ok", durationMs: 3 });
    await expect(done).resolves.toBe("ok");
    expect(events).toEqual(["1\n"]);
    expect(client.status.get().phase).toBe("idle");
  });

  it("interrupts through the shared buffer where the page is isolated", () => {
    const { client, workers, ready } = setup(true);
    const w = workers[0]!;
    ready(w);
    void client.run("while True: pass", "Cell [1]", () => {});
    client.interrupt();
    const init = w.sent[0]!;
    const buffer = init.type === "init" ? init.interruptBuffer! : new SharedArrayBuffer(4);
    expect(Atomics.load(new Int32Array(buffer), 0)).toBe(SIGINT);
    expect(w.terminated).toBe(false);
  });

  it("without isolation, Stop replaces the worker, ends the run as restarted and says why", async () => {
    const { client, workers, ready } = setup(false);
    ready(workers[0]!);
    const init = workers[0]!.sent[0]!;
    expect(init.type === "init" && init.interruptBuffer).toBeNull();
    const run = client.run("while True: pass", "Cell [1]", () => {});
    client.interrupt();
    await expect(run).resolves.toBe("restarted");
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(client.status.get().phase).toBe("starting");
    expect(client.status.get().notice).toMatch(/restarted to stop the code/);
    // The old worker's late words change nothing.
    workers[0]!.say({ type: "ready", python: "old", pyodide: "old", interruptible: false, start: "fresh" });
    expect(client.status.get().phase).toBe("starting");
  });

  it("writes input replies into the shared buffer", () => {
    const { client, workers, ready } = setup(true);
    ready(workers[0]!);
    client.answerInput("Ada");
    const init = workers[0]!.sent[0]!;
    const buffer = init.type === "init" ? init.inputBuffer! : new SharedArrayBuffer(16);
    const state = new Int32Array(buffer, 0, 2);
    expect(Atomics.load(state, 0)).toBe(INPUT_READY);
    expect(new TextDecoder().decode(new Uint8Array(buffer, INPUT_TEXT_OFFSET, Atomics.load(state, 1)).slice())).toBe("Ada");
  });

  it("leaves the buffers to a kernel frame's worker and sends Stop and input() answers through its signals", () => {
    const signals: string[] = [];
    const workers: FakeWorker[] = [];
    const client = createKernelClient({
      createWorker: () => {
        const w = Object.assign(new FakeWorker(), {
          signals: { interrupt: () => signals.push("interrupt"), answer: (text: string | null) => signals.push(`answer:${text}`) },
        });
        workers.push(w);
        return w;
      },
      indexURL: "https://tandem.example/pyodide/",
      isolated: true,
    });
    const w = workers[0]!;
    expect(w.sent[0]).toMatchObject({ type: "init", interruptBuffer: null, inputBuffer: null });
    w.say({ type: "ready", python: "3.14.2", pyodide: "314.0.7", interruptible: true, start: "fresh" });
    void client.run("input()", "Cell [1]", () => {});
    client.answerInput("Ada");
    client.answerInput(null);
    client.interrupt();
    expect(signals).toEqual(["answer:Ada", "answer:null", "interrupt"]);
    expect(w.terminated).toBe(false);
  });

  it("reports a worker that fails to start", async () => {
    const { client, workers } = setup(true);
    workers[0]!.onerror?.({ message: "SyntaxError in worker.js" });
    expect(client.status.get()).toMatchObject({ phase: "failed", message: "SyntaxError in worker.js" });
    await expect(client.run("1", "Cell [1]", () => {})).resolves.toBe("restarted");
  });

  it("adopts a worker the page started early, replaying what it already said, without a second init", () => {
    const early = new FakeWorker();
    const interruptBuffer = new SharedArrayBuffer(4);
    const client = createKernelClient({
      createWorker: () => new FakeWorker(),
      indexURL: "/pyodide/",
      isolated: true,
      adopt: {
        worker: early,
        interruptBuffer,
        inputBuffer: null,
        early: [{ type: "progress", stage: "runtime" }, { type: "ready", python: "3.14.2", pyodide: "314.0.7", interruptible: true, start: "fresh" }, "junk"],
      },
    });
    expect(early.sent).toEqual([]);
    expect(client.status.get()).toMatchObject({ phase: "idle", info: { python: "3.14.2" } });
    void client.run("while True: pass", "Cell [1]", () => {});
    expect(early.sent[0]).toMatchObject({ type: "run" });
    client.interrupt();
    expect(Atomics.load(new Int32Array(interruptBuffer), 0)).toBe(SIGINT);
  });

  it("checks messages before trusting them", () => {
    expect(isKernelToPage({ type: "done", runId: "r", status: "ok", durationMs: 1 })).toBe(true);
    expect(isKernelToPage({ type: "init" })).toBe(false);
    expect(isKernelToPage(null)).toBe(false);
    expect(isKernelToPage("ready")).toBe(false);
  });
});

describe("the kernel client's code intelligence", () => {
  const sentOfType = (w: { sent: PageToKernel[] }, type: string) => w.sent.filter((m) => m.type === type);

  it("asks an idle worker, and answers from the last name list while a cell runs", async () => {
    const { client, workers, ready } = setup(true);
    const w = workers[0]!;
    ready(w);
    const first = client.complete("pri", 3);
    const asked = sentOfType(w, "complete")[0]!;
    expect(asked).toMatchObject({ type: "complete", code: "pri", cursor: 3 });
    const requestId = asked.type === "complete" ? asked.requestId : -1;
    const names = [
      { label: "print", kind: "function" },
      { label: "price", kind: "variable" },
    ] as const;
    w.say({ type: "complete_reply", requestId, from: 0, to: 3, matches: names });
    expect(await first).toEqual({ from: 0, to: 3, matches: names, source: "kernel" });

    void client.run("while True: pass", "Cell [1]", () => {});
    const busy = await client.complete("x = pr", 6);
    expect(busy).toEqual({ from: 4, to: 6, matches: names, source: "cache" });
    expect(await client.complete("math.s", 6)).toEqual({ from: 5, to: 6, matches: [], source: "cache" });
    expect(await client.inspect("print(", 6)).toEqual({ status: "busy" });
    expect(sentOfType(w, "complete")).toHaveLength(1); // nothing more was sent to the busy worker
  });

  it("stops waiting when a run starts, and forgets the names on restart", async () => {
    const { client, workers, ready } = setup(true);
    const w = workers[0]!;
    ready(w);
    const warm = client.complete("pr", 2);
    const id = (sentOfType(w, "complete")[0] as { requestId: number }).requestId;
    w.say({ type: "complete_reply", requestId: id, from: 0, to: 2, matches: [{ label: "print", kind: "function" }] });
    await warm;
    const waiting = client.complete("math.", 5);
    void client.run("1", "Cell [1]", () => {});
    expect(await waiting).toMatchObject({ matches: [], source: "cache" });
    client.restart();
    ready(workers[1]!);
    void client.run("1", "Cell [2]", () => {});
    expect(await client.complete("pr", 2)).toMatchObject({ matches: [], source: "cache" });
  });

  it("answers a word typed on from Python's list for its start, until a run or a restart", async () => {
    const { client, workers, ready } = setup(true);
    const w = workers[0]!;
    ready(w);
    const attributes = [
      { label: "sqrt", kind: "function" },
      { label: "pi", kind: "variable" },
    ] as const;
    const first = client.complete("math.", 5);
    const id = (sentOfType(w, "complete")[0] as { requestId: number }).requestId;
    w.say({ type: "complete_reply", requestId: id, from: 5, to: 5, matches: attributes });
    await first;
    // math.sq and math.zz (nothing matches: the editor asks again on each key) are math. typed on.
    const sq = client.complete("math.sq", 7);
    const zz = client.complete("math.zz", 7);
    expect(sentOfType(w, "complete")).toHaveLength(1);
    expect(await sq).toEqual({ from: 5, to: 7, matches: attributes, source: "kernel" });
    expect(await zz).toEqual({ from: 5, to: 7, matches: attributes, source: "kernel" });
    // A private name, or another word, needs Python.
    void client.complete("math._", 6);
    const other = client.complete("x = math.", 9);
    expect(sentOfType(w, "complete")).toHaveLength(3);
    const third = (sentOfType(w, "complete")[2] as { requestId: number }).requestId;
    w.say({ type: "complete_reply", requestId: third, from: 9, to: 9, matches: attributes });
    await other;
    void client.complete("x = math.p", 10);
    expect(sentOfType(w, "complete")).toHaveLength(3);

    // A run may change what Python would list: the next key asks again; so after a restart.
    void client.run("math.tau2 = 1", "Cell [1]", () => {});
    w.say({ type: "done", runId: (sentOfType(w, "run")[0] as { runId: string }).runId, status: "ok", durationMs: 1 });
    const afterRun = client.complete("x = math.t", 10);
    expect(sentOfType(w, "complete")).toHaveLength(4);
    const fourth = (sentOfType(w, "complete")[3] as { requestId: number }).requestId;
    w.say({ type: "complete_reply", requestId: fourth, from: 9, to: 10, matches: attributes });
    await afterRun;
    client.restart();
    ready(workers[1]!);
    void client.complete("x = math.ta", 11);
    expect(sentOfType(workers[1]!, "complete")).toHaveLength(1);
  });

  it("passes inspection replies through, found or not", async () => {
    const { client, workers, ready } = setup(true);
    const w = workers[0]!;
    ready(w);
    const found = client.inspect("print(", 6);
    const notFound = client.inspect("nope(", 5);
    const [a, b] = sentOfType(w, "inspect") as { requestId: number }[];
    w.say({ type: "inspect_reply", requestId: b!.requestId, found: false });
    w.say({
      type: "inspect_reply",
      requestId: a!.requestId,
      found: true,
      name: "print",
      typeName: "builtin_function_or_method",
      signature: "print(*args)",
      doc: "Prints.",
      value: null,
    });
    expect(await found).toEqual({ status: "found", name: "print", typeName: "builtin_function_or_method", signature: "print(*args)", doc: "Prints.", value: null });
    expect(await notFound).toEqual({ status: "not-found" });
  });
});
