/**
 * `time.sleep` for Python in the kernel's worker: the worker's thread really blocks for the time
 * asked, and a Stop ends the wait at once.
 *
 * Why not Pyodide's own: in a browser its `time.sleep` tries to suspend WebAssembly (JSPI, "stack
 * switching") and, where that is missing or cannot be used from inside a running cell, raises
 * `RuntimeError: WebAssembly stack switching not supported`. A worker does not need to suspend:
 * it may block. Where the page is cross-origin isolated, `Atomics.wait` blocks without using the
 * CPU. It waits on the interrupt buffer itself (the page wakes it with `Atomics.notify` when Stop
 * is pressed, client.ts), in slices of at most SLICE_MS in case a notify is missed. Where shared
 * memory is not available (a page that is not isolated, e.g. an embed on another site), the only
 * honest way to block is a busy wait on the clock: the time is right, but it keeps one CPU core
 * busy, and Stop restarts the worker there anyway (there is no interrupt buffer).
 *
 * Output printed before a sleep is not held back by it: every write is posted to the page as it is
 * made (interpreter.ts), and the page, which is not blocked, shows it while the worker waits.
 *
 * Pure apart from Atomics and the clock: runs in a browser worker and in Node's worker threads.
 */
/** The longest single wait before the interrupt buffer is looked at again. */
export const SLICE_MS = 50;

export type SleepOutcome = "slept" | "interrupted";

/** How this worker blocks: "atomics" where shared memory exists, else "busy" (see above). */
export type SleepMethod = "atomics" | "busy";

export interface SleepOptions {
  /** The shared interrupt buffer (one Int32), or null where there is none. */
  readonly interrupt: Int32Array | null;
  /** Takes a pending Stop, returning whether there was one (false while interrupts are off). */
  readonly takeInterrupt: () => boolean;
  /** The clock, in milliseconds (tests replace it). */
  readonly now?: () => number;
}

export interface Sleeper {
  readonly method: SleepMethod;
  /** Blocks the thread for `ms` milliseconds or until a Stop, whichever comes first. */
  sleep(ms: number, options: SleepOptions): SleepOutcome;
}

/** An Int32 of this worker's own to wait on, or null where Atomics.wait cannot block here. */
function privateCell(): Int32Array | null {
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) return null;
  if (typeof SharedArrayBuffer !== "function") return null;
  try {
    const cell = new Int32Array(new SharedArrayBuffer(4));
    Atomics.wait(cell, 0, 0, 0); // throws where this thread may not block (a page's main thread)
    return cell;
  } catch {
    return null;
  }
}

/** A sleeper for this thread; `method` forces one (tests use "busy" to try the fallback). */
export function createSleeper(method?: SleepMethod): Sleeper {
  const cell = method === "busy" ? null : privateCell();
  if (method === "atomics" && cell === null) throw new Error("Atomics.wait cannot block on this thread");
  return {
    method: cell ? "atomics" : "busy",
    sleep(ms, { interrupt, takeInterrupt, now = () => performance.now() }) {
      if (!(ms >= 0)) throw new Error(`Invalid sleep length ${ms} ms (expected a number >= 0)`);
      const deadline = now() + ms;
      for (;;) {
        if (takeInterrupt()) return "interrupted";
        const left = deadline - now();
        if (left <= 0) return "slept";
        const slice = Math.min(left, SLICE_MS);
        if (cell === null) {
          const end = now() + slice;
          while (now() < end) {
            // Busy: nothing else can block this thread (see the design note above).
          }
        } else if (interrupt !== null && Atomics.load(interrupt, 0) === 0) {
          // Woken early by the page's notify on Stop; a Stop pending while interrupts are off
          // (nonzero, not taken) would return at once, so that case waits on the private cell.
          Atomics.wait(interrupt, 0, 0, slice);
        } else {
          Atomics.wait(cell, 0, 0, slice);
        }
      }
    },
  };
}

