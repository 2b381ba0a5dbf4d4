/**
 * A test-side page for the kernel: starts tests/support/kernel-node-worker.ts in a worker thread,
 * speaks lib/kernel/protocol.ts to it, and collects each run's messages (with their arrival times
 * on this thread) until its `done`. It owns the shared interrupt and input buffers, so a test can
 * press Stop or answer input() while Python blocks the worker.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

import {
  INPUT_BUFFER_BYTES,
  KERNEL_PROTOCOL_VERSION,
  SIGINT,
  type CompleteReplyMessage,
  type DoneMessage,
  type FatalMessage,
  type InputRequestMessage,
  type InspectReplyMessage,
  type KernelToPage,
  type ReadyMessage,
  type RunEvent,
} from "../../lib/kernel/protocol";

const require = createRequire(import.meta.url);
export const PYODIDE_DIR = path.dirname(require.resolve("pyodide/package.json"));
// tsx's ESM API by file, so the worker's bootstrap needs no module resolution of its own.
const TSX_API = pathToFileURL(path.join(path.dirname(require.resolve("tsx/package.json")), "dist/esm/api/index.mjs")).href;
const WORKER_ENTRY = new URL("./kernel-node-worker.ts", import.meta.url).href;

/** A message as this side received it, with performance.now() at arrival. */
export interface Received<M extends KernelToPage = KernelToPage> {
  readonly message: M;
  readonly at: number;
}

export interface RunOutcome {
  /** Stream, display, result and error messages, in arrival order. */
  readonly events: readonly Received<RunEvent>[];
  readonly inputs: readonly InputRequestMessage[];
  readonly done: Received<DoneMessage>;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Called for each message of the run as it arrives (answer input, press Stop, ...). */
  readonly onMessage?: (message: KernelToPage, kernel: TestKernel) => void;
}

export interface KernelOptions {
  readonly interruptible?: boolean;
  readonly input?: boolean;
  readonly packageBaseUrl?: string | null;
  readonly version?: number;
  /** A file to keep the start-up snapshot in (lib/kernel/worker/snapshot.ts); none: plain starts. */
  readonly snapshotFile?: string;
  /** The app's prebuilt snapshot (lib/server/kernel/snapshot.ts), offered when `snapshotFile` is missing. */
  readonly prebuiltFile?: string;
  /** `LANG` as the browser's language would give it (lib/kernel/worker/environment.ts). */
  readonly lang?: string;
}

interface PendingRun {
  readonly events: Received<RunEvent>[];
  readonly inputs: InputRequestMessage[];
  readonly onMessage?: RunOptions["onMessage"];
  readonly resolve: (outcome: RunOutcome) => void;
  readonly reject: (error: Error) => void;
}

function joinStream(events: readonly Received<RunEvent>[], name: "stdout" | "stderr"): string {
  return events.map(({ message: m }) => (m.type === "stream" && m.name === name ? m.text : "")).join("");
}

export class TestKernel {
  readonly interruptBuffer: SharedArrayBuffer | null;
  readonly inputBuffer: SharedArrayBuffer | null;
  /** Every message received, in order. */
  readonly received: Received[] = [];
  private readonly worker: Worker;
  private readonly runs = new Map<string, PendingRun>();
  private nextRun = 1;
  private nextRequest = 1;
  private readonly asked = new Map<number, (reply: CompleteReplyMessage | InspectReplyMessage) => void>();
  private started: Promise<ReadyMessage | FatalMessage> | null = null;
  private startedResolve: ((m: ReadyMessage | FatalMessage) => void) | null = null;
  private startedReject: ((error: Error) => void) | null = null;

