/**
 * One started Pyodide with Tandem's helpers installed: the only module that talks to Pyodide's
 * API. The core (core.ts) owns the protocol and the run queue; this owns the FFI.
 *
 * Output flows one way, synchronously: Python calls the bridge (stream / output / error / input),
 * the bridge calls `emit`, and the core posts the message. Because nothing is queued in between,
 * messages leave in program order and as they are produced, even while Python keeps the worker's
 * event loop blocked. Text written below Python's `sys.stdout` (os.write, C extensions) reaches the
 * same `emit` through Pyodide's raw stdout/stderr writers.
 *
 * Interrupts: Pyodide reads the interrupt buffer between bytecodes, but the buffer is registered
 * with it only while the cell's own code runs (the bridge's `interrupts`; why: python-run.ts).
 * While the cell is suspended in an `await`, a 50 ms timer (which can only fire then) looks at the
 * buffer and cancels the cell's task; input() checks the buffer itself while it blocks. Pyodide is
 * given a view of the buffer (interrupt-slot.ts), not the buffer: its own read-then-clear of the
 * slot would lose a Stop pressed in between.
 */
import type { PyodideAPI } from "pyodide";
import type { PyAwaitable, PyCallable, PyProxy, TypedArray } from "pyodide/ffi";

import { waitForInputReply, resetInputBuffer, type InputOutcome } from "../input-buffer";
import type { CompletionContext } from "../completion";
import {
  SIGINT,
  type CompletionKind,
  type CompletionMatch,
  type InputRequestMessage,
  type InspectReplyMessage,
  type MimeBundle,
  type RunEvent,
  type RunStatus,
} from "../protocol";
import { atomicInterruptSlot, type InterruptSlot } from "./interrupt-slot";
import { createPackageLoader, type PackageLoader } from "./package-loader";
import { installFailureLine, type PackageFailure } from "./packages";
import { COMPLETE_MODULE, HELPER_DIR, HELPER_FILES, HELPER_MODULE, PACKAGES_MODULE, RUN_MODULE } from "./python";
import { createSleeper } from "./sleep";

type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a run reports; the core adds the run id. */
export type InterpreterEvent = Without<RunEvent | InputRequestMessage, "runId">;

export interface InterpreterOptions {
  /** One Int32 over the shared interrupt buffer, or null. */
  readonly interrupt: Int32Array | null;
  readonly inputBuffer: SharedArrayBuffer | null;
  /** The package source (packages.ts), or null when packages are off. */
  readonly packageBaseUrl: string | null;
  readonly emit: (event: InterpreterEvent) => void;
}

export interface Interpreter {
  /** "3.14.2", from sys.version_info. */
  readonly python: string;
  readonly pyodide: string;
  /** Runs one cell. Python exceptions are reported through `emit`; this does not reject for them. */
  run(code: string, filename: string): Promise<RunStatus>;
  /**
   * The candidates for a completion context, from the live namespace (python-complete.ts).
   * `generation` changes as every run starts and ends; while no run is in flight (`cacheable`),
   * answers are kept until the next run (python-complete.ts).
   */
  complete(context: CompletionContext, generation: number, cacheable: boolean): CompletionMatch[];
  /** What Shift-Tab shows for a dotted name, or null when Python does not know it. */
  inspect(name: string): InspectedObject | null;
}

/** An inspect_reply's fields when something was found. */
export type InspectedObject = Omit<Extract<InspectReplyMessage, { found: true }>, "type" | "requestId" | "found">;

const COMPLETION_KINDS: ReadonlySet<string> = new Set<CompletionKind>(["variable", "function", "class", "module", "keyword", "property"]);

function parseMatches(json: string): CompletionMatch[] {
  const pairs = JSON.parse(json) as [string, string][];
  return pairs.map(([label, kind]) => ({ label, kind: COMPLETION_KINDS.has(kind) ? (kind as CompletionKind) : "variable" }));
}

const INTERRUPT_POLL_MS = 50;

function isRunStatus(value: unknown): value is RunStatus {
  return value === "ok" || value === "error" || value === "interrupted";
}

/** Registers the interrupt slot with Pyodide, or (null) stops Pyodide from reading it. */
function setInterrupts(pyodide: PyodideAPI, slot: InterruptSlot | null): void {
  // Pyodide documents setInterruptBuffer(undefined) as the way to switch interrupts off. It only
  // indexes [0] of what it is given, so the slot stands in for the typed array it is typed with.
  pyodide.setInterruptBuffer((slot ?? undefined) as unknown as TypedArray);
}

