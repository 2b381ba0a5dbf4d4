/**
 * The Python half of the kernel: helper modules the worker writes into Pyodide's file system
 * (under HELPER_DIR, appended to sys.path) and imports at start. They own what is easier said in
 * Python than across the FFI. This file holds `_tandem`, which `install(bridge, ...)` wires in:
 *
 * - `sys.stdout` / `sys.stderr` replacements that hand every write to JavaScript at once, so output
 *   streams as produced (no line buffering) and stays in program order with display() and results;
 *   `print` makes one write per call rather than one per argument and separator.
 * - `display()` (also a builtin), `input()` and `getpass.getpass()` over the bridge.
 * - a `time.sleep` that blocks the worker (sleep.ts) and that Stop interrupts at once.
 *
 * The others: `_tandem_run` (running a cell; python-run.ts), `_tandem_format` (mime bundles),
 * `_tandem_traceback` (Jupyter-style tracebacks), `_tandem_packages` (%pip, matplotlib's inline
 * backend `_tandem_inline`; python-packages.ts), `_tandem_complete` (completion and inspection;
 * python-complete.ts), `_tandem_magics` (obj?, %time, %timeit, !cmd; python-magics.ts) and a
 * stand-in `IPython.display`.
 *
 * The bridge is a JS object (interpreter.ts: `createBridge`). Structured values cross it as JSON
 * strings, so no PyProxy is ever handed to JavaScript and none can leak.
 */
import { IPYTHON_DISPLAY_SOURCE, IPYTHON_INIT_SOURCE } from "./python-ipython";
import { COMPLETE_MODULE_SOURCE } from "./python-complete";
import { FORMAT_MODULE_SOURCE } from "./python-format";
import { INLINE_BACKEND_SOURCE, PACKAGES_MODULE_SOURCE } from "./python-packages";
import { MAGICS_MODULE_SOURCE } from "./python-magics";
import { RUN_MODULE_SOURCE } from "./python-run";
import { TRACEBACK_MODULE_SOURCE } from "./python-traceback";
import { cyrb53 } from "../../util/hash";

/** Where the helpers live in Pyodide's file system. Tracebacks hide frames from here. */
export const HELPER_DIR = "/tandem";

/** The module the worker installs the bridge with (install) and the one it runs cells with. */
export const HELPER_MODULE = "_tandem";
export const RUN_MODULE = "_tandem_run";
/** The module with %pip and the matplotlib hook (python-packages.ts). */
export const PACKAGES_MODULE = "_tandem_packages";
export const COMPLETE_MODULE = "_tandem_complete";

