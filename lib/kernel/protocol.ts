/**
 * The kernel protocol: every message between the page (lib/kernel/client.ts) and the Pyodide
 * worker (lib/kernel/worker/). One file of discriminated unions with a version, importing nothing,
 * so both sides and the tests read the same definitions. Every `switch` over these types ends in an
 * exhaustiveness check.
 *
 * The conversation:
 *
 *   page                                  worker
 *   init {indexURL, interruptBuffer} ──▶
 *                                    ◀── progress {stage} ...   (loading Pyodide, in stages)
 *                                    ◀── ready {python, pyodide}  or  fatal {message}
 *   run {runId, code, filename}      ──▶
 *                                    ◀── stream / display / result / error  (as they happen)
 *                                    ◀── done {runId, status}
 *   complete {requestId, code, cursor} ──▶
 *                                    ◀── complete_reply {requestId, from, to, matches}
 *   inspect {requestId, code, cursor}  ──▶
 *                                    ◀── inspect_reply {requestId, found, ...}
 *
 * Runs are handled one at a time in the order they arrive; the page queues them. `complete` and
 * `inspect` (code intelligence) are not queued behind runs: the worker answers each as soon as it
 * reads it, from the live namespace. While a cell runs Python the worker reads no messages, so the
 * page does not send them then (client.ts answers from its cache instead); one sent just before a
 * run is answered when the worker next reads messages, and the page has stopped waiting for it. Outputs carry
 * nbformat-shaped data (mime bundles of strings, base64 for binary images), so the page writes them
 * into the notebook without translation.
 *
 * `input()` blocks the worker the same way: it posts `input {prompt}` and waits (Atomics.wait) on
 * `inputBuffer` until the page writes the reply there (layout below). Without isolation there is no
 * shared memory, and `input()` raises an error that says so.
 *
 * An interrupt is not a message: the worker is busy running Python and reads no messages until the
 * run ends. Where the page is cross-origin isolated it shares `interruptBuffer` (an Int32Array over
 * a SharedArrayBuffer, one element) and writes SIGINT (2) into it; Pyodide checks it between
 * bytecodes and raises KeyboardInterrupt. Elsewhere the page terminates the worker.
 */

/** Bump on any change to the shapes below; the worker refuses an init of another version. */
export const KERNEL_PROTOCOL_VERSION = 3;

/** The value the page writes into the interrupt buffer: POSIX SIGINT, as Pyodide expects. */
export const SIGINT = 2;

/**
 * The input buffer: a SharedArrayBuffer of INPUT_BUFFER_BYTES. Int32 slot 0 is the state
 * (INPUT_WAITING while the worker waits, INPUT_READY once the page has written a reply, INPUT_EOF
 * when the page gives up, e.g. the run was stopped), Int32 slot 1 the reply's length in bytes, and
 * the reply's UTF-8 bytes start at byte INPUT_TEXT_OFFSET. The page writes the text and length,
 * then the state, then calls Atomics.notify on slot 0.
 */
export const INPUT_BUFFER_BYTES = 64 * 1024;
export const INPUT_TEXT_OFFSET = 8;
export const INPUT_WAITING = 0;
export const INPUT_READY = 1;
export const INPUT_EOF = 2;

/** A mime bundle as nbformat has it: "text/plain" -> text, "image/png" -> base64, ... */
export type MimeBundle = Record<string, string>;

export type LoadStage =
  /** Fetching and compiling Pyodide's WebAssembly and JavaScript. */
  | "runtime"
  /** Unpacking the standard library and starting the interpreter. */
  | "interpreter"
  /** Installing Tandem's helpers (display, tracebacks) into the interpreter. */
  | "helpers";

// ---- page -> worker ----

export interface InitMessage {
  readonly type: "init";
  readonly version: number;
  /** Where Pyodide's files are served, ending in "/" (e.g. "/pyodide/"). */
  readonly indexURL: string;
  /** One Int32 over a SharedArrayBuffer, or null where the page is not cross-origin isolated. */
  readonly interruptBuffer: SharedArrayBuffer | null;
  /** INPUT_BUFFER_BYTES of shared memory for input(), or null where not cross-origin isolated. */
  readonly inputBuffer: SharedArrayBuffer | null;
  /** A Pyodide package base URL for imports beyond the standard library, or null for none. */
  readonly packageBaseUrl: string | null;
}

export interface RunMessage {
  readonly type: "run";
  readonly runId: string;
  readonly code: string;
  /** The name tracebacks give this code, e.g. "Cell [3]". */
  readonly filename: string;
}

/**
 * Code intelligence: what could follow the code up to `cursor` (a UTF-16 offset into `code`, the
 * cell's text as the editor has it). Answered with a `complete_reply` of the same requestId.
 */
export interface CompleteMessage {
  readonly type: "complete";
  readonly requestId: number;
  readonly code: string;
  readonly cursor: number;
}

/** The signature and docstring of what is called or named at `cursor` (Shift-Tab, as in Jupyter). */
export interface InspectMessage {
  readonly type: "inspect";
  readonly requestId: number;
  readonly code: string;
  readonly cursor: number;
}

