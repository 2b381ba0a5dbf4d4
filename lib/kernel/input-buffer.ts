/**
 * The input buffer's layout in one place (see protocol.ts): Int32 slot 0 is the state, Int32 slot 1
 * the reply's length in bytes, and the reply's UTF-8 bytes start at INPUT_TEXT_OFFSET. The page
 * answers with `writeInputReply` / `writeInputEof`; the worker waits with `waitForInputReply`.
 *
 * Why the worker waits in slices rather than once: while it blocks in Atomics.wait no Python runs,
 * so Pyodide never looks at the interrupt buffer. Waking every `sliceMs` to look at it ourselves
 * keeps Stop prompt during input(). We also clear the interrupt slot when we act on it, or Pyodide
 * would raise a second KeyboardInterrupt at its next check.
 *
 * Pure apart from Atomics: no DOM, no Node APIs, usable on both sides and in tests.
 */
import { INPUT_BUFFER_BYTES, INPUT_EOF, INPUT_READY, INPUT_TEXT_OFFSET, INPUT_WAITING, SIGINT } from "./protocol";

/** The most reply bytes the buffer holds. */
export const INPUT_TEXT_CAPACITY = INPUT_BUFFER_BYTES - INPUT_TEXT_OFFSET;

export type InputOutcome =
  | { readonly status: "reply"; readonly text: string }
  | { readonly status: "eof" }
  | { readonly status: "interrupted" };

function stateView(buffer: SharedArrayBuffer): Int32Array {
  if (buffer.byteLength < INPUT_BUFFER_BYTES) {
    throw new Error(`Input buffer too small: ${buffer.byteLength} bytes, need ${INPUT_BUFFER_BYTES}`);
  }
  return new Int32Array(buffer, 0, 2);
}

/** Truncates UTF-8 bytes to at most `max` without cutting a character in half. */
function truncateUtf8(bytes: Uint8Array, max: number): Uint8Array {
  if (bytes.length <= max) return bytes;
  let end = max;
  // Step back over continuation bytes (10xxxxxx) to the start of the cut character.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/**
 * Page side: writes `text` as the reply and wakes the worker. A reply longer than the buffer is
 * cut at a character boundary (64 KiB is far beyond what a person types into an input box).
 */
export function writeInputReply(buffer: SharedArrayBuffer, text: string): void {
  const state = stateView(buffer);
  const bytes = truncateUtf8(new TextEncoder().encode(text), INPUT_TEXT_CAPACITY);
  new Uint8Array(buffer, INPUT_TEXT_OFFSET, bytes.length).set(bytes);
  Atomics.store(state, 1, bytes.length);
  Atomics.store(state, 0, INPUT_READY);
  Atomics.notify(state, 0);
}

/** Page side: gives up on the pending input() (it raises EOFError in Python). */
export function writeInputEof(buffer: SharedArrayBuffer): void {
  const state = stateView(buffer);
  Atomics.store(state, 1, 0);
  Atomics.store(state, 0, INPUT_EOF);
  Atomics.notify(state, 0);
}

/** Worker side: marks the buffer as waiting, before the worker asks the page for a reply. */
export function resetInputBuffer(buffer: SharedArrayBuffer): void {
  const state = stateView(buffer);
  Atomics.store(state, 1, 0);
  Atomics.store(state, 0, INPUT_WAITING);
}

function readReply(buffer: SharedArrayBuffer, state: Int32Array): string {
  const length = Math.min(Math.max(Atomics.load(state, 1), 0), INPUT_TEXT_CAPACITY);
  // TextDecoder refuses views of shared memory in browsers: copy the bytes out first.
  const copy = new Uint8Array(length);
  copy.set(new Uint8Array(buffer, INPUT_TEXT_OFFSET, length));
  return new TextDecoder().decode(copy);
}

export interface WaitForInputOptions {
  /** The interrupt buffer's Int32 view, or null when there is none. */
  readonly interrupt: Int32Array | null;
  /** How long each Atomics.wait lasts before the interrupt slot is checked again. */
  readonly sliceMs?: number;
}

/**
 * Worker side: blocks until the page answers, gives up, or interrupts. Leaves the buffer waiting
 * again for the next input(). Must run where Atomics.wait is allowed (a worker, not a page).
 */
export function waitForInputReply(buffer: SharedArrayBuffer, { interrupt, sliceMs = 50 }: WaitForInputOptions): InputOutcome {
  const state = stateView(buffer);
  for (;;) {
    const current = Atomics.load(state, 0);
    if (current === INPUT_READY) {
      const text = readReply(buffer, state);
      resetInputBuffer(buffer);
      return { status: "reply", text };
    }
    if (current === INPUT_EOF) {
      resetInputBuffer(buffer);
      return { status: "eof" };
    }
    if (interrupt !== null && Atomics.load(interrupt, 0) === SIGINT) {
      Atomics.store(interrupt, 0, 0);
      return { status: "interrupted" };
    }
    Atomics.wait(state, 0, current, sliceMs);
  }
}
