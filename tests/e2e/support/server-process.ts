/**
 * Runs the real server (server.ts, production build) as a child process with its own port and
 * environment, for tests of start-up, shutdown and bad input.
 */
import { spawn, type ChildProcess } from "node:child_process";

export interface ServerRun {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code, or the signal's name when a signal ended the process. */
  exited: Promise<number | string>;
}

export function startServer(env: Record<string, string>): ServerRun {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  return { child, output: () => text, exited };
}

/** Waits until the server says it is ready; throws with its output if it exits first. */
export async function waitUntilReady(run: ServerRun, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (run.output().includes("Tandem is ready")) return;
    if (run.child.exitCode !== null) throw new Error(`server exited with ${run.child.exitCode}:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not ready after ${timeoutMs} ms:\n${run.output()}`);
}

export async function stop(run: ServerRun, signal: NodeJS.Signals = "SIGTERM"): Promise<number | string> {
  if (run.child.exitCode === null) run.child.kill(signal);
  return run.exited;
}
