/**
 * The runner: between the notebook model and this person's kernel. A run request names a cell,
 * not code (STYLE rule 7): the runner reads the cell's source from the document when the run
 * starts, sends it to the kernel, and writes what comes back into the document with the run
 * commands under the `kernel` origin, so the whole room sees the output as it streams, with who ran
 * it. It also keeps the local facts the page shows: each cell's run state here (queued, running,
 * ...), which cells this kernel has run and on which source, and a pending input() prompt.
 *
 * Like Jupyter, the queue stops at the first error or interrupt: the cells after it are dropped,
 * not run against a state their author did not expect. Two exceptions: a lesson cell whose
 * metadata says it is expected to fail here (`tandem.expect`, e.g. a thread that cannot start in
 * the browser) does not stop "run all", its failure is the lesson; and a failed check does not
 * stop the checks after it.
 *
 * "Catch up" replays, in this kernel and in the order they ran, the cells whose runs produced the
 * room's current outputs, so my variables match what everyone sees. A replay writes nothing into the
 * document: those outputs are someone else's, and the replay only rebuilds state. Which runs it
 * replays and skips is the planner's (catch-up.ts); here the replay goes on past an error its
 * author got too, stops (saying where and why) at one they did not, gives each input() the answer
 * its author gave, and keeps a report (`catchUp`) the page shows as progress and then a summary.
 *
 * input() is shared like output, as Jupyter keeps it: the prompt is written into the cell's stream
 * output when Python asks, and the answer after it when it is given (dots for getpass, a
 * placeholder for an answer its author keeps private, nothing but the line's end when the person
 * gives up or the run is stopped), so everyone sees the question at once and both afterwards.
 * Python always gets the real answer; the run's record keeps it only if it was not private (a
 * catch up then asks whoever replays it). While Python waits, `onInput` says so, for presence.
 *
 * Streams arrive in many small pieces; they are buffered and appended every STREAM_FLUSH_MS (and
 * before any other output, and at the end), so a print loop costs a few document updates a
 * second, not one per line. A run's output is capped at MAX_OUTPUT_CHARS; past that the rest is
 * dropped with a notice, so a runaway loop cannot bloat everyone's copy of the notebook.
 *
 * A notebook has a size limit (`maxNotebookBytes`, the server's TANDEM_MAX_NOTEBOOK_BYTES), counted
 * as its .ipynb file (lib/notebook/nbformat/file-size.ts), so that every export can be imported
 * again. A run measures the notebook when its first output comes (the cell's old outputs already
 * cleared), then takes an upper bound of each output it keeps from the room left; when an output
 * would not fit, it measures again (the bound overcounts), and if it still does not fit, the run
 * keeps no more outputs: a note in stderr says so, and `full` tells the page. Outputs stop a little
 * short of the limit (outputHeadroom), leaving room for what a run writes that cannot be refused
 * (its record and end). Others typing or running at the same time are counted at the next
 * measure, not in between. This is the runner of whoever runs the cell, so a client that skips the
 * check only makes a notebook whose export the import refuses; nothing is lost (the export gives
 * all of it).
 */
import type { CellId } from "../notebook/ids";
import { KERNEL } from "../notebook/origins";
import { getCellMap, cellSourceText, readCellMetadata, readCellType } from "../notebook/schema";
import { readTandemCellMeta } from "../notebook/lesson-meta";
import { readCheck } from "../notebook/checks";
import { snapshotNotebook } from "../notebook/selectors";
import { sourceHash, type ExecutionRecord, type InputAnswer } from "../notebook/execution";
import { appendOutputs, clearOutputsOf, finishRun, startRun } from "../notebook/run-commands";
import { documentFileBytes, outputFileBytes, outputHeadroom } from "../notebook/nbformat/file-size";
import type { JsonObject } from "../util/json";
import { createStore } from "../util/store";
import type { RunOutcome } from "./client";
import type { InputRequestMessage, RunEvent } from "./protocol";
import { planCatchUp, type ReplayStep } from "./catch-up";
import { inputEcho, notKeptNote, outputFor } from "./run-output";
import { MAX_OUTPUT_CHARS, STREAM_FLUSH_MS, type CatchUpReport, type CellRunInfo, type Runner, type RunnerOptions, type RunnerState } from "./runner-types";

export { inputEcho, outputFor } from "./run-output";
export {
  MAX_OUTPUT_CHARS,
  PRIVATE_ANSWER,
  STREAM_FLUSH_MS,
  type AnswerOptions,
  type CatchUpReport,
  type CellRunInfo,
  type CellRunState,
  type InputPrompt,
  type NotebookFull,
  type RestartThen,
  type Runner,
  type RunnerOptions,
  type RunnerState,
} from "./runner-types";

