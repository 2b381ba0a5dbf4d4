/**
 * Python source of `_tandem_magics`: the IPython syntax a learner types in the first ten minutes,
 * without IPython. `_tandem_run` passes every cell through `transform_cell` before compiling it:
 *
 * - `obj?`, `?obj` print the signature, docstring and type (as Jupyter's pager shows them);
 *   `obj??` adds the source. `help(obj)` needs nothing: pydoc writes to our stdout.
 * - `%time stmt` prints CPU and wall time as IPython does and gives the statement's value;
 *   `%timeit [-n N] [-r R] stmt` chooses the number of loops as IPython does (powers of ten until
 *   one repeat takes 0.2 s), repeats 7 times and prints "mean ± std. dev. per loop". The cell
 *   forms `%%time` and `%%timeit` time the rest of the cell.
 * - `!cmd` (and `x = !cmd`) says that there is no shell in the browser.
 * - any other `%magic` is IPython's UsageError. `LINE_MAGICS` is the table to extend.
 *
 * Cells that are valid Python are never touched (a cell is transformed only when it does not
 * parse), and a line is only ever replaced by one line, so tracebacks keep the cell's own line
 * numbers and text. Lines inside a triple-quoted string are left alone.
 */
export const MAGICS_MODULE_SOURCE = String.raw`
"""IPython's learner magics for the Tandem kernel (see python-magics.ts)."""
import ast
import gc
import inspect
import math
import re
import sys
import time
import timeit as _timeit

import __main__

import _tandem_complete

namespace = __main__.__dict__

NO_SHELL = (
    "There is no shell in the browser: this notebook's Python runs inside your web page "
    "(Pyodide), so it cannot run system commands like {command!r}. Use Python instead "
    "(os.listdir(), open(), subprocess does not work either)."
)
NO_SHELL_PIP = " To install a package, use %pip install <name>, or just import it."


class UsageError(Exception):
    """A magic used the wrong way (IPython's name for it)."""


_IDENT = r"[^\W\d]\w*"
_DOTTED = rf"{_IDENT}(?:\.{_IDENT})*"
_HELP = re.compile(rf"^(\s*)(\?\??)?({_DOTTED})(\?\??)?\s*$")
_ASSIGN = rf"(?:({_DOTTED})\s*=\s*)?"
_LINE_MAGIC = re.compile(rf"^(\s*){_ASSIGN}%(\w+)(.*)$")
_SHELL = re.compile(rf"^(\s*){_ASSIGN}!(.*)$")
_CELL_MAGIC = re.compile(r"^%%(\w+)(.*)$")
# How a transformed line reaches this module: not through a name in the person's namespace.
_SELF = '__import__("_tandem_magics")'



def _format_time(timespan, precision=3):
    """IPython's formatting of a duration: "1.23 ms", "456 ns", "1min 2s"."""
    if timespan >= 60.0:
        parts = [("d", 60 * 60 * 24), ("h", 60 * 60), ("min", 60), ("s", 1)]
        shown, leftover = [], timespan
        for suffix, length in parts:
            value = int(leftover / length)
            if value > 0:
                leftover = leftover % length
                shown.append(f"{value}{suffix}")
            if leftover < 1:
                break
        return " ".join(shown)
    units = ["s", "ms", "\u00b5s", "ns"]
    scaling = [1, 1e3, 1e6, 1e9]
    order = min(-int(math.floor(math.log10(timespan)) // 3), 3) if timespan > 0.0 else 3
    return "%.*g %s" % (precision, timespan * scaling[order], units[order])


def _compile(source, filename, lineno, mode):
    tree = ast.parse(source, filename, mode)
    ast.increment_lineno(tree, lineno - 1)
    return compile(tree, filename, mode)


def _split_last_expression(source, filename, lineno):
    """(statements, last expression or None), compiled: how %time gives a value back."""
    tree = ast.parse(source, filename, "exec")
    ast.increment_lineno(tree, lineno - 1)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = compile(ast.Expression(tree.body.pop().value), filename, "eval")
    return compile(tree, filename, "exec"), last


def time_magic(source, filename, lineno):
    body, last = _split_last_expression(source, filename, lineno)
    wall, cpu = time.perf_counter(), time.process_time()
    exec(body, namespace)
    value = eval(last, namespace) if last is not None else None
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    # The browser gives one clock: everything counts as user time, as IPython shows on one CPU.
    print(f"CPU times: user {_format_time(cpu)}, sys: {_format_time(0)}, total: {_format_time(cpu)}")
    print(f"Wall time: {_format_time(wall)}")
    return value


class TimeitResult:
    """IPython's TimeitResult: the runs of %timeit, printed as IPython prints them."""

    def __init__(self, loops, repeat, all_runs, precision=3):
        self.loops, self.repeat, self.all_runs = loops, repeat, all_runs
        self.timings = [dt / loops for dt in all_runs]
        self.best, self.worst = min(self.timings), max(self.timings)
        self.average = math.fsum(self.timings) / len(self.timings)
        self.stdev = math.sqrt(math.fsum((x - self.average) ** 2 for x in self.timings) / len(self.timings))
        self._precision = precision

    def __str__(self):
        return "{mean} \u00b1 {std} per loop (mean \u00b1 std. dev. of {runs} run{rs}, {loops:,} loop{ls} each)".format(
            mean=_format_time(self.average, self._precision),
            std=_format_time(self.stdev, self._precision),
            runs=self.repeat,
            rs="" if self.repeat == 1 else "s",
            loops=self.loops,
            ls="" if self.loops == 1 else "s",
        )

    def __repr__(self):
        return f"<TimeitResult : {self}>"


_TIMEIT_OPTION = re.compile(r"^\s*-([nr])\s*(\d+)")


def timeit_magic(line, filename, lineno, cell=None):
    loops, repeat = 0, 7
    while match := _TIMEIT_OPTION.match(line):
        if match.group(1) == "n":
            loops = int(match.group(2))
        else:
            repeat = max(1, int(match.group(2)))
        line = line[match.end():]
    # %%timeit times the cell, with the rest of its own line as setup, as in IPython.
    setup, statement = (line.strip(), cell) if cell is not None else ("", line.strip())
    if not statement.strip():
        raise UsageError("%timeit needs a statement to time, e.g. %timeit sum(range(100))")
    _compile(statement, filename, lineno, "exec")  # a SyntaxError here points at the cell
    timer = _timeit.Timer(statement, setup or "pass", timer=time.perf_counter, globals=namespace)
    if loops == 0:
        for index in range(0, 10):
            loops = 10**index
            if timer.timeit(loops) >= 0.2:
                break
    result = TimeitResult(loops, repeat, timer.repeat(repeat, loops))
    if result.worst > 4 * result.best and result.best > 0 and result.worst > 1e-6:
        print(
            "The slowest run took %0.2f times longer than the fastest. This could mean that an "
            "intermediate result is being cached." % (result.worst / result.best)
        )
    print(result)
    gc.collect()


LINE_MAGICS = {
    "time": lambda line, filename, lineno: time_magic(line.strip(), filename, lineno),
    "timeit": timeit_magic,
}


def line_magic(name, line, filename, lineno):
    magic = LINE_MAGICS.get(name)
    if magic is None:
        raise UsageError(f"Line magic function \x60%{name}\x60 not found (Tandem has {', '.join('%' + m for m in LINE_MAGICS)}).")
    return magic(line, filename, lineno)


def cell_magic(name, line, body, filename):
    if name == "time":
        return time_magic(body, filename, 1)
    if name == "timeit":
        return timeit_magic(line, filename, 1, cell=body)
    raise UsageError(f"Cell magic \x60%%{name}\x60 not found (Tandem has %%time, %%timeit).")


def shell(command):
    message = NO_SHELL.format(command=command.strip())
    if re.match(r"\s*(pip|pip3|python -m pip)\s+install\b", command):
        message += NO_SHELL_PIP
    sys.stderr.write(message + "\n")


def pinfo(dotted, detail=0):
    """obj? and obj??: what IPython's pager shows, as output."""
    info = _tandem_complete.describe(dotted)
    if info is None:
        print(f"Object \x60{dotted}\x60 not found.")
        return
    value = _tandem_complete.resolve(dotted)
    fields = []
    if info["signature"]:
        fields.append(("Init signature" if inspect.isclass(value) else "Signature", info["signature"]))
    if info["value"] is not None:
        fields.append(("String form", info["value"]))
    source = None
    if detail:
        try:
            source = inspect.getsource(value)
        except (OSError, TypeError):
            source = None
    if source:
        fields.append(("Source", "\n" + source.rstrip("\n")))
    elif info["doc"]:
        fields.append(("Docstring", "\n" + info["doc"]))
    else:
        fields.append(("Docstring", "<no docstring>"))
    try:
        fields.append(("File", inspect.getfile(value)))
    except (TypeError, OSError):
        pass
    fields.append(("Type", info["typeName"]))
    print("\n".join(f"{title + ':':<11}{text}" if not text.startswith("\n") else f"{title}:{text}" for title, text in fields))


def _triple_quote_lines(lines):
    """The indices of lines that start inside a triple-quoted string."""
    inside, quote, starting = set(), None, 0
    pattern = re.compile(r"\\.|'''|\"\"\"|#|'|\"")
    for index, line in enumerate(lines):
        if quote is not None:
            inside.add(index)
        single = None
        for match in pattern.finditer(line):
            token = match.group(0)
            if token.startswith("\\"):
                continue
            if quote is not None:
                if token == quote:
                    quote = None
            elif single is not None:
                if token == single:
                    single = None
            elif token in ("'''", '"""'):
                quote = token
            elif token in ("'", '"'):
                single = token
            elif token == "#":
                break
    return inside


def _transform_line(line, filename, lineno):
    if match := _HELP.match(line):
        indent, before, dotted, after = match.groups()
        if before or after:
            detail = int(len(before or after or "") == 2)
            return f"{indent}{_SELF}.pinfo({dotted!r}, {detail})"
    if match := _SHELL.match(line):
        indent, target, command = match.groups()
        assign = f"{target} = " if target else ""
        return f"{indent}{assign}{_SELF}.shell({command!r})"
    if match := _LINE_MAGIC.match(line):
        indent, target, name, rest = match.groups()
        assign = f"{target} = " if target else ""
        return f"{indent}{assign}{_SELF}.line_magic({name!r}, {rest!r}, {filename!r}, {lineno})"
    return None


def transform_cell(code, filename):
    """The cell as Python: unchanged when it parses, else with its magic lines replaced."""
    try:
        ast.parse(code)
        return code
    except SyntaxError:
        pass
    lines = code.split("\n")
    cell = _CELL_MAGIC.match(lines[0])
    if cell:
        name, line = cell.groups()
        body = "\n".join([""] + lines[1:])  # the magic's line kept blank: line numbers stay
        return f"{_SELF}.cell_magic({name!r}, {line!r}, {body!r}, {filename!r})"
    skip = _triple_quote_lines(lines)
    changed = False
    for index, line in enumerate(lines):
        if index in skip:
            continue
        replaced = _transform_line(line, filename, index + 1)
        if replaced is not None:
            lines[index], changed = replaced, True
    return "\n".join(lines) if changed else code
`;
