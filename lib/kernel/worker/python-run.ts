/**
 * Python source of `_tandem_run`: runs one cell, Jupyter-style, and reports it.
 *
 * A cell is compiled by Pyodide's CodeRunner ("last_expr", top-level await allowed, no dedent so
 * indentation errors match Jupyter's) and run in `__main__`'s dict: one namespace for every run,
 * where pickle and dataclasses find the classes it defines. The last expression's value, unless
 * None, becomes a `result` and is bound to `_`. A cell that does not parse as Python first goes
 * through `_tandem_magics.transform_cell` (obj?, %time, !cmd; python-magics.ts), line for line.
 * Every exception, KeyboardInterrupt and SystemExit included, becomes an `error`; `run_cell`
 * never raises and returns "ok", "error" or "interrupted".
 *
 * Why interrupts are switched on and off around the cell (`Interruptible`): Pyodide raises
 * KeyboardInterrupt in whatever Python runs next after the page writes SIGINT. If that is not the
 * cell but asyncio's or Pyodide's own plumbing (between runs, while the cell waits in an await, or
 * just after a blocking call such as time.sleep returns), the exception escapes the event loop and
 * the run never ends. So the interrupt buffer is registered only while the cell's own code runs;
 * a Stop that arrives while it is switched off is taken when it is switched off (thrown into the
 * cell) or, while the cell waits, by the worker's timer, which calls `interrupt()` to cancel the
 * cell's task. Our own reporting therefore cannot be interrupted half-way.
 *
 * `%pip` lines are rewritten before compiling (python-packages.ts), and matplotlib's open figures
 * are shown after every cell, whatever its status, as Jupyter's inline backend does.
 */
export const RUN_MODULE_SOURCE = String.raw`
"""Runs cells for the Tandem kernel (see python-run.ts)."""
import ast
import asyncio
import json
import sys

import __main__
from pyodide.code import CodeRunner

import _tandem
import _tandem_format
import _tandem_magics
import _tandem_packages
import _tandem_traceback

namespace = __main__.__dict__
_task = None  # the asyncio task running the current cell
_cancelled = False  # whether interrupt() cancelled it


class Interruptible:
    """Awaits a coroutine with interrupts on while its code runs and off while it waits."""

    def __init__(self, coroutine):
        self._coroutine = coroutine

    def __await__(self):
        coroutine, bridge = self._coroutine, _tandem.bridge
        value, error = None, None
        while True:
            bridge.interrupts(True)
            try:
                step = coroutine.send(value) if error is None else coroutine.throw(error)
            except StopIteration as stop:
                if bridge.interrupts(False):
                    raise KeyboardInterrupt from None  # Stop during a call that could not see it
                return stop.value
            except BaseException:
                bridge.interrupts(False)
                raise
            if bridge.interrupts(False):
                value, error = None, KeyboardInterrupt()  # Stop just before the cell awaited
                continue
            try:
                value, error = (yield step), None
            except BaseException as thrown:  # e.g. interrupt()'s CancelledError
                value, error = None, thrown


async def _cell(runner):
    value = await runner.run_async(namespace)
    if value is not None:
        namespace["_"] = value
        data, metadata = _tandem_format.mime_bundle(value)  # user reprs: still interruptible
        _tandem.emit_bundle("result", data, metadata)


def _report(exc):
    if isinstance(exc, asyncio.CancelledError) and _cancelled:
        exc = KeyboardInterrupt().with_traceback(exc.__traceback__)
    sys.last_exc = sys.last_value = exc
    sys.last_type, sys.last_traceback = type(exc), exc.__traceback__
    try:
        ename, evalue, lines = _tandem_traceback.format_exception(exc)
    except Exception as failure:  # a bug here must not hide the user's exception
        ename, evalue = type(exc).__name__, _tandem_traceback.safe_str(exc)
        lines = [f"{ename}: {evalue}", f"(Tandem could not format the traceback: {failure!r})"]
    _tandem.bridge.error(ename, evalue, json.dumps(lines))
    return "interrupted" if isinstance(exc, KeyboardInterrupt) else "error"


async def run_cell(code, filename):
    """Run one cell in the shared namespace and report its outputs. Never raises."""
    global _task, _cancelled
    try:
        _task, _cancelled = asyncio.current_task(), False
        _tandem_traceback.register_cell(filename, code)
        runner = CodeRunner(
            # %pip lines first (line for line), then the other magics: tracebacks keep the cell's lines.
            _tandem_magics.transform_cell(_tandem_packages.prepare(code), filename),
            filename=filename,
            return_mode="last_expr",
            quiet_trailing_semicolon=True,
            flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
            dedent=False,
        )
        await Interruptible(_cell(runner.compile()))
        return "ok"
    except BaseException as exc:  # KeyboardInterrupt and SystemExit are outputs too
        return _report(exc)
    finally:
        _task = None
        _tandem_packages.after_cell()  # figures left open, after the result or traceback (Jupyter)


def interrupt():
    """Cancel the running cell while it awaits. Returns whether there was one to cancel."""
    global _cancelled
    task = _task
    if task is None or task.done():
        return False
    _cancelled = True
    task.cancel()
    return True
`;
