import { describe, expect, it } from "vitest";
import { createLogger, type LogSink } from "./log";

function capture(): LogSink & { lines: { stream: "out" | "err"; line: string }[] } {
  const lines: { stream: "out" | "err"; line: string }[] = [];
  return { lines, out: (line) => lines.push({ stream: "out", line }), err: (line) => lines.push({ stream: "err", line }) };
}

describe("the server log", () => {
  it("writes one JSON object per line in production, with time, level, msg and the context", () => {
    const sink = capture();
    const log = createLogger({ json: true, sink }).with({ requestId: "r-1" });
    log.info("socket opened", { notebookId: "nb1", write: true });
    log.error("Storing failed", { notebookId: "nb1" }, new Error("disk full\nsecond line"));
    expect(sink.lines.map((l) => l.stream)).toEqual(["out", "err"]);
    const [info, error] = sink.lines.map((l) => JSON.parse(l.line) as Record<string, unknown>);
    expect(info).toMatchObject({ level: "info", msg: "socket opened", requestId: "r-1", notebookId: "nb1", write: true });
    expect(new Date(info!.time as string).toISOString()).toBe(info!.time);
    expect(error).toMatchObject({ level: "error", msg: "Storing failed", requestId: "r-1", err: "disk full\nsecond line" });
    expect(error!.stack).toContain("disk full");
    // One event, one line, whatever the message holds.
    for (const { line } of sink.lines) expect(line).not.toContain("\n");
  });

  it("never lets a field stand in for time, level or msg", () => {
    const sink = capture();
    createLogger({ json: true, sink }).info("real", { msg: "forged", level: "error", time: "then" });
    expect(JSON.parse(sink.lines[0]!.line)).toMatchObject({ msg: "real", level: "info" });
  });

  it("writes readable text in development", () => {
    const sink = capture();
    createLogger({ json: false, sink }).warn("Slow", { requestId: "r-2", skipped: undefined });
    expect(sink.lines).toEqual([{ stream: "err", line: "warn: Slow (requestId=r-2)" }]);
  });
});