/** The bridge object `_tandem.install` receives. Arguments arrive as JS strings and booleans. */
function createBridge(pyodide: PyodideAPI, options: InterpreterOptions, packages: PackageLoader) {
  const { emit, inputBuffer, interrupt } = options;
  const slot = interrupt !== null ? atomicInterruptSlot(interrupt) : null;
  let interruptsOn = false;
  const sleeper = createSleeper();
  const takeInterrupt = () => interrupt !== null && interruptsOn && Atomics.exchange(interrupt, 0, 0) === SIGINT;
  return {
    /** On: Pyodide may raise KeyboardInterrupt. Off: returns whether a Stop was pending (and takes it). */
    interrupts(on: boolean): boolean {
      if (interrupt === null) return false;
      interruptsOn = on;
      setInterrupts(pyodide, on ? slot : null);
      return on ? false : Atomics.exchange(interrupt, 0, 0) === SIGINT;
    },
    /**
     * Whether a Stop is pending, taking it: for waits Pyodide cannot see into (sleep). Only while
     * the cell's own code runs, never in a background task, which it would kill instead.
     */
    take_interrupt(): boolean {
      return takeInterrupt();
    },
    /** time.sleep (sleep.ts): blocks this thread; true when a Stop ended the sleep (taking it). */
    sleep(seconds: number): boolean {
      return sleeper.sleep(seconds * 1000, { interrupt, takeInterrupt }) === "interrupted";
    },
    stream(name: string, text: string): void {
      emit({ type: "stream", name: name === "stderr" ? "stderr" : "stdout", text });
    },
    output(kind: string, dataJson: string, metadataJson: string): void {
      const data = JSON.parse(dataJson) as MimeBundle;
      const metadata = JSON.parse(metadataJson) as Record<string, unknown>;
      emit(kind === "result" ? { type: "result", data, metadata } : { type: "display", data, metadata });
    },
    error(ename: string, evalue: string, tracebackJson: string): void {
      emit({ type: "error", ename, evalue, traceback: JSON.parse(tracebackJson) as string[] });
    },
    /** What to add to "No module named 'x'" (traceback helper), or "". */
    module_note(name: string, stdlib: boolean): string {
      return packages.note(name, stdlib) ?? "";
    },
    /** Loads packages by name (%pip's micropip); resolves with a JSON object of the failed ones. */
    async load_packages(namesJson: string): Promise<string> {
      return JSON.stringify(await packages.load(JSON.parse(namesJson) as string[]));
    },
    install_failure(name: string, reason: string, pipMissing: boolean): string {
      return installFailureLine(name, reason as PackageFailure | "off", pipMissing);
    },
    input(prompt: string, password: boolean): InputOutcome {
      // Python only calls this when there is a buffer (it raises the "not isolated" error itself).
      if (inputBuffer === null) return { status: "eof" };
      resetInputBuffer(inputBuffer);
      emit({ type: "input", prompt, password });
      return waitForInputReply(inputBuffer, { interrupt });
    },
  };
}

/**
 * Routes what reaches file descriptors 1 and 2 (not sys.stdout) to `emit`, decoded as UTF-8, and
 * makes standard input empty: `sys.stdin.readline()` returns "" as in Jupyter, where input() is
 * the way to ask (Pyodide's default differs between browsers and Node, and errors in both).
 */
function routeStdio(pyodide: PyodideAPI, emit: InterpreterOptions["emit"]): void {
  pyodide.setStdin({ stdin: () => null, isatty: false });
  for (const name of ["stdout", "stderr"] as const) {
    const decoder = new TextDecoder("utf-8");
    const writer = {
      isatty: false,
      write(bytes: Uint8Array): number {
        const text = decoder.decode(bytes, { stream: true });
        if (text) emit({ type: "stream", name, text });
        return bytes.length;
      },
    };
    if (name === "stdout") pyodide.setStdout(writer);
    else pyodide.setStderr(writer);
  }
}