export const HELPER_MODULE_SOURCE = String.raw`
"""Tandem's kernel helpers: streams, display, input, sleep (see python.ts)."""
import builtins
import codecs
import functools
import getpass
import io
import json
import operator
import sys
import time

import _tandem_format
import _tandem_traceback

INPUT_UNAVAILABLE = (
    "input() is not available here: it needs a cross-origin isolated page, which Tandem's own "
    "notebook pages are, but this one is not (for example, a notebook embedded on another site)."
)

bridge = None  # the JS bridge; _tandem_run uses it too
_input_available = False


class _BinaryStream(io.RawIOBase):
    """sys.stdout.buffer: bytes are decoded as UTF-8 (across writes) and streamed."""

    def __init__(self, name):
        super().__init__()
        self._name = name
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def writable(self):
        return True

    def write(self, b):
        data = bytes(b)
        text = self._decoder.decode(data)
        if text:
            bridge.stream(self._name, text)
        return len(data)


class _TextStream(io.TextIOBase):
    """sys.stdout / sys.stderr: every write goes to the page at once, nothing is held back."""

    encoding = "utf-8"
    errors = "replace"

    def __init__(self, name, fd):
        super().__init__()
        self._name = name
        self._fd = fd
        self.buffer = _BinaryStream(name)

    @property
    def name(self):
        return f"<{self._name}>"

    def writable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        return self._fd  # the real descriptor; the worker streams what reaches it too

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        if s:
            bridge.stream(self._name, s)
        return len(s)

    def flush(self):
        pass


_builtin_print = builtins.print


@functools.wraps(_builtin_print)
def _print(*args, sep=" ", end="\n", file=None, flush=False):
    # One message per print() rather than one per piece (args, separators, end): the real print,
    # into a string, then one write. Other files get the real print untouched.
    target = sys.stdout if file is None else file
    if not isinstance(target, _TextStream):
        return _builtin_print(*args, sep=sep, end=end, file=file, flush=flush)
    text = io.StringIO()
    _builtin_print(*args, sep=sep, end=end, file=text)
    target.write(text.getvalue())


def emit_bundle(kind, data, metadata):
    try:
        metadata_json = json.dumps(metadata)
    except (TypeError, ValueError) as exc:
        sys.stderr.write(f"display metadata is not JSON ({exc}); it is left out.\n")
        metadata_json = "{}"
    bridge.output(kind, json.dumps(data), metadata_json)


def display(*objs, include=None, exclude=None, metadata=None, raw=False, **_ignored):
    """Show each object as rich output under the cell, as Jupyter's display() does."""
    for obj in objs:
        if raw:
            data, md = _tandem_format.raw_bundle(obj, metadata)
        else:
            data, md = _tandem_format.mime_bundle(obj, include, exclude)
            if metadata:
                md.update(metadata)
        emit_bundle("display", data, md)


def _read_line(prompt, password):
    if not _input_available:
        raise RuntimeError(INPUT_UNAVAILABLE)
    outcome = bridge.input(str(prompt), bool(password))
    status = outcome.status
    if status == "reply":
        return outcome.text
    if status == "eof":
        raise EOFError("EOF when reading a line")
    if status == "interrupted":
        raise KeyboardInterrupt
    raise AssertionError(f"unexpected input status {status!r}")


def input(prompt=""):
    """Ask the person running the cell for a line; the page shows the prompt and an input box."""
    return _read_line(prompt, False)


def _getpass(prompt="Password: ", stream=None):
    return _read_line(prompt, True)


_pyodide_sleep = time.sleep


@functools.wraps(_pyodide_sleep)
def _sleep(seconds):
    # Pyodide's own sleep needs WebAssembly stack switching in a browser and fails without it; the
    # worker may simply block (sleep.ts), and looks at the interrupt buffer while it does, so Stop
    # ends a long sleep at once. Arguments are checked as CPython checks them.
    secs = seconds if isinstance(seconds, float) else operator.index(seconds)
    if secs != secs:
        raise ValueError("Invalid value NaN (not a number)")
    if secs < 0:
        raise ValueError("sleep length must be non-negative")
    if bridge.sleep(float(secs)):
        raise KeyboardInterrupt


def install(js_bridge, *, input_available, packages_enabled):
    global bridge, _input_available
    bridge = js_bridge
    _input_available = bool(input_available)
    import _tandem_packages  # imports this module: not at the top

    _tandem_packages.install(packages_enabled)
    sys.stdout = _TextStream("stdout", 1)
    sys.stderr = _TextStream("stderr", 2)
    builtins.print = _print
    builtins.input = input
    builtins.display = display
    getpass.getpass = _getpass
    time.sleep = _sleep
    # install() runs at every start, after a start-up snapshot is restored (snapshot.ts). The
    # snapshot holds the random module's state as it was when it was taken: without a fresh seed
    # (from os.urandom, which is the browser's crypto), every restored kernel would draw the same
    # "random" numbers.
    if "random" in sys.modules:
        sys.modules["random"].seed()
`;

/** Every helper file, by path under HELPER_DIR. */
export const HELPER_FILES: Readonly<Record<string, string>> = {
  [`${HELPER_MODULE}.py`]: HELPER_MODULE_SOURCE,
  "_tandem_run.py": RUN_MODULE_SOURCE,
  "_tandem_format.py": FORMAT_MODULE_SOURCE,
  "_tandem_traceback.py": TRACEBACK_MODULE_SOURCE,
  [`${PACKAGES_MODULE}.py`]: PACKAGES_MODULE_SOURCE,
  "_tandem_inline.py": INLINE_BACKEND_SOURCE,
  [`${COMPLETE_MODULE}.py`]: COMPLETE_MODULE_SOURCE,
  "_tandem_magics.py": MAGICS_MODULE_SOURCE,
  "IPython/__init__.py": IPYTHON_INIT_SOURCE,
  "IPython/display.py": IPYTHON_DISPLAY_SOURCE,
};

/** Changes whenever a helper's source does: part of the start-up snapshot's key (snapshot.ts). */
export const HELPERS_VERSION = cyrb53(
  Object.entries(HELPER_FILES)
    .map(([file, source]) => `${file}\0${source}`)
    .join("\0"),
);
