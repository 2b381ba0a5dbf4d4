"use client";

import type { KernelStatus } from "@/lib/kernel/client";
import type { Python } from "@/lib/react/use-kernel";
import { kernelStage } from "../notebook/kernel-controls";


/** The frame's Python in words: not loaded yet (it loads on the first run), loading, ready, running. */
export function KernelState({ python, status }: { python: Python | null; status: KernelStatus }) {
  const text = !python
    ? "Python loads when you run a cell"
    : status.phase === "starting"
      ? `Loading Python: ${kernelStage(status.stage)}…`
      : status.phase === "failed"
        ? "Python failed to start"
        : status.phase === "busy"
          ? "Running…"
          : `Python ${status.info.python}, in your browser`;
  return (
    <span className="embed-kernel" role="status" data-testid="embed-kernel" data-phase={python ? status.phase : "idle-unloaded"}>
      {text}
      {python && status.phase === "failed" ? `: ${status.message}` : null}
      {python && status.notice ? (
        <span className="kernel-notice" role="alert">
          {" "}
          {status.notice}
        </span>
      ) : null}
    </span>
  );
}