function writeHelpers(pyodide: PyodideAPI): void {
  for (const [relative, source] of Object.entries(HELPER_FILES)) {
    const path = `${HELPER_DIR}/${relative}`;
    pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    pyodide.FS.writeFile(path, source);
  }
  // Appended, not prepended: a real IPython from a package server (site-packages) wins over ours.
  const dir = JSON.stringify(HELPER_DIR);
  pyodide.runPython(`import sys\nif ${dir} not in sys.path:\n    sys.path.append(${dir})`);
}

/**
 * Writes the helpers into a freshly loaded Pyodide's file system and imports them: the part of
 * the start that is the same for everyone, so it may go into a start-up snapshot (snapshot.ts).
 * Nothing here touches the bridge or runs user code. Throws (a fatal start) if they fail.
 */
export function prepareInterpreter(pyodide: PyodideAPI): void {
  writeHelpers(pyodide);
  pyodide.runPython(`import ${HELPER_MODULE}, ${RUN_MODULE}`);
}

/** Wires a prepared Pyodide (prepareInterpreter) to the page. Throws (a fatal start) if it fails. */
export function startInterpreter(pyodide: PyodideAPI, options: InterpreterOptions): Interpreter {
  routeStdio(pyodide, options.emit);

  const emitStdout = (text: string) => options.emit({ type: "stream", name: "stdout", text });
  const packages = createPackageLoader(pyodide, options.packageBaseUrl, emitStdout);
  const bridge = createBridge(pyodide, options, packages);
  // Attributes of a module proxy are borrowed from it: copy the ones we keep, then let it go.
  const helper = pyodide.pyimport(HELPER_MODULE) as Record<"install", PyCallable> & PyProxy;
  const runner = pyodide.pyimport(RUN_MODULE) as Record<"run_cell" | "interrupt", PyCallable> & PyProxy;
  const packagesModule = pyodide.pyimport(PACKAGES_MODULE) as Record<"prepare", PyCallable> & PyProxy;
  const install = helper.install.copy() as PyCallable;
  const runCell = runner.run_cell.copy() as PyCallable;
  const cancelRun = runner.interrupt.copy() as PyCallable;
  const prepare = packagesModule.prepare.copy() as PyCallable;
  const completer = pyodide.pyimport(COMPLETE_MODULE) as Record<"complete" | "inspect_name", PyCallable> & PyProxy;
  const completeIn = completer.complete.copy() as PyCallable;
  const inspectName = completer.inspect_name.copy() as PyCallable;
  helper.destroy();
  runner.destroy();
  packagesModule.destroy();
  completer.destroy();
  try {
    install.callKwargs(bridge, {
      input_available: options.inputBuffer !== null,
      packages_enabled: packages.enabled,
    });
  } finally {
    install.destroy();
  }
  const python = String(pyodide.runPython("import sys\n'.'.join(map(str, sys.version_info[:3]))"));

  /** While the cell awaits, an interrupt cancels its task (see the design note above). */
  function watchInterrupts(): () => void {
    const { interrupt } = options;
    if (interrupt === null) return () => {};
    const timer = setInterval(() => {
      if (Atomics.load(interrupt, 0) !== SIGINT) return;
      if (cancelRun() === true) Atomics.store(interrupt, 0, 0);
    }, INTERRUPT_POLL_MS);
    return () => clearInterval(timer);
  }

  return {
    python,
    pyodide: pyodide.version,
    async run(code, filename) {
      // A Stop pressed while packages load is kept: the cell stops as soon as its code starts.
      // Imports are read from the prepared code: a %pip line would make the cell unparsable.
      if (packages.enabled) await packages.loadImports(String(prepare(code)));
      const stopWatching = watchInterrupts();
      const coroutine = runCell(code, filename) as PyAwaitable;
      try {
        const status: unknown = await coroutine;
        if (!isRunStatus(status)) throw new Error(`_tandem.run_cell returned ${String(status)}`);
        return status;
      } finally {
        stopWatching();
        bridge.interrupts(false); // already off, unless the run failed inside Tandem's code
        coroutine.destroy();
      }
    },
    complete(context, generation, cacheable) {
      const target = context.kind === "attribute" ? context.object : context.kind === "module" ? (context.parent ?? "") : context.kind === "import-name" ? context.module : "";
      return parseMatches(String(completeIn(context.kind, target, context.prefix, generation, cacheable)));
    },
    inspect(name) {
      return JSON.parse(String(inspectName(name))) as InspectedObject | null;
    },
  };
}
