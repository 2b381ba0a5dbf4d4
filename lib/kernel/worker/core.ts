/**
 * The kernel's core: the worker side of lib/kernel/protocol.ts, with its effects injected
 * (`loadPyodide`, `post`) so the same code runs in the browser's module worker (entry.ts) and
 * under Node worker_threads in the tests. No DOM and no Node APIs here.
 *
 * Messages are handled strictly in arrival order on one promise chain: `init` first, then each
 * `run` to completion (its `done`) before the next starts, even when a cell awaits and the worker's
 * event loop is free to receive more. Python exceptions are outputs (an `error` message and status
 * "error" / "interrupted"), never rejections; a failure of the kernel itself during a run (a bug,
 * or Pyodide breaking down) is also reported on that run, and still ends in exactly one `done`.
 *
 * `complete` and `inspect` are not queued: they are answered as soon as they are read, from the
 * namespace as it is (between runs, or while a cell waits in an await), and with nothing before
 * Python is ready. They never fail: whatever goes wrong, the reply is empty or "not found".
 *
 * Outputs produced while no run is active (a background asyncio task that outlives its cell) are
 * attributed to the last run, the way Jupyter attributes them to the last request.
 */
import type { PyodideAPI } from "pyodide";

import { assertNever } from "../../util/invariant";
import { completionContext, inspectTarget } from "../completion";
import {
  KERNEL_PROTOCOL_VERSION,
  type CompleteMessage,
  type InitMessage,
  type InspectMessage,
  type KernelToPage,
  type CompletionMatch,
  type PageToKernel,
  type RunMessage,
  type RunStatus,
} from "../protocol";
import { prepareInterpreter, startInterpreter, type InspectedObject, type Interpreter, type InterpreterEvent } from "./interpreter";
import { refreshEnvironment } from "./environment";
import { readSourceLock, type FetchScope } from "./package-fetch";
import { isOfficialSource, LOCK_FILE } from "./packages";
import { bootPyodide, keepSnapshot, type SnapshotLoadOptions, type SnapshotStore } from "./snapshot";

/** The subset of Pyodide's loadPyodide options the core passes. */
export interface PyodideLoadOptions extends SnapshotLoadOptions {
  readonly indexURL: string;
  readonly packageBaseUrl?: string;
  /** A mirror's lock file, as JSON text (packages.ts); absent, Pyodide reads the bundled one. */
  readonly lockFileContents?: string;
  /** Called once the runtime is loaded, before the interpreter starts (Pyodide's fsInit). */
  readonly fsInit?: () => Promise<void>;
}

export interface KernelDeps {
  /** Loads Pyodide: a dynamic import of `${indexURL}pyodide.mjs` in the browser, the npm package in Node. */
  readonly loadPyodide: (options: PyodideLoadOptions) => Promise<PyodideAPI>;
  readonly post: (message: KernelToPage) => void;
  /**
   * Where this worker keeps its start-up snapshot (snapshot.ts), given the init's indexURL: null
   * or absent, every start is a plain one.
   */
  readonly snapshots?: (indexURL: string) => Promise<SnapshotStore | null>;
  /** `LANG` for Python, as the browser's language gives it (environment.ts); null keeps Pyodide's. */
  readonly lang?: string | null;
}

export interface KernelCore {
  /** Handles one message from the page. Resolves once it is fully handled (a run: after its `done`). */
  handle(message: PageToKernel): Promise<void>;
}

