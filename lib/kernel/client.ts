/**
 * The page's side of one Python kernel: it owns the Pyodide worker, speaks protocol.ts to it, and
 * offers run / interrupt / restart / answer-input to the runner. It knows nothing about notebooks.
 *
 * The worker starts at once (`createKernelClient` posts `init`), so Pyodide loads while the person
 * reads; `status` reports the stages. Runs go to the worker one at a time (the runner queues them);
 * `run` resolves when the worker says `done`, or with "restarted" when the worker went away first.
 *
 * Code intelligence (`complete`, `inspect`) asks the worker only while it is idle: while a cell
 * runs, Python cannot answer (the worker reads no messages until the run ends), and a completion
 * list that arrives a minute later is worse than none. Then `complete` answers at once from a
 * cache of the last list of names the kernel gave (names, builtins and keywords as they were at
 * the last name completion; attributes and modules need Python, so they come back empty) and
 * `inspect` says the kernel is busy. A request in flight when a run starts gets the same answer.
 * While idle, a word typed on is answered from Python's list for its start (`sameWordTypedOn`: the
 * list holds every candidate, the editor filters), without asking again: a word no name matches
 * would otherwise send a request per keystroke. That list is forgotten when a run starts (it may
 * change the names) and when the worker restarts.
 *
 * Interrupts: where the page is cross-origin isolated, the worker shares an interrupt buffer and
 * Python gets a real KeyboardInterrupt (and input() a shared reply buffer); in the browser the
 * buffers are the kernel frame's, which writes them when told (WorkerLike.signals). Elsewhere (an
 * embed on another site) there is no shared memory, so "stop" terminates the worker and starts a
 * new one, and says so: the variables are gone.
 */
import { completeFromNames, completionContext, sameWordTypedOn, type AskedWord, type CompletionContext } from "./completion";
import { writeInputEof, writeInputReply } from "./input-buffer";
import {
  INPUT_BUFFER_BYTES,
  isKernelToPage,
  KERNEL_PROTOCOL_VERSION,
  SIGINT,
  type CompleteReplyMessage,
  type CompletionMatch,
  type InputRequestMessage,
  type InspectReplyMessage,
  type KernelStart,
  type KernelToPage,
  type LoadStage,
  type PageToKernel,
  type RunEvent,
  type RunStatus,
} from "./protocol";
import { assertNever } from "../util/invariant";
import { createStore, type ReadableStore } from "../util/store";

/** What the client needs of a Worker (a kernel frame's in the browser, a fake in tests). */
export interface WorkerLike {
  postMessage(message: PageToKernel): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  /**
   * Stop and input() answers for a worker whose shared buffers are not the page's (a kernel
   * frame's: frame-launch.ts). Absent, the client makes the buffers and sends them with `init`.
   */
  readonly signals?: KernelSignals;
}

export interface KernelSignals {
  interrupt(): void;
  /** The answer to the pending input(); null is end of input. */
  answer(text: string | null): void;
}

export interface KernelInfo {
  readonly python: string;
  readonly pyodide: string;
  readonly interruptible: boolean;
  readonly start: KernelStart;
}

export type KernelStatus =
  | { readonly phase: "starting"; readonly stage: LoadStage | "worker"; readonly notice: string | null }
  | { readonly phase: "idle" | "busy"; readonly info: KernelInfo; readonly notice: string | null }
  | { readonly phase: "failed"; readonly message: string; readonly notice: string | null };

export type RunOutcome = RunStatus | "restarted";

export interface KernelClientOptions {
  createWorker: () => WorkerLike;
  /** Where Pyodide's files are served, ending in "/". */
  indexURL: string;
  packageBaseUrl?: string | null;
  /** Whether shared memory is available (the page's crossOriginIsolated). */
  isolated: boolean;
  /**
   * A worker already started and sent `init` (early.ts), to use instead of creating the first one,
   * with the buffers it was given and the messages it sent so far. Restarts create new workers.
   */
  adopt?: AdoptedWorker | null;
}

export interface AdoptedWorker {
  readonly worker: WorkerLike;
  readonly interruptBuffer: SharedArrayBuffer | null;
  readonly inputBuffer: SharedArrayBuffer | null;
  readonly early: readonly unknown[];
}

export interface KernelClient {
  readonly status: ReadableStore<KernelStatus>;
  /** Runs code; events arrive through `onEvent` as they happen. */
  run(code: string, filename: string, onEvent: (event: RunEvent | InputRequestMessage) => void): Promise<RunOutcome>;
  /** Stops the running code: KeyboardInterrupt, or a restart where that is impossible. */
  interrupt(): void;
  /** A fresh interpreter: all variables are lost. */
  restart(): void;
  /** Replies to the pending input() (null: end of input, EOFError in Python). */
  answerInput(text: string | null): void;
  dispose(): void;
}

