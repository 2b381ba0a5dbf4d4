/**
 * The server's log: one line per event. In production (NODE_ENV=production) each line is one JSON
 * object, `{"time","level","msg", ...fields}`, for a log collector to parse; in development it is
 * the readable text the console always printed. Fields carry context such as the request id
 * (http/request-id.ts) of the HTTP request or socket connection the event belongs to.
 *
 * Deliberately small: the server's lifecycle (server.ts), its requests and the collaboration code
 * log through here; the rest of the app may keep console calls, which still reach the same output.
 * An error is logged as its message and stack, never as the objects it may point to.
 */

export type LogLevel = "info" | "warn" | "error";

/** Context for one line: plain values only (they go into JSON as they are). */
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields, error?: unknown): void;
  error(msg: string, fields?: LogFields, error?: unknown): void;
  /** A logger that adds `fields` to every line (e.g. a connection's request id). */
  with(fields: LogFields): Logger;
}

/** Where lines go: stdout for info, stderr for warnings and errors (tests pass their own). */
export interface LogSink {
  out(line: string): void;
  err(line: string): void;
}

const consoleSink: LogSink = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function errorFields(error: unknown): Record<string, string> {
  if (error === undefined) return {};
  if (error instanceof Error) return { err: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { err: String(error) };
}

/** One JSON line; a field never overrides time, level or msg. */
export function jsonLine(level: LogLevel, msg: string, fields: LogFields, error?: unknown, now = new Date()): string {
  return JSON.stringify({ ...fields, ...errorFields(error), time: now.toISOString(), level, msg });
}

function textLine(level: LogLevel, msg: string, fields: LogFields, error?: unknown): string {
  const context = Object.entries(fields)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(" ");
  const detail = error === undefined ? "" : ` ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  return `${level === "info" ? "" : `${level}: `}${msg}${context ? ` (${context})` : ""}${detail}`;
}

/**
 * A logger writing JSON lines (`json`) or text to `sink`, with `base` fields on every line. Without
 * `json`, each line looks at NODE_ENV when written: `npm start` sets it after modules load.
 */
export function createLogger(options: { json?: boolean; sink?: LogSink; base?: LogFields } = {}): Logger {
  const sink = options.sink ?? consoleSink;
  const base = options.base ?? {};
  const write = (level: LogLevel, msg: string, fields: LogFields | undefined, error?: unknown) => {
    const all = { ...base, ...fields };
    const json = options.json ?? structured();
    const line = json ? jsonLine(level, msg, all, error) : textLine(level, msg, all, error);
    if (level === "info") sink.out(line);
    else sink.err(line);
  };
  return {
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields, error) => write("warn", msg, fields, error),
    error: (msg, fields, error) => write("error", msg, fields, error),
    with: (fields) => createLogger({ ...options, sink, base: { ...base, ...fields } }),
  };
}

/** Whether the process logs JSON lines (production), where per-request and per-socket lines belong. */
export function structured(): boolean {
  return process.env.NODE_ENV === "production";
}

/** The process's logger: JSON lines in production, text otherwise. */
export const log: Logger = createLogger();
