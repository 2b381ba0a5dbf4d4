"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { createKernelClient } from "@/lib/kernel/client";
import { browserKernelOptions } from "@/lib/kernel/early";
import { gradeCopy } from "@/lib/kernel/grader";
import type { GradeSubmission, GradingPayload } from "@/lib/classroom/grading-types";
import { postForJson } from "./use-action";

type Phase =
  | { readonly kind: "idle" }
  | { readonly kind: "grading"; readonly done: number; readonly total: number; readonly student: string }
  | { readonly kind: "done"; readonly graded: number; readonly problems: readonly string[]; readonly stopped: boolean };

/**
 * Grade: runs every hand-in of an assignment with its hidden checks in this (the teacher's)
 * browser, one student after another, each in a fresh Python of its own (lib/kernel/grader.ts), and
 * stores each result with the version it graded. The hidden checks' code comes from the server for
 * the teacher only; no student's browser ever receives it.
 */
export function GradeButton({ assignmentId, title, packageBaseUrl }: { assignmentId: string; title: string; packageBaseUrl: string | null }) {
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const stop = useRef<AbortController | null>(null);

  const grade = async () => {
    const controller = new AbortController();
    stop.current = controller;
    setPhase({ kind: "grading", done: 0, total: 0, student: "" });
    const problems: string[] = [];
    let graded = 0;
    let grading: GradingPayload;
    try {
      const response = await fetch(`/api/assignments/${assignmentId}/grading`, { cache: "no-store" });
      if (!response.ok) throw new Error(`The server answered ${response.status}.`);
      grading = (await response.json()) as GradingPayload;
    } catch (error) {
      setPhase({ kind: "done", graded: 0, problems: [`Could not load the hand-ins: ${error instanceof Error ? error.message : String(error)}`], stopped: false });
      return;
    }
    if (grading.checks.length === 0) {
      setPhase({ kind: "done", graded: 0, problems: ["This assignment has no checks to grade."], stopped: false });
      return;
    }
    const hidden = new Map(grading.hiddenChecks.map((c) => [c.cellId, c.source]));
    const checks = grading.checks.map((c) => ({ cellId: c.cellId, hidden: c.hidden }));
    for (const [index, copy] of grading.copies.entries()) {
      if (controller.signal.aborted) break;
      setPhase({ kind: "grading", done: index, total: grading.copies.length, student: copy.studentName });
      // One mark per hand-in, start of Python to stored grade: bench:classroom reads the time
      // per student from these measures (scripts/bench/grading.ts); they cost nothing otherwise.
      const mark = `tandem:grade-copy:${index}`;
      performance.mark(mark);
      const kernel = createKernelClient(browserKernelOptions(packageBaseUrl));
      try {
        const results = await gradeCopy(kernel, copy.cells, { checks, hidden, signal: controller.signal });
        if (controller.signal.aborted) break;
        const submission: GradeSubmission = { copyId: copy.copyId, versionId: copy.versionId, results };
        const saved = await postForJson(`/api/assignments/${assignmentId}/grades`, submission);
        if ("error" in saved) problems.push(`${copy.studentName}: ${saved.error}`);
        else graded += 1;
      } catch (error) {
        problems.push(`${copy.studentName}: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        kernel.dispose();
        performance.measure("tandem:grade-copy", mark);
        performance.clearMarks(mark);
      }
    }
    stop.current = null;
    setPhase({ kind: "done", graded, problems, stopped: controller.signal.aborted });
    router.refresh();
  };

  if (phase.kind === "grading") {
    return (
      <span className="grade-progress" role="status" data-testid="grade-progress">
        {phase.total === 0 ? "Loading the hand-ins…" : `Grading ${phase.done + 1} of ${phase.total}: ${phase.student}…`}
        <button type="button" className="button button-small" onClick={() => stop.current?.abort()}>
          Stop
        </button>
      </span>
    );
  }
  return (
    <span className="grade-action">
      <button type="button" className="button button-small" onClick={() => void grade()} aria-label={`Grade the hand-ins of ${title}`}>
        Grade
      </button>
      {phase.kind === "done" ? (
        <span role="status" data-testid="grade-result">
          {phase.graded === 0 && phase.problems.length === 0 && !phase.stopped ? "Nothing handed in yet." : `Graded ${phase.graded} hand-in${phase.graded === 1 ? "" : "s"}${phase.stopped ? " (stopped)" : ""}.`}
          {phase.problems.length > 0 ? (
            <ul className="grade-problems">
              {phase.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </span>
      ) : null}
    </span>
  );
}