/** A completion: the word code[from, to) and every candidate for it (see CompleteReplyMessage). */
export interface CompletionReply {
  readonly from: number;
  readonly to: number;
  readonly matches: readonly CompletionMatch[];
  /**
   * "kernel": Python's list for this word (asked now, or kept from when the word was shorter);
   * "cache": Python was busy, the names are from its last list.
   */
  readonly source: "kernel" | "cache";
}

export type InspectReply =
  | (Omit<Extract<InspectReplyMessage, { found: true }>, "type" | "requestId" | "found"> & { readonly status: "found" })
  | { readonly status: "not-found" }
  /** Python is running a cell (or starting) and cannot look now. */
  | { readonly status: "busy" };

/** The page's code intelligence over this person's kernel (completion and Shift-Tab). */
export interface KernelAssist {
  /** What could complete the code at `cursor`. Never rejects; resolves at once while Python is busy. */
  complete(code: string, cursor: number): Promise<CompletionReply>;
  /** The signature and docstring of what is called or named at `cursor`. Never rejects. */
  inspect(code: string, cursor: number): Promise<InspectReply>;
}

/** This person's own kernel: runs, and code intelligence (which a shared embed kernel lacks). */
export type LocalKernelClient = KernelClient & KernelAssist;

interface PendingRun {
  runId: string;
  /** performance.now() when the run was posted. */
  startedAt: number;
  onEvent: (event: RunEvent | InputRequestMessage) => void;
  resolve: (outcome: RunOutcome) => void;
}

/**
 * Each run is a User Timing measure named RUN_MEASURE, from posting the run to the worker's `done`
 * (devtools' performance panel shows them; bench:kernel reads them).
 */
export const RUN_MEASURE = "tandem:run";

/** Each completion answered by Python: from the request to the reply (bench:kernel reads them). */
export const COMPLETE_MEASURE = "tandem:complete";

const RESTART_NOTICE =
  "Python was restarted to stop the code: this page cannot interrupt it (it is not cross-origin isolated). Variables were lost.";

