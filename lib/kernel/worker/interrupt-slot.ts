/**
 * What the worker registers with Pyodide as its interrupt buffer: a view of the shared Int32 slot
 * whose index 0 Pyodide can read and clear without losing a Stop.
 *
 * Why not the Int32Array itself: Pyodide takes a signal in CPython's
 * `_Py_CheckEmscriptenSignals_Helper` (called every 50 bytecodes and at every signal check) as two
 * plain steps, `result = buffer[0]; buffer[0] = 0`. A SIGINT the page stores between the read and
 * the write is overwritten: no KeyboardInterrupt, the slot is clear, and the cell runs on as if Stop
 * had never been pressed. A busy loop runs the helper constantly, so on a loaded machine a few Stops
 * in a hundred were lost (python/cpython#157548). Here the write clears only the value the read
 * returned (compare-and-exchange), so a Stop that lands in between stays for the next check.
 *
 * Pyodide does nothing else with what `setInterruptBuffer` receives: it tests it for truthiness and
 * indexes [0]; `pyodide.checkInterrupt()` only reads. Once a Pyodide takes the signal with
 * `Atomics.exchange` (the upstream fix), drop this view and register the Int32Array again: Atomics
 * refuses a plain object, Pyodide swallows that TypeError, and Stop would never reach a busy loop
 * (tests/integration/kernel.test.ts's interrupt tests would time out). Pure apart from Atomics.
 */

/** The one index of the interrupt buffer Pyodide reads and writes. */
export interface InterruptSlot {
  0: number;
}

export function atomicInterruptSlot(interrupt: Int32Array): InterruptSlot {
  let seen = 0; // what the last read returned: the only value a write may replace
  return {
    get 0(): number {
      seen = Atomics.load(interrupt, 0);
      return seen;
    },
    set 0(value: number) {
      Atomics.compareExchange(interrupt, 0, seen, value);
    },
  };
}