  constructor(private readonly options: KernelOptions = {}) {
    this.interruptBuffer = options.interruptible === false ? null : new SharedArrayBuffer(4);
    this.inputBuffer = options.input === false ? null : new SharedArrayBuffer(INPUT_BUFFER_BYTES);
    const bootstrap = `import(${JSON.stringify(TSX_API)}).then((tsx) => tsx.tsImport(${JSON.stringify(WORKER_ENTRY)}, ${JSON.stringify(WORKER_ENTRY)}))`;
    this.worker = new Worker(bootstrap, { eval: true, workerData: { snapshotFile: options.snapshotFile ?? null, prebuiltFile: options.prebuiltFile ?? null, lang: options.lang ?? null } });
    this.worker.on("message", (message: KernelToPage) => this.receive(message));
    // The worker thread died (a kernel bug): fail whatever waits on it rather than hang.
    this.worker.on("error", (error) => {
      this.startedReject?.(error);
      for (const run of this.runs.values()) run.reject(error);
      this.runs.clear();
    });
  }

  /** Sends init; resolves with `ready` or `fatal`. */
  start(): Promise<ReadyMessage | FatalMessage> {
    this.started ??= new Promise((resolve, reject) => {
      this.startedResolve = resolve;
      this.startedReject = reject;
      this.worker.postMessage({
        type: "init",
        version: this.options.version ?? KERNEL_PROTOCOL_VERSION,
        indexURL: PYODIDE_DIR + path.sep,
        interruptBuffer: this.interruptBuffer,
        inputBuffer: this.inputBuffer,
        packageBaseUrl: this.options.packageBaseUrl ?? null,
      });
    });
    return this.started;
  }

  /** Sends one run and resolves at its `done`. Several may be in flight; the kernel queues them. */
  run(code: string, options: RunOptions = {}): Promise<RunOutcome> {
    const runId = `run-${this.nextRun++}`;
    return new Promise((resolve, reject) => {
      this.runs.set(runId, { events: [], inputs: [], onMessage: options.onMessage, resolve, reject });
      this.worker.postMessage({ type: "run", runId, code, filename: `Cell [${runId}]` });
    });
  }

  /** Asks for completions at `cursor` (default: the end of `code`); resolves with the reply. */
  complete(code: string, cursor = code.length): Promise<CompleteReplyMessage> {
    return this.ask("complete", code, cursor) as Promise<CompleteReplyMessage>;
  }

  /** Asks what is called or named at `cursor` (default: the end of `code`). */
  inspect(code: string, cursor = code.length): Promise<InspectReplyMessage> {
    return this.ask("inspect", code, cursor) as Promise<InspectReplyMessage>;
  }

  private ask(type: "complete" | "inspect", code: string, cursor: number): Promise<CompleteReplyMessage | InspectReplyMessage> {
    const requestId = this.nextRequest++;
    return new Promise((resolve) => {
      this.asked.set(requestId, resolve);
      this.worker.postMessage({ type, requestId, code, cursor });
    });
  }

  /** Presses Stop: SIGINT into the shared interrupt buffer. */
  interrupt(): void {
    if (this.interruptBuffer === null) throw new Error("This kernel has no interrupt buffer");
    const view = new Int32Array(this.interruptBuffer);
    Atomics.store(view, 0, SIGINT);
    Atomics.notify(view, 0); // as the page does (client.ts): wakes a time.sleep at once
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private receive(message: KernelToPage): void {
    const at = performance.now();
    this.received.push({ message, at });
    if (message.type === "ready" || message.type === "fatal") {
      this.startedResolve?.(message);
      return;
    }
    if (message.type === "progress") return;
    if (message.type === "complete_reply" || message.type === "inspect_reply") {
      this.asked.get(message.requestId)?.(message);
      this.asked.delete(message.requestId);
      return;
    }
    const run = this.runs.get(message.runId);
    if (run === undefined) return; // output of a run that already ended (a background task)
    run.onMessage?.(message, this);
    if (message.type === "input") {
      run.inputs.push(message);
    } else if (message.type === "done") {
      this.runs.delete(message.runId);
      run.resolve({
        events: run.events,
        inputs: run.inputs,
        done: { message, at },
        stdout: joinStream(run.events, "stdout"),
        stderr: joinStream(run.events, "stderr"),
      });
    } else {
      run.events.push({ message, at });
    }
  }
}

/** The ANSI colour codes removed, for assertions on traceback text. */
export function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, "");
}
