/**
 * Python source of `_tandem_packages` and `_tandem_inline`: what packages need on the Python side.
 *
 * `_tandem_packages`:
 * - `prepare(code)`: each `%pip ...` line (and Colab's `!pip ...`) becomes an awaited call of
 *   `pip(...)`, line for line, so line numbers in tracebacks stay the cell's. Cells may await at
 *   top level, so the call needs no event loop of its own. The worker also looks for imports in
 *   the prepared code (a `%pip` line would make the cell unparsable).
 * - `pip(line)`: install / uninstall / list with micropip, which the worker loads from the package
 *   source first. Pure-Python wheels come from PyPI, Pyodide's own packages from the source.
 *   Failures are printed, not raised, as pip does in Jupyter: the rest of the cell still runs.
 * - `after_cell()`: called after every cell; shows the figures matplotlib still has open.
 * - the inline backend is chosen with MPLBACKEND at install, before matplotlib is ever imported.
 *
 * `_tandem_inline` is a matplotlib backend module in the shape matplotlib documents for
 * `module://` backends (FigureCanvas, FigureManager, show), like Jupyter's matplotlib-inline:
 * figures are drawn with Agg and shown as image/png outputs on `plt.show()` and after the cell,
 * then closed. It is imported by matplotlib only, never up front.
 */
export const PACKAGES_MODULE_SOURCE = String.raw`
"""%pip and the inline matplotlib backend (Tandem kernel helper; see python-packages.ts)."""
import json
import os
import re
import shlex
import sys

import _tandem

INLINE_BACKEND = "module://_tandem_inline"
USAGE = "Usage: %pip install NAME ...   (also %pip uninstall NAME ..., %pip list)\n"

enabled = False
_PIP_LINE = re.compile(r"^([ \t]*)[%!]pip(?:[ \t]+(.*))?$", re.M)


def prepare(code):
    """The cell's code with each %pip line turned into an awaited call, line for line."""
    if "pip" not in code:
        return code
    return _PIP_LINE.sub(lambda m: f"{m.group(1)}await __import__('_tandem_packages').pip({(m.group(2) or '').strip()!r})", code)


def _fail(names, reason, pip_missing=False):
    for name in names:
        sys.stderr.write(_tandem.bridge.install_failure(name, reason, pip_missing))


async def pip(line):
    """%pip install / uninstall / list, with micropip."""
    try:
        words = shlex.split(line, comments=True)
    except ValueError as exc:
        sys.stderr.write(f"%pip: {exc}\n")
        return
    command = words[0] if words else ""
    names = [w for w in words[1:] if not w.startswith("-")]
    if command not in ("install", "uninstall", "list") or (command != "list" and not names):
        sys.stderr.write(USAGE)
        return
    if not enabled:
        _fail(names or ["micropip"], "off")
        return
    failed = json.loads(await _tandem.bridge.load_packages(json.dumps(["micropip"])))
    if failed:
        _fail(names or ["micropip"], failed["micropip"], True)
        return
    import micropip

    if command == "list":
        print(micropip.list())
    elif command == "uninstall":
        micropip.uninstall(names)
        print(f"Uninstalled {', '.join(names)}.")
    else:
        try:
            await micropip.install(names)
        except Exception as exc:
            sys.stderr.write(f"{', '.join(names)} could not be installed: {exc}\n")
            return
        print(f"Installed {', '.join(names)}.")


def after_cell():
    """Show the figures the cell left open, as Jupyter's inline backend does after each cell."""
    backend = sys.modules.get("_tandem_inline")
    if backend is None:
        return
    try:
        backend.flush_figures()
    except Exception as exc:  # a figure that cannot be drawn must not cost the cell its status
        sys.stderr.write(f"A matplotlib figure could not be shown: {type(exc).__name__}: {exc}\n")


def install(packages_enabled):
    global enabled
    enabled = bool(packages_enabled)
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
`;

export const INLINE_BACKEND_SOURCE = String.raw`
"""Tandem's inline matplotlib backend: figures become image/png outputs (see python-packages.ts)."""
import io

from matplotlib._pylab_helpers import Gcf
from matplotlib.backend_bases import FigureManagerBase
from matplotlib.backends.backend_agg import FigureCanvasAgg

import _tandem

FigureCanvas = FigureCanvasAgg
FigureManager = FigureManagerBase


def _display(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    _tandem.display({"image/png": buffer.getvalue(), "text/plain": repr(figure)}, raw=True)


def flush_figures():
    """Shows every open figure, then closes them all."""
    managers = Gcf.get_all_fig_managers()
    try:
        for manager in managers:
            _display(manager.canvas.figure)
    finally:
        Gcf.destroy_all()


def show(*args, **kwargs):
    """plt.show(): the open figures appear now, where the cell's output has got to."""
    flush_figures()
`;
