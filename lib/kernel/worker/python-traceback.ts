/**
 * Python source of `_tandem_traceback`: Jupyter-style tracebacks as nbformat wants them (ename,
 * evalue, a list of lines with ANSI colours, which ansi_up renders on the page).
 *
 * Shaped after IPython's "Context" mode: a red rule and header, then each frame with its location
 * and a few lines of source around the failing one, which is marked "---->"; last the
 * "Name: message" line. Frames of Pyodide's own machinery (`/lib/python3xx.zip/_pyodide/`,
 * `pyodide/`, `<exec>`) and of Tandem's helpers (`/tandem/`) are dropped: a learner should see
 * their cell, not our plumbing. A long run of one repeated frame (recursion) is folded into one
 * line, as IPython does. Chained exceptions are shown oldest first with Python's connecting text.
 *
 * A ModuleNotFoundError for a module outside the standard library says why, for the learner: the
 * server has packages off, the download failed, or the module is no Pyodide package (then %pip
 * may help). The worker knows which (package-loader.ts: `note`); Pyodide's own note, which tells
 * a developer to call micropip or pyodide.loadPackage, is then left out.
 */
export const TRACEBACK_MODULE_SOURCE = String.raw`
"""Jupyter-style tracebacks (Tandem kernel helper; see python-traceback.ts)."""
import linecache
import re
import sys
import traceback

RED, GREEN, CYAN, BLUE, RESET = "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[34m", "\x1b[39m"
BOLD_GREEN, RESET_ALL = "\x1b[1;32m", "\x1b[0m"
RULE = RED + "-" * 75 + RESET
TITLE = "Traceback (most recent call last)"
CONTEXT = 2  # source lines shown before and after the failing one
FOLD_AFTER = 3  # a frame repeated more often than this is folded

# The end of the note Pyodide adds to a ModuleNotFoundError (_pyodide/_importhook.py).
PYODIDE_NOTE_END = "usage/loading-packages.html for more details."

# "/tandem/" is HELPER_DIR in python.ts.
_INTERNAL = re.compile(r"^(<exec>$|/tandem/|/lib/python[^/]*/(_pyodide|pyodide)/)")
_cells = set()  # filenames of cells, shown as "Cell [3], line 2" rather than "File ...:2"


def register_cell(filename, source):
    """Let tracebacks and linecache show this cell's lines under its filename."""
    _cells.add(filename)
    lines = source.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    linecache.cache[filename] = (len(source), None, lines, filename)


def safe_str(exc):
    try:
        return str(exc)
    except Exception:
        return "<exception str() failed>"


def _module_note(exc):
    """Why a module could not be imported, for the learner, or None."""
    name = getattr(exc, "name", None) if isinstance(exc, ModuleNotFoundError) else None
    if not isinstance(name, str) or not name:
        return None
    top = name.partition(".")[0]
    if top in sys.modules:
        return None  # a missing submodule of a module that is there: a typo, not a package
    import _tandem  # imports this module: not at the top

    if _tandem.bridge is None:
        return None
    note = _tandem.bridge.module_note(top, top in sys.stdlib_module_names)
    return note or None


def exception_value(exc):
    """nbformat's evalue: str(exc), plus why a module is missing where that applies."""
    text = safe_str(exc)
    note = _module_note(exc)
    return f"{text.rstrip('.')}. {note}" if note else text


def _notes(exc):
    notes = list(getattr(exc, "__notes__", None) or ())
    if _module_note(exc) is not None:  # ours replaces Pyodide's advice to developers
        notes = [n for n in notes if not str(n).rstrip().endswith(PYODIDE_NOTE_END)]
    return notes


def _signature(code):
    count = code.co_argcount + code.co_kwonlyargcount
    names = list(code.co_varnames[:count])
    flags = code.co_flags
    if flags & 0x04:  # CO_VARARGS
        names.insert(code.co_argcount, "*" + code.co_varnames[count])
        count += 1
    if flags & 0x08:  # CO_VARKEYWORDS
        names.append("**" + code.co_varnames[count])
    return "(" + ", ".join(names) + ")"


def _location(filename, lineno, code):
    where = ""
    if code is not None and code.co_name != "<module>":
        where = f", in {CYAN}{code.co_name}{RESET}{BLUE}{_signature(code)}{RESET}"
    if filename in _cells:
        return f"{GREEN}{filename}, line {lineno}{RESET}{where}"
    return f"File {GREEN}{filename}:{lineno}{RESET}{where}"


def _source_lines(filename, lineno, module_globals):
    first = max(1, lineno - CONTEXT)
    rows = []
    for number in range(first, lineno + CONTEXT + 1):
        line = linecache.getline(filename, number, module_globals)
        if not line:
            if number <= lineno:
                continue
            break
        rows.append((number, line.rstrip("\r\n")))
    width = len(str(rows[-1][0])) if rows else 1
    out = []
    for number, text in rows:
        if number == lineno:
            out.append(f"{BOLD_GREEN}----> {number:>{width}}{RESET_ALL} {text}")
        else:
            out.append(f"{GREEN}      {number:>{width}}{RESET} {text}")
    return out


def _visible_frames(tb):
    frames = []
    for frame, lineno in traceback.walk_tb(tb):
        filename = frame.f_code.co_filename
        if not _INTERNAL.match(filename):
            frames.append((frame, filename, lineno))
    return frames


def _format_frames(frames):
    lines, index = [], 0
    while index < len(frames):
        frame, filename, lineno = frames[index]
        run = index + 1
        while run < len(frames) and frames[run][1:] == (filename, lineno) and frames[run][0].f_code is frame.f_code:
            run += 1
        repeats = run - index
        lines.append(_location(filename, lineno, frame.f_code))
        lines.extend(_source_lines(filename, lineno, frame.f_globals))
        lines.append("")
        if repeats > FOLD_AFTER:
            lines.append(f"    [... skipping similar frames: {frame.f_code.co_name} at line {lineno} ({repeats - 1} times)]")
            lines.append("")
            index = run
        else:
            index += 1
    return lines


def _syntax_error_lines(exc):
    lines = []
    if exc.filename is not None and exc.lineno is not None:
        lines.append("  " + _location(exc.filename, exc.lineno, None))
    text = exc.text
    if text:
        stripped = text.rstrip("\r\n")
        indent = len(stripped) - len(stripped.lstrip())
        lines.append("    " + stripped.strip())
        if exc.offset is not None and exc.offset >= 1:
            start = max(exc.offset - 1 - indent, 0)
            end_offset = exc.end_offset if exc.end_lineno in (None, exc.lineno) else None
            carets = max(1, (end_offset or exc.offset + 1) - exc.offset)
            lines.append("    " + " " * start + RED + "^" * carets + RESET)
    return lines


def _format_one(exc, value):
    name = type(exc).__name__
    frames = _visible_frames(exc.__traceback__)
    lines = []
    if frames:
        lines += [RULE, RED + name + RESET + " " * max(1, 75 - len(TITLE) - len(name)) + TITLE]
        lines += _format_frames(frames)
    if isinstance(exc, SyntaxError):
        lines += _syntax_error_lines(exc)
        value = exc.msg if exc.msg is not None else value
    lines.append(f"{RED}{name}{RESET}: {value}" if value else f"{RED}{name}{RESET}")
    if isinstance(exc, BaseExceptionGroup):  # one level of its members, by name and message
        for member in exc.exceptions:
            lines.append(f"  - {RED}{type(member).__name__}{RESET}: {safe_str(member)}")
    for note in _notes(exc):
        lines.extend(str(note).splitlines())
    return lines


def _chain(exc):
    """[(exception, connecting text or None)], oldest first, as Python prints chains."""
    chain, seen = [], set()
    text = None
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        chain.append((exc, text))
        if exc.__cause__ is not None:
            exc, text = exc.__cause__, "The above exception was the direct cause of the following exception:"
        elif exc.__context__ is not None and not exc.__suppress_context__:
            exc, text = exc.__context__, "During handling of the above exception, another exception occurred:"
        else:
            exc = None
    chain.reverse()
    # Each connecting text belongs between an exception and the one after it.
    return [(e, chain[i - 1][1] if i > 0 else None) for i, (e, _) in enumerate(chain)]


def format_exception(exc):
    """(ename, evalue, traceback lines) for nbformat's error output."""
    evalue = exception_value(exc)
    lines = []
    for item, connector in _chain(exc):
        if connector:
            lines += ["", connector, ""]
        lines += _format_one(item, evalue if item is exc else exception_value(item))
    return type(exc).__name__, evalue, lines
`;