export type PageToKernel = InitMessage | RunMessage | CompleteMessage | InspectMessage;

// ---- worker -> page ----

export interface ProgressMessage {
  readonly type: "progress";
  readonly stage: LoadStage;
}

export interface ReadyMessage {
  readonly type: "ready";
  /** "3.14.0" */
  readonly python: string;
  /** Pyodide's own version, "314.0.7" */
  readonly pyodide: string;
  /** Whether interrupts go through the shared buffer (else the page must terminate the worker). */
  readonly interruptible: boolean;
  /**
   * "restored" from this browser's start-up snapshot, "prebuilt" from the one the app serves, or a
   * "fresh" start (worker/snapshot.ts).
   */
  readonly start: KernelStart;
}

export type KernelStart = "restored" | "prebuilt" | "fresh";

/** The worker could not start (or the protocol versions differ). Nothing else follows. */
export interface FatalMessage {
  readonly type: "fatal";
  readonly message: string;
}

export interface StreamMessage {
  readonly type: "stream";
  readonly runId: string;
  readonly name: "stdout" | "stderr";
  readonly text: string;
}

/** `display(obj)` from the cell: nbformat display_data. */
export interface DisplayMessage {
  readonly type: "display";
  readonly runId: string;
  readonly data: MimeBundle;
  readonly metadata: Record<string, unknown>;
}

/** The value of the cell's last expression, when it is not None: nbformat execute_result. */
export interface ResultMessage {
  readonly type: "result";
  readonly runId: string;
  readonly data: MimeBundle;
  readonly metadata: Record<string, unknown>;
}

/** The exception that ended the run: nbformat error, traceback lines with ANSI colours. */
export interface ErrorMessage {
  readonly type: "error";
  readonly runId: string;
  readonly ename: string;
  readonly evalue: string;
  readonly traceback: readonly string[];
}

/** The cell called input(): the page asks the person and writes the reply into the input buffer. */
export interface InputRequestMessage {
  readonly type: "input";
  readonly runId: string;
  readonly prompt: string;
  /** getpass.getpass(): the page should not echo the reply. */
  readonly password: boolean;
}

export type RunStatus = "ok" | "error" | "interrupted";

export interface DoneMessage {
  readonly type: "done";
  readonly runId: string;
  readonly status: RunStatus;
  /** Wall time of the run inside the worker, in milliseconds. */
  readonly durationMs: number;
}

/** What a completion item is, for its icon: CodeMirror's completion types. */
export type CompletionKind = "variable" | "function" | "class" | "module" | "keyword" | "property";

export interface CompletionMatch {
  readonly label: string;
  readonly kind: CompletionKind;
}

/**
 * Every candidate for the word that ends at the cursor, unfiltered by what is typed of it (the
 * editor filters as the person types on): the word is code[from, to). Names starting with "_" are
 * left out unless the typed part starts with "_", as IPython does. No candidates: an empty list.
 */
export interface CompleteReplyMessage {
  readonly type: "complete_reply";
  readonly requestId: number;
  readonly from: number;
  readonly to: number;
  readonly matches: readonly CompletionMatch[];
}

/** `found: false`: there is nothing to inspect at the cursor, or it is not a name Python knows. */
export type InspectReplyMessage =
  | { readonly type: "inspect_reply"; readonly requestId: number; readonly found: false }
  | {
      readonly type: "inspect_reply";
      readonly requestId: number;
      readonly found: true;
      /** The dotted name that was inspected, "math.sqrt". */
      readonly name: string;
      /** Its type's name, "builtin_function_or_method". */
      readonly typeName: string;
      /** "print(*args, sep=' ', end='\n', file=None, flush=False)", or null when it has none. */
      readonly signature: string | null;
      /** inspect.getdoc(), or null. */
      readonly doc: string | null;
      /** A short repr for a value that is not a function, class or module; else null. */
      readonly value: string | null;
    };

export type KernelToPage =
  | ProgressMessage
  | ReadyMessage
  | FatalMessage
  | StreamMessage
  | DisplayMessage
  | ResultMessage
  | ErrorMessage
  | InputRequestMessage
  | DoneMessage
  | CompleteReplyMessage
  | InspectReplyMessage;

/** Messages that belong to one run. */
export type RunEvent = StreamMessage | DisplayMessage | ResultMessage | ErrorMessage;

export function isRunEvent(message: KernelToPage): message is RunEvent {
  return message.type === "stream" || message.type === "display" || message.type === "result" || message.type === "error";
}

/** A message from the worker as the page receives it: checked before it is trusted. */
export function isKernelToPage(value: unknown): value is KernelToPage {
  if (typeof value !== "object" || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return (
    type === "progress" ||
    type === "ready" ||
    type === "fatal" ||
    type === "stream" ||
    type === "display" ||
    type === "result" ||
    type === "error" ||
    type === "input" ||
    type === "done" ||
    type === "complete_reply" ||
    type === "inspect_reply"
  );
}