interface Job {
  id: CellId;
  replay: boolean;
  /** The code to run instead of the cell's current source (a replay of the room's run). */
  code?: string;
  /** `code` is a hidden check's: it must not reach the document. */
  hidden?: boolean;
  /** A catch up's replay: what its author's run did, and their input() answers. */
  step?: ReplayStep;
}

const EMPTY: RunnerState = { cells: new Map(), ranHere: new Map(), wrote: new Map(), input: null, nextCount: 1, catchUp: null, full: null };

export function createRunner(options: RunnerOptions): Runner {
  const { doc, kernel } = options;
  const now = options.now ?? (() => new Date());
  const state = createStore<RunnerState>(EMPTY);
  const queue: Job[] = [];
  let busy = false;
  let disposed = false;
  /** Bumped by restart: a run cut off by it must not drop the jobs queued after it (run all). */
  let generation = 0;
  let lastPhase = kernel.status.get().phase;
  /** Ends the pending input()'s line in the output with the answer; set while Python waits. */
  let answered: ((answer: string | null, keepPrivate?: boolean) => void) | null = null;

  /** The job running now. */
  let current: Job | null = null;
  /** The last error the running job raised ("NameError: name 'x' is not defined"). */
  let lastError: string | null = null;

  const patch = (next: Partial<RunnerState>) => state.set({ ...state.get(), ...next });
  const setCell = (id: CellId, info: CellRunInfo | null) => {
    const cells = new Map(state.get().cells);
    if (info) cells.set(id, info);
    else cells.delete(id);
    patch({ cells });
  };
  /** The catch up's report, changed (nothing once it has finished). */
  const report = (change: (r: CatchUpReport) => Partial<CatchUpReport>) => {
    const r = state.get().catchUp;
    if (r && !r.finished) patch({ catchUp: { ...r, ...change(r) } });
  };
  /** A catch up cut short: where and why, unless it said so already. */
  const stopCatchUp = (cell: number | null, reason: string) =>
    report((r) => ({ stopped: r.stopped ?? { cell, reason }, current: null, finished: true }));
  const dropQueue = (why = "the queue was stopped") => {
    const cells = new Map(state.get().cells);
    const dropped = queue.splice(0);
    for (const job of dropped) if (cells.get(job.id)?.state === "queued") cells.delete(job.id);
    patch({ cells });
    const next = dropped.find((job) => job.step);
    if (next?.step) stopCatchUp(current?.step?.cell ?? next.step.cell, why);
  };

  // A kernel that starts again (restarted, or replaced after an uninterruptible stop) forgets
  // everything: so do the facts about it.
  const unwatch = kernel.status.subscribe(() => {
    const phase = kernel.status.get().phase;
    if (phase === "starting" && lastPhase !== "starting") patch({ ranHere: new Map(), nextCount: 1 });
    lastPhase = phase;
  });

  const python = () => {
    const s = kernel.status.get();
    return s.phase === "idle" || s.phase === "busy" ? `${s.info.python} (Pyodide ${s.info.pyodide})` : "Python (Pyodide)";
  };

  async function runJob(job: Job): Promise<RunOutcome | "skipped"> {
    const cell = getCellMap(doc, job.id);
    if (!cell || readCellType(cell) !== "code") return "skipped";
    const shown = cellSourceText(cell).toString();
    // A hidden check's cell is empty in a student's copy: run without its code, it would "pass".
    if (!job.hidden && shown.trim() === "" && readCheck(readCellMetadata(cell))?.hidden) return "skipped";
    const source = job.code ?? shown;
    const count = state.get().nextCount;
    patch({ nextCount: count + 1 });
    lastError = null;
    /** The author's answers, given in turn to a replay's input(); the answers given here, kept. */
    const recorded = [...(job.step?.answers ?? [])];
    const given: InputAnswer[] = [];
    setCell(job.id, { state: "running", replay: job.replay });
    if (job.step) report(() => ({ current: job.step!.cell }));
    const runId = `${job.id}:${now().getTime().toString(36)}:${Math.random().toString(36).slice(2, 8)}`;
    const record: ExecutionRecord = {
      runId,
      by: options.user(),
      startedAt: now().toISOString(),
      finishedAt: null,
      status: "running",
      executionCount: null,
      python: python(),
      // A hidden check's record describes the (empty) cell, so it is not stale, and keeps no code.
      sourceHash: sourceHash(job.hidden ? shown : source),
      inputs: null,
      source: job.hidden ? null : source,
    };
    let writing = !job.replay && startRun(doc, job.id, record, KERNEL);
    if (writing) {
      patch({ wrote: new Map(state.get().wrote).set(job.id, runId) });
      options.onRunning?.(runId);
    }

    let pendingStreams: JsonObject[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    let chars = 0;
    let capped = false;
    /** Bytes the notebook's file may still grow by in this run; null until measured. */
    let room: number | null = null;
    const write = (outputs: JsonObject[]) => {
      if (writing && outputs.length > 0) writing = appendOutputs(doc, job.id, runId, outputs, KERNEL);
    };
    const flush = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      const chunk = pendingStreams;
      pendingStreams = [];
      write(chunk);
    };
    /** Whether keeping `output` leaves the notebook within its size limit (see the module comment). */
    const fits = (output: JsonObject, limit: number) => {
      const cost = outputFileBytes(output);
      let measured: number | null = null;
      if (room === null || cost > room) {
        flush();
        measured = documentFileBytes(doc);
        // Room for runs' records and ends, and for the note that says an output was not kept.
        room = limit - outputHeadroom(limit) - measured - outputFileBytes(notKeptNote(limit));
      }
      if (cost > room) {
        patch({ full: { bytes: measured!, limit } });
        return false;
      }
      if (measured !== null && state.get().full) patch({ full: null });
      room -= cost;
      return true;
    };
    const take = (output: JsonObject) => {
      if (capped) return false;
      chars += JSON.stringify(output).length;
      if (chars > MAX_OUTPUT_CHARS) {
        capped = true;
        flush();
        write([{ output_type: "stream", name: "stderr", text: `\n[Output truncated: more than ${MAX_OUTPUT_CHARS.toLocaleString("en")} characters.]\n` }]);
        return false;
      }
      const limit = options.maxNotebookBytes;
      if (writing && limit !== undefined && !fits(output, limit)) {
        capped = true;
        flush();
        write([notKeptNote(limit)]);
        return false;
      }
      return true;
    };

    const echo = (text: string) => {
      const output: JsonObject = { output_type: "stream", name: "stdout", text };
      if (!take(output)) return;
      flush();
      write([output]);
    };
    const endInput = (answer: string | null, password: boolean, keepPrivate: boolean) => {
      answered = null;
      // A private answer (getpass, or kept private by its author) is recorded as such, never its value.
      const hidden = (password || keepPrivate) && answer !== null;
      given.push(hidden ? { answer: null, private: true } : { answer, private: false });
      echo(inputEcho(answer, password, keepPrivate));
      options.onInput?.(false);
    };

    const outcome = await kernel.run(source, `Cell [${count}]`, (event: RunEvent | InputRequestMessage) => {
      // Anything after a prompt nobody answered (a Stop) starts on a line of its own.
      answered?.(null);
      if (event.type === "input") {
        // A replay gives the answer its author gave, unless they kept it private (or it is unknown).
        const theirs = job.step && job.step.answers ? recorded.shift() : undefined;
        if (theirs && !theirs.private) {
          report((r) => ({ answered: r.answered + 1 }));
          kernel.answerInput(theirs.answer);
          return;
        }
        if (event.prompt) echo(event.prompt);
        else flush();
        answered = (answer, keepPrivate = false) => endInput(answer, event.password, keepPrivate);
        patch({ input: { cellId: job.id, prompt: event.prompt, password: event.password } });
        options.onInput?.(true);
        return;
      }
      if (event.type === "error") lastError = event.evalue ? `${event.ename}: ${event.evalue}` : event.ename;
      const output = job.hidden && event.type === "error" ? { ...outputFor(event, count), traceback: [`${event.ename}: ${event.evalue}`] } : outputFor(event, count);
      if (!take(output)) return;
      if (event.type === "stream") {
        const last = pendingStreams[pendingStreams.length - 1];
        if (last && last.name === event.name) last.text = `${String(last.text)}${event.text}`;
        else pendingStreams.push(output);
        timer ??= setTimeout(flush, STREAM_FLUSH_MS);
      } else {
        flush();
        write([output]);
      }
    });
    answered?.(null);
    flush();
    patch({ input: null });
    options.onRunning?.(null);
    const status = outcome === "restarted" ? "interrupted" : outcome;
    const end = { status, executionCount: count, finishedAt: now().toISOString(), python: python(), inputs: given };
    if (writing) finishRun(doc, job.id, runId, end, KERNEL);
    // Unless a restart has marked it already, and maybe queued it again (restart and run all).
    if (state.get().cells.get(job.id)?.state === "running") setCell(job.id, { state: status, replay: job.replay });
    if (outcome !== "restarted") patch({ ranHere: new Map(state.get().ranHere).set(job.id, record.sourceHash) });
    return outcome;
  }

  /** A failure that does not stop the queue: a lesson cell expected to fail here, or a check. */
  const failureGoesOn = (id: CellId): boolean => {
    const cell = getCellMap(doc, id);
    if (cell === undefined) return false;
    const metadata = readCellMetadata(cell);
    if (readCheck(metadata)) return true;
    try {
      return readTandemCellMeta(metadata).expect?.outcome === "error";
    } catch {
      return false; // Malformed metadata from an import: no exception to the rule.
    }
  };

  /** A catch up's replay has ended: counted, or where and why the catch up stops. */
  const replayed = (step: ReplayStep, outcome: RunOutcome | "skipped") => {
    const expected = outcome === "ok" || (outcome === "error" && step.expect === "error");
    report((r) => ({ done: r.done + 1, current: null }));
    if (expected) report((r) => ({ ran: r.ran + 1, expectedErrors: r.expectedErrors + (outcome === "error" ? 1 : 0) }));
    else if (outcome === "error") {
      stopCatchUp(step.cell, `${lastError ?? "an error"}, an error ${step.by}'s run did not get`);
    } else if (outcome !== "skipped") {
      stopCatchUp(step.cell, outcome === "restarted" ? "Python restarted" : "it was stopped");
    }
    report((r) => (r.done >= r.total ? { current: null, finished: true } : {}));
  };

  async function pump(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      while (!disposed && queue.length > 0) {
        const job = queue.shift()!;
        const started = generation;
        current = job;
        const outcome = await runJob(job);
        current = null;
        if (job.step) replayed(job.step, outcome);
        if (outcome === "skipped") setCell(job.id, null);
        else if (started !== generation) continue;
        else if (outcome === "error" && failureGoesOn(job.id)) continue;
        // An error its author got too is expected: the catch up goes on.
        else if (outcome === "error" && job.step?.expect === "error") continue;
        else if (outcome !== "ok") dropQueue();
      }
    } finally {
      busy = false;
    }
  }

  const enqueue = (jobs: Job[]) => {
    if (disposed || jobs.length === 0) return;
    const cells = new Map(state.get().cells);
    for (const job of jobs) {
      if (queue.some((q) => q.id === job.id) || cells.get(job.id)?.state === "running") continue;
      queue.push(job);
      cells.set(job.id, { state: "queued", replay: job.replay });
    }
    patch({ cells });
    void pump();
  };

  return {
    state,
    run(ids, hidden) {
      enqueue(ids.map((id) => (hidden?.has(id) ? { id, replay: false, code: hidden.get(id)!, hidden: true } : { id, replay: false })));
    },
    catchUp(planOptions) {
      if (disposed || (state.get().catchUp && !state.get().catchUp!.finished)) return 0;
      // What produced the room's outputs is the source each run read, which the cell may have
      // been edited away from since (stale): that is what replays, where the record kept it.
      const plan = planCatchUp(snapshotNotebook(doc).cells, state.get().ranHere, planOptions);
      const steps = plan.replay.filter((step) => !queue.some((q) => q.id === step.id) && state.get().cells.get(step.id)?.state !== "running");
      patch({
        catchUp: {
          total: steps.length,
          done: 0,
          current: null,
          ran: 0,
          expectedErrors: 0,
          skipped: plan.skipped,
          answered: 0,
          stopped: null,
          finished: steps.length === 0,
        },
      });
      enqueue(steps.map((step) => ({ id: step.id, replay: true, code: step.code, step })));
      return steps.length;
    },
    dismissCatchUp() {
      if (state.get().catchUp?.finished) patch({ catchUp: null });
    },
    interrupt() {
      if (current?.step) stopCatchUp(current.step.cell, "you pressed Stop");
      dropQueue("you pressed Stop");
      kernel.interrupt();
    },
    restart(then = "nothing") {
      generation++;
      if (current?.step) stopCatchUp(current.step.cell, "Python restarted");
      dropQueue("Python restarted");
      const cells = new Map(state.get().cells);
      for (const [id, info] of cells) if (info.state === "running") cells.set(id, { ...info, state: "interrupted" });
      patch({ cells });
      kernel.restart();
      // The cut-off run's last write (its end) comes after this, and is refused: its record is gone.
      if (then === "clearMine" || then === "clearAll") clearOutputsOf(doc, then === "clearAll" ? "everyone" : options.user(), KERNEL);
      if (then === "runAll") enqueue(snapshotNotebook(doc).cells.map((c) => ({ id: c.id, replay: false })));
    },
    answerInput(text, answerOptions) {
      answered?.(text, answerOptions?.keepPrivate ?? false);
      patch({ input: null });
      kernel.answerInput(text);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      queue.length = 0;
      unwatch();
    },
  };
}
