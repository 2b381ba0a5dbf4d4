"use client";

import type { KernelStatus } from "@/lib/kernel/client";
import type { NotebookActions } from "@/lib/react/use-notebook-controller";
import { useKernelStatus, useRunnerState, type Python } from "@/lib/react/use-kernel";
import { IconButton } from "../ui/icon-button";
import { CatchUpIcon, ClearOutputsIcon, RestartIcon, RunAllIcon, StopIcon } from "../ui/icons";
import { RestartDialog } from "./restart-dialog";

/** A loading stage in words ("loading the runtime"). */
export const kernelStage = (stage: string) => STAGES[stage] ?? stage;

const STAGES: Record<string, string> = {
  worker: "starting",
  runtime: "loading the runtime",
  interpreter: "starting the interpreter",
  helpers: "almost ready",
};

/** The state in words; the version and the loading stage are spans a narrow bar hides (small-screens.css). */
function describe(status: KernelStatus): React.ReactNode {
  const version = (python: string) => <span className="kernel-detail"> {python}</span>;
  switch (status.phase) {
    case "starting":
      return <>Python<span className="kernel-detail">: {STAGES[status.stage] ?? status.stage}</span>…</>;
    case "idle":
      return <>Python{version(status.info.python)}</>;
    case "busy":
      return <>Python{version(status.info.python)}: running</>;
    case "failed":
      return "Python failed to start";
  }
}

function title(status: KernelStatus): string {
  if (status.phase === "failed") return status.message;
  const own = "Your own Python, running in this browser tab";
  if (!("info" in status)) return own;
  const started = {
    restored: "started from the copy this browser keeps",
    prebuilt: "started from the copy Tandem serves",
    fresh: "started from scratch (the next start will be quicker)",
  }[status.info.start];
  return `${own}: Pyodide ${status.info.pyodide}, ${started}`;
}

/** This person's Python: run all / stop / restart (which asks first) / clear outputs / catch up, and its state. */
export function KernelControls({ python, actions, restartOpen = false }: { python: Python | null; actions: NotebookActions; restartOpen?: boolean }) {
  const status = useKernelStatus(python);
  const runner = useRunnerState(python);
  const running = [...runner.cells.values()].some((c) => c.state === "running" || c.state === "queued");
  // The state is the group's neighbour, not inside it: on a phone the buttons keep a row and the
  // state wraps under them (small-screens.css).
  return (
    <>
      <div className="kernel-controls" role="group" aria-label="Python">
        <IconButton label="Run all" hint="Ctrl+Shift+Enter" onClick={() => actions.perform("runAll", undefined, "button")}>
          <RunAllIcon />
        </IconButton>
        <IconButton label="Stop" hint="I, I" onClick={() => actions.perform("interrupt", undefined, "button")} disabled={!running}>
          <StopIcon />
        </IconButton>
        <IconButton label="Restart Python" hint="0, 0" onClick={() => actions.perform("restartKernel", undefined, "button")} disabled={!python} className="bar-wide">
          <RestartIcon />
        </IconButton>
        {restartOpen ? <RestartDialog onChoose={actions.restart} onCancel={() => actions.setRestartOpen(false)} /> : null}
        <IconButton label="Clear all outputs" hint="for everyone; Ctrl+Z brings them back" onClick={() => actions.perform("clearAllOutputs", undefined, "button")} className="bar-wide">
          <ClearOutputsIcon />
        </IconButton>
        <IconButton label="Catch up: run here what the room has run" onClick={() => python?.runner.catchUp()} disabled={!python} className="bar-wide">
          <CatchUpIcon />
        </IconButton>
      </div>
      <span
        className={`kernel-status kernel-${status.phase}`}
        data-testid="kernel-status"
        data-phase={status.phase}
        data-start={"info" in status ? status.info.start : undefined}
        title={title(status)}
        role="status"
      >
        <span className="kernel-dot" aria-hidden />
        <span>{describe(status)}</span>
      </span>
      {status.notice ? (
        <span className="kernel-notice" role="alert">
          {status.notice}
        </span>
      ) : null}
    </>
  );
}
