/**
 * What a start-up snapshot (snapshot.ts) would otherwise get wrong: it holds memory, and some of
 * that memory describes the machine it was made on. After every restore, this reads them again
 * from the machine Python runs on now:
 *
 * - the time zone: Emscripten's libc reads it from JavaScript's Date once per process
 *   (`_tzset_js`) into C globals, and Python's `time` module copies those into `time.timezone`,
 *   `time.tzname`... at import. Both are redone: the C globals through Emscripten's own function,
 *   on the addresses the main module exports, then the `time` module's zone constants.
 * - the locale: Emscripten sets `LANG` from the browser's language before Python starts, and
 *   Python sets LC_CTYPE from it. A snapshot made elsewhere (lib/server/kernel/snapshot.ts builds one
 *   in Node, with `LANG=C.UTF-8`) carries its maker's.
 * - `sys.path`: Pyodide inserts "" at the front on every load, restored ones included, so a
 *   restored interpreter would have it twice.
 *
 * Nothing here may fail a start: a Pyodide without these internals just keeps the snapshot's values.
 */
import type { PyodideAPI } from "pyodide";

/** The parts of Emscripten's module object used here (Pyodide's `_module`, not public API). */
interface EmscriptenTime {
  readonly _timezone?: number;
  readonly _daylight?: number;
  readonly _tzname?: number;
  readonly HEAPU32?: Uint32Array;
  readonly __tzset_js?: (timezone: number, daylight: number, stdName: number, dstName: number) => void;
}

/** `LANG` as Emscripten derives it from the browser's preferred language ("de-DE" -> "de_DE.UTF-8"). */
export function browserLang(languages: readonly string[] | undefined): string | null {
  const first = languages?.[0];
  return first ? `${first.replace("-", "_")}.UTF-8` : null;
}

function rereadTimeZone(pyodide: PyodideAPI): void {
  const m = (pyodide as unknown as { _module?: EmscriptenTime })._module;
  if (!m?.__tzset_js || m._timezone === undefined || m._daylight === undefined || m._tzname === undefined || !m.HEAPU32) return;
  // tzname[0] and tzname[1] point at libc's buffers for the two names; _tzset_js fills them.
  const names = m._tzname >>> 2;
  m.__tzset_js(m._timezone, m._daylight, m.HEAPU32[names]!, m.HEAPU32[names + 1]!);
}

/** Re-reads the time zone and locale, and drops the repeated "" of `sys.path`. */
export function refreshEnvironment(pyodide: PyodideAPI, lang: string | null): void {
  try {
    rereadTimeZone(pyodide);
    pyodide.runPython(
      `
def _tandem_refresh(lang):
    import importlib.util, locale, os, sys, time
    # A second instance of the time module reads libc's zone afresh (reloading a built-in module
    # does nothing); its zone constants replace the first's, which everything else refers to.
    spec = importlib.util.find_spec("time")
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    for name in ("timezone", "altzone", "daylight", "tzname"):
        setattr(time, name, getattr(fresh, name))
    if lang is not None and os.environ.get("LANG") != lang:
        os.environ["LANG"] = lang
        locale.setlocale(locale.LC_CTYPE, "")
    while sys.path[:2] == ["", ""]:
        del sys.path[0]
_tandem_refresh(${lang === null ? "None" : JSON.stringify(lang)})
del _tandem_refresh
`,
    );
  } catch (error) {
    console.warn("Tandem kernel: could not refresh the time zone and locale after a restore.", error);
  }
}