type Phase =
  | { readonly kind: "new" }
  | { readonly kind: "ready"; readonly interpreter: Interpreter; readonly interrupt: Int32Array | null }
  | { readonly kind: "failed" };

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createKernelCore({ loadPyodide, post, snapshots, lang = null }: KernelDeps): KernelCore {
  let phase: Phase = { kind: "new" };
  let initReceived = false;
  let queue: Promise<void> = Promise.resolve();
  /** The run outputs belong to: the one running, else the last one. */
  let currentRunId: string | null = null;
  /** Counts runs' starts and ends: completion's answers are kept only within one generation. */
  let generation = 0;
  /** A run is in flight (awaiting, or waiting on input()): its namespace may change at any await. */
  let running = false;

  function emit(event: InterpreterEvent): void {
    if (currentRunId === null) return; // nothing has run yet: no run to attribute it to
    post({ ...event, runId: currentRunId });
  }

  async function init(message: InitMessage): Promise<void> {
    if (message.version !== KERNEL_PROTOCOL_VERSION) {
      phase = { kind: "failed" };
      post({
        type: "fatal",
        message: `Kernel protocol mismatch: the page speaks version ${message.version}, this worker version ${KERNEL_PROTOCOL_VERSION}. Reload the page to get matching files.`,
      });
      return;
    }
    try {
      post({ type: "progress", stage: "runtime" });
      let interpreterStage = false;
      const enterInterpreterStage = () => {
        if (!interpreterStage) post({ type: "progress", stage: "interpreter" });
        interpreterStage = true;
      };
      const base = message.packageBaseUrl;
      // The official distribution's lock file is the bundled one; a mirror's may differ (packages.ts).
      const mirrorLock = base !== null && !isOfficialSource(base) ? readSourceLock(base, globalThis as unknown as FetchScope, LOCK_FILE) : null;
      const store = snapshots ? await snapshots(message.indexURL).catch(() => null) : null;
      const booted = await bootPyodide(
        async (snapshot) => {
          const lock = await mirrorLock;
          return loadPyodide({
            indexURL: message.indexURL,
            ...(base !== null ? { packageBaseUrl: base } : {}),
            ...(lock ? { lockFileContents: lock } : {}),
            fsInit: async () => enterInterpreterStage(),
            ...snapshot,
          });
        },
        store,
        (loaded) => {
          enterInterpreterStage(); // in case this Pyodide never called fsInit
          post({ type: "progress", stage: "helpers" });
          prepareInterpreter(loaded);
          refreshEnvironment(loaded, lang);
        },
      );
      const { pyodide } = booted;
      const interrupt = message.interruptBuffer !== null ? new Int32Array(message.interruptBuffer) : null;
      const interpreter = startInterpreter(pyodide, {
        interrupt,
        inputBuffer: message.inputBuffer,
        packageBaseUrl: message.packageBaseUrl,
        emit,
      });
      phase = { kind: "ready", interpreter, interrupt };
      keepSnapshot(store, booted.snapshot); // before `ready`: the page keeps none after it
      post({
        type: "ready",
        python: interpreter.python,
        pyodide: interpreter.pyodide,
        interruptible: interrupt !== null,
        start: booted.start,
      });
    } catch (error) {
      phase = { kind: "failed" };
      post({ type: "fatal", message: `Python could not start: ${describe(error)}` });
    }
  }

  async function run(message: RunMessage): Promise<void> {
    if (phase.kind === "failed") return; // the page has its fatal message; nothing else follows
    if (phase.kind === "new") throw new Error(`Run ${message.runId} arrived before init`);
    const { interpreter, interrupt } = phase;
    currentRunId = message.runId;
    // A Stop pressed after the previous run ended must not interrupt this one.
    if (interrupt !== null) Atomics.store(interrupt, 0, 0);
    const started = performance.now();
    let status: RunStatus;
    running = true;
    generation += 1;
    try {
      status = await interpreter.run(message.code, message.filename);
    } catch (error) {
      const text = `Tandem's kernel failed while running this cell: ${describe(error)}`;
      post({ type: "error", runId: message.runId, ename: "KernelError", evalue: text, traceback: [text] });
      status = "error";
    }
    running = false;
    generation += 1;
    post({ type: "done", runId: message.runId, status, durationMs: performance.now() - started });
  }

  function complete({ requestId, code, cursor }: CompleteMessage): void {
    let reply = { from: cursor, to: cursor, matches: [] as CompletionMatch[] };
    try {
      const context = completionContext(code, cursor);
      if (context && phase.kind === "ready") {
        reply = { from: context.from, to: cursor, matches: phase.interpreter.complete(context, generation, !running) };
      }
    } catch (error) {
      console.error("Tandem kernel: completion failed", error);
    }
    post({ type: "complete_reply", requestId, ...reply });
  }

  function inspect({ requestId, code, cursor }: InspectMessage): void {
    let found: InspectedObject | null = null;
    try {
      const name = inspectTarget(code, cursor);
      if (name !== null && phase.kind === "ready") found = phase.interpreter.inspect(name);
    } catch (error) {
      console.error("Tandem kernel: inspection failed", error);
    }
    post(found ? { type: "inspect_reply", requestId, found: true, ...found } : { type: "inspect_reply", requestId, found: false });
  }

  function enqueue(task: () => Promise<void>): Promise<void> {
    const result = queue.then(task);
    queue = result.catch(() => {}); // one failed message must not stall the ones behind it
    return result;
  }

  return {
    handle(message) {
      switch (message.type) {
        case "init":
          if (initReceived) return Promise.reject(new Error("The kernel received a second init message"));
          initReceived = true;
          return enqueue(() => init(message));
        case "run":
          if (!initReceived) return Promise.reject(new Error(`Run ${message.runId} arrived before init`));
          return enqueue(() => run(message));
        case "complete":
          complete(message);
          return Promise.resolve();
        case "inspect":
          inspect(message);
          return Promise.resolve();
        default:
          return assertNever(message, "page message");
      }
    },
  };
}