let counter = 0;
const newRunId = () => `${Date.now().toString(36)}-${(++counter).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

type AssistReply = CompleteReplyMessage | InspectReplyMessage;

function contextAt(code: string, cursor: number): CompletionContext | null {
  try {
    return completionContext(code, cursor);
  } catch {
    return null; // a cursor outside the code: nothing to complete
  }
}

export function createKernelClient(options: KernelClientOptions): LocalKernelClient {
  const status = createStore<KernelStatus>({ phase: "starting", stage: "worker", notice: null });
  let worker: WorkerLike | null = null;
  let interruptView: Int32Array | null = null;
  let inputBuffer: SharedArrayBuffer | null = null;
  let info: KernelInfo | null = null;
  let pending: PendingRun | null = null;
  let disposed = false;
  let nextRequest = 1;
  /** Completion and inspection requests sent to the worker, by requestId; null: stop waiting. */
  const asked = new Map<number, (reply: AssistReply | null) => void>();
  /** The kernel's last list of plain names (completion while Python is busy answers from it). */
  let names: readonly CompletionMatch[] = [];
  /** Python's last list and the word it was for (that word typed on is answered from it). */
  let lastList: { readonly word: AskedWord; readonly matches: readonly CompletionMatch[] } | null = null;

  /** Whoever waits for the worker's answer gets none: a run started, or the worker went away. */
  const stopAsking = () => {
    const waiting = [...asked.values()];
    asked.clear();
    for (const resolve of waiting) resolve(null);
  };

  /** Sends a request to an idle worker; null when it is not idle or stops being so first. */
  const ask = (message: { type: "complete" | "inspect"; code: string; cursor: number }): Promise<AssistReply | null> => {
    if (disposed || pending || status.get().phase !== "idle" || !worker) return Promise.resolve(null);
    const requestId = nextRequest++;
    const target = worker;
    return new Promise((resolve) => {
      asked.set(requestId, resolve);
      target.postMessage({ ...message, requestId });
    });
  };

  const setPhase = (next: KernelStatus) => status.set(next);
  const notice = () => status.get().notice;

  const settle = (outcome: RunOutcome) => {
    const run = pending;
    pending = null;
    if (run && typeof performance.measure === "function") {
      performance.measure(RUN_MEASURE, { start: run.startedAt, detail: { outcome } });
    }
    if (info && status.get().phase === "busy") setPhase({ phase: "idle", info, notice: notice() });
    run?.resolve(outcome);
  };

  const onMessage = (message: KernelToPage) => {
    switch (message.type) {
      case "progress":
        setPhase({ phase: "starting", stage: message.stage, notice: notice() });
        return;
      case "ready":
        info = {
          python: message.python,
          pyodide: message.pyodide,
          interruptible: message.interruptible,
          start: message.start,
        };
        setPhase({ phase: pending ? "busy" : "idle", info, notice: notice() });
        return;
      case "fatal":
        setPhase({ phase: "failed", message: message.message, notice: notice() });
        settle("restarted");
        return;
      case "done":
        if (pending?.runId === message.runId) settle(message.status);
        return;
      case "complete_reply":
      case "inspect_reply": {
        const resolve = asked.get(message.requestId);
        asked.delete(message.requestId);
        resolve?.(message);
        return;
      }
      case "input":
      case "stream":
      case "display":
      case "result":
      case "error":
        if (pending?.runId === message.runId) pending.onEvent(message);
        return;
      default:
        assertNever(message, "kernel message");
    }
  };

  const start = (adopted: AdoptedWorker | null = null) => {
    info = null;
    names = [];
    lastList = null;
    setPhase({ phase: "starting", stage: "worker", notice: notice() });
    const created = adopted ? adopted.worker : options.createWorker();
    worker = created;
    // A frame's worker gets its buffers from the frame (signals); else they are the page's.
    const shared = !created.signals && options.isolated && typeof SharedArrayBuffer !== "undefined";
    const interruptBuffer = adopted ? adopted.interruptBuffer : shared ? new SharedArrayBuffer(4) : null;
    interruptView = interruptBuffer ? new Int32Array(interruptBuffer) : null;
    inputBuffer = adopted ? adopted.inputBuffer : shared ? new SharedArrayBuffer(INPUT_BUFFER_BYTES) : null;
    created.onmessage = (event) => {
      if (worker !== created) return; // A terminated worker's last words.
      if (isKernelToPage(event.data)) onMessage(event.data);
    };
    created.onerror = (event) => {
      if (worker !== created) return;
      setPhase({ phase: "failed", message: event.message || "The Python worker failed to start.", notice: notice() });
      settle("restarted");
    };
    if (adopted) {
      for (const data of adopted.early) if (isKernelToPage(data)) onMessage(data);
      return; // It was sent its init when it was created.
    }
    created.postMessage({
      type: "init",
      version: KERNEL_PROTOCOL_VERSION,
      indexURL: options.indexURL,
      interruptBuffer,
      inputBuffer,
      packageBaseUrl: options.packageBaseUrl ?? null,
    });
  };

  const stopWorker = () => {
    worker?.terminate();
    worker = null;
    stopAsking();
  };

  const restartWith = (message: string | null) => {
    stopWorker();
    settle("restarted");
    setPhase({ phase: "starting", stage: "worker", notice: message });
    start();
  };

  start(options.adopt ?? null);

  return {
    status,
    run(code, filename, onEvent) {
      // A kernel that could not start runs nothing (the status says why; restart() tries again).
      if (disposed || status.get().phase === "failed") return Promise.resolve("restarted");
      if (pending) throw new Error(`A run is already in progress (${pending.runId}); the runner sends one at a time`);
      return new Promise<RunOutcome>((resolve) => {
        const runId = newRunId();
        pending = { runId, onEvent, resolve, startedAt: performance.now() };
        stopAsking(); // the worker will not read them until this run ends
        lastList = null; // the run may change what Python would list
        if (interruptView) Atomics.store(interruptView, 0, 0);
        if (info) setPhase({ phase: "busy", info, notice: null });
        worker?.postMessage({ type: "run", runId, code, filename });
      });
    },
    interrupt() {
      if (!pending) return;
      if (info?.interruptible && worker?.signals) worker.signals.interrupt();
      else if (interruptView && info?.interruptible) {
        Atomics.store(interruptView, 0, SIGINT);
        Atomics.notify(interruptView, 0); // wakes a time.sleep at once (worker/sleep.ts)
      } else restartWith(RESTART_NOTICE);
    },
    restart() {
      restartWith(null);
    },
    async complete(code, cursor) {
      const context = contextAt(code, cursor);
      const empty = { from: context?.from ?? cursor, to: cursor, matches: [], source: "cache" } as const;
      if (context === null) return empty;
      const word = { code, context };
      if (lastList && sameWordTypedOn(lastList.word, word)) {
        return { from: context.from, to: cursor, matches: lastList.matches, source: "kernel" };
      }
      const startedAt = performance.now();
      const reply = await ask({ type: "complete", code, cursor });
      if (reply === null || reply.type !== "complete_reply") {
        return { ...empty, matches: completeFromNames(context, names) ?? [] };
      }
      if (typeof performance.measure === "function") performance.measure(COMPLETE_MEASURE, { start: startedAt });
      if (context.kind === "name" && !context.prefix.startsWith("_")) names = reply.matches;
      lastList = { word, matches: reply.matches };
      return { from: reply.from, to: reply.to, matches: reply.matches, source: "kernel" };
    },
    async inspect(code, cursor) {
      const reply = await ask({ type: "inspect", code, cursor });
      if (reply === null || reply.type !== "inspect_reply") return { status: "busy" };
      if (!reply.found) return { status: "not-found" };
      const { type: _type, requestId: _id, found: _found, ...fields } = reply;
      return { ...fields, status: "found" };
    },
    answerInput(text) {
      if (worker?.signals) return worker.signals.answer(text);
      if (!inputBuffer) return;
      if (text === null) writeInputEof(inputBuffer);
      else writeInputReply(inputBuffer, text);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      stopWorker();
      settle("restarted");
    },
  };
}
