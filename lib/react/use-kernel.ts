/**
 * This person's Python for a notebook page: the kernel client (the Pyodide worker) and the runner
 * that writes its results into the shared notebook. Created when the editable notebook mounts, so
 * Pyodide starts loading at once; disposed on unmount. Hooks below give components plain values.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { CellId } from "../notebook/ids";
import { browserKernelOptions, takeEarlyKernel } from "../kernel/early";
import { createKernelClient, type KernelAssist, type KernelClient, type KernelStatus } from "../kernel/client";
import { createRunner, type CellRunInfo, type InputPrompt, type Runner, type RunnerState } from "../kernel/runner";
import type { NotebookSession } from "../sync/session";
import type { PresenceUser } from "../protocol/presence";
import { setPresenceAwaitingInput, setPresenceRunning } from "../sync/presence";
import { createStore } from "../util/store";


export interface Python {
  readonly kernel: KernelClient;
  readonly runner: Runner;
  /** Completion and Shift-Tab docs for the editors: this person's own kernel; null for an embed's. */
  readonly assist: KernelAssist | null;
}

/**
 * This person's Python for the session; none (null) when `enabled` is false (a viewer). Its runs
 * keep no outputs past the notebook's size limit, `maxNotebookBytes` (runner.ts).
 */
export function usePython(session: NotebookSession, user: PresenceUser, packageBaseUrl: string | null, enabled = true, maxNotebookBytes?: number): Python | null {
  const [holder] = useState(() => createStore<Python | null>(null));
  const userRef = useRef(user);
  useEffect(() => {
    userRef.current = user;
  }, [user]);
  useEffect(() => {
    if (!enabled) return;
    // The page may have started Python already (early.ts); take it if it matches.
    const early = takeEarlyKernel();
    const usable = early && early.packageBaseUrl === packageBaseUrl ? early : null;
    if (early && !usable) early.worker.terminate();
    const kernel = createKernelClient({
      ...browserKernelOptions(packageBaseUrl),
      adopt: usable ? { worker: usable.worker, early: usable.early, interruptBuffer: null, inputBuffer: null } : null,
    });
    const runner = createRunner({
      doc: session.doc,
      kernel,
      user: () => ({ ...userRef.current }),
      onRunning: (runId) => setPresenceRunning(session.awareness, runId),
      onInput: (waiting) => setPresenceAwaitingInput(session.awareness, waiting),
      maxNotebookBytes,
    });
    holder.set({ kernel, runner, assist: kernel });
    return () => {
      holder.set(null);
      runner.dispose();
      kernel.dispose();
    };
  }, [holder, session, packageBaseUrl, enabled, maxNotebookBytes]);
  return useSyncExternalStore(holder.subscribe, holder.get, () => null);
}

const STARTING: KernelStatus = { phase: "starting", stage: "worker", notice: null };
const noop = () => () => {};

export function useKernelStatus(python: Python | null): KernelStatus {
  return useSyncExternalStore(
    python ? python.kernel.status.subscribe : noop,
    python ? python.kernel.status.get : () => STARTING,
    () => STARTING,
  );
}

const EMPTY_STATE: RunnerState = { cells: new Map(), ranHere: new Map(), wrote: new Map(), input: null, nextCount: 1, catchUp: null, full: null };

export function useRunnerState(python: Python | null): RunnerState {
  return useSyncExternalStore(
    python ? python.runner.state.subscribe : noop,
    python ? python.runner.state.get : () => EMPTY_STATE,
    () => EMPTY_STATE,
  );
}

export interface CellRunView {
  readonly run: CellRunInfo | undefined;
  /** The hash of the source this kernel last ran for the cell, if it has. */
  readonly ranHash: string | undefined;
  /** The pending input() of this cell's run, if any. */
  readonly input: InputPrompt | null;
  /** The run id of the last run this Python wrote into the cell: its outputs are mine when it matches. */
  readonly wrote: string | undefined;
}

/** One cell's view of the runner; re-renders only when that cell's part changes. */
export function useCellRun(python: Python | null, id: CellId): CellRunView {
  const subscribe = python ? python.runner.state.subscribe : noop;
  const run = useSyncExternalStore(
    subscribe,
    useCallback(() => python?.runner.state.get().cells.get(id), [python, id]),
    () => undefined,
  );
  const ranHash = useSyncExternalStore(
    subscribe,
    useCallback(() => python?.runner.state.get().ranHere.get(id), [python, id]),
    () => undefined,
  );
  const input = useSyncExternalStore(
    subscribe,
    useCallback(() => {
      const pending = python?.runner.state.get().input ?? null;
      return pending?.cellId === id ? pending : null;
    }, [python, id]),
    () => null,
  );
  const wrote = useSyncExternalStore(
    subscribe,
    useCallback(() => python?.runner.state.get().wrote.get(id), [python, id]),
    () => undefined,
  );
  return { run, ranHash, input, wrote };
}
