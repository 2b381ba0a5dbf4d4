/** The runner's public shapes and limits (runner.ts). */
import type * as Y from "yjs";
import type { CellId } from "../notebook/ids";
import type { ReadableStore } from "../util/store";
import type { KernelClient } from "./client";
import type { PlanOptions, SkippedRun } from "./catch-up";

export const STREAM_FLUSH_MS = 50;
export const MAX_OUTPUT_CHARS = 500_000;

export type CellRunState = "queued" | "running" | "ok" | "error" | "interrupted";

export interface CellRunInfo {
  readonly state: CellRunState;
  /** Whether this is a catch-up replay (no outputs written). */
  readonly replay: boolean;
}

export interface InputPrompt {
  readonly cellId: CellId;
  readonly prompt: string;
  readonly password: boolean;
}

/** Where a catch up is, then how it went (the page shows it as progress, then a summary). */
export interface CatchUpReport {
  /** Runs to replay. */
  readonly total: number;
  /** Replays ended so far (ran, failed as expected, or the one it stopped at). */
  readonly done: number;
  /** The cell (1-based) replaying now. */
  readonly current: number | null;
  /** Replays that ended as their author's run did (ok, or an error they got too). */
  readonly ran: number;
  /** Of those, the ones that errored as they did for their author. */
  readonly expectedErrors: number;
  readonly skipped: readonly SkippedRun[];
  /** input() answers given from the record (the person was not asked). */
  readonly answered: number;
  /** Where and why it stopped before the end, if it did. */
  readonly stopped: { readonly cell: number | null; readonly reason: string } | null;
  readonly finished: boolean;
}

export interface RunnerState {
  /** Cells with a run state in this session (absent: never queued here). */
  readonly cells: ReadonlyMap<CellId, CellRunInfo>;
  /** Source hashes of what this kernel ran, per cell (reset when the kernel restarts). */
  readonly ranHere: ReadonlyMap<CellId, string>;
  /**
   * The run id of the last run this Python wrote into each cell: whether a cell's outputs are this
   * person's own (a NameError hint shows only on theirs). Kept across restarts: the outputs stay.
   */
  readonly wrote: ReadonlyMap<CellId, string>;
  readonly input: InputPrompt | null;
  /** The next execution count ("[n]") in this kernel session. */
  readonly nextCount: number;
  /** The last catch up's progress or summary; null before any (or once dismissed). */
  readonly catchUp: CatchUpReport | null;
  /**
   * The notebook was too near its size limit for a run's outputs: its size then and the limit, in
   * bytes. Null until that happens, and again once a later run's output fits.
   */
  readonly full: NotebookFull | null;
}

export interface NotebookFull {
  readonly bytes: number;
  readonly limit: number;
}

export interface RunnerOptions {
  doc: Y.Doc;
  kernel: KernelClient;
  /** Who is running, as the room sees them. */
  user: () => { name: string; color: string };
  now?: () => Date;
  /** Told the runId of the run in progress, and null when it ends (for presence). */
  onRunning?: (runId: string | null) => void;
  /** Told when the run starts and stops waiting for this person's input() (for presence). */
  onInput?: (waiting: boolean) => void;
  /** The notebook's size limit in bytes of its .ipynb (see above); absent, none. */
  maxNotebookBytes?: number;
}

export interface Runner {
  readonly state: ReadableStore<RunnerState>;
  /**
   * Queues cells to run, in the order given (markdown and missing cells are skipped). `hidden`
   * gives the code of hidden checks (lib/notebook/checks.ts), run in place of their empty cells
   * without showing it: their records keep no source and their tracebacks only the exception.
   */
  run(ids: readonly CellId[], hidden?: ReadonlyMap<CellId, string>): void;
  /**
   * Queues a silent replay of the runs behind the room's current outputs not yet made here (the
   * planner's rules, catch-up.ts); returns how many. Does nothing while a catch up is going.
   */
  catchUp(options?: PlanOptions): number;
  /** Forgets the last catch up's summary. */
  dismissCatchUp(): void;
  /** Stops the running cell and drops the queue. */
  interrupt(): void;
  /**
   * Restarts the kernel: queue dropped, variables and counts reset. `then`: run every cell in the
   * fresh kernel, or clear my outputs (cells whose record names me) or everyone's first.
   */
  restart(then?: RestartThen): void;
  /**
   * Answers the pending input(). `keepPrivate`: the answer goes to Python but not into the shared
   * output or the run's record (a getpass() answer always is).
   */
  answerInput(text: string | null, options?: AnswerOptions): void;
  dispose(): void;
}

export interface AnswerOptions {
  /** Only Python gets the answer: the output shows a placeholder and the record keeps none. */
  readonly keepPrivate?: boolean;
}

/** What the shared output shows for an input() answer its author kept private. */
export const PRIVATE_ANSWER = "•••• (private)";

/** What follows a restart (the kernel controls' choices). */
export type RestartThen = "nothing" | "runAll" | "clearMine" | "clearAll";
