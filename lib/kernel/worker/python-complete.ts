/**
 * Python source of `_tandem_complete`: completion and introspection over the person's live
 * namespace (`__main__`), which is what Jupyter's kernel answers from. There is no jedi in
 * Pyodide's standard library, so this is rlcompleter's approach: names are looked up, dotted
 * names are resolved attribute by attribute (properties run, as in rlcompleter and IPython; nothing
 * is called), modules come from `sys.builtin_module_names`, `pkgutil.iter_modules` and
 * `sys.modules`. What to complete (a name, an attribute, a module) was decided in TypeScript
 * (lib/kernel/completion.ts); this only lists candidates, unfiltered by the typed prefix, since the
 * editor filters as the person keeps typing.
 *
 * Results cross the bridge as JSON strings, like every structured value (python.ts). Nothing here
 * raises: a name that cannot be resolved completes to nothing and inspects as not found.
 */
export const COMPLETE_MODULE_SOURCE = String.raw`
"""Completion and inspection for the Tandem kernel (see python-complete.ts)."""
import builtins
import importlib
import importlib.util
import inspect
import json
import keyword
import pkgutil
import reprlib
import sys

import __main__

namespace = __main__.__dict__
KEYWORDS = [*keyword.kwlist, *(k for k in keyword.softkwlist if k != "_")]
# Modules a finder provides without a file: Pyodide's bridge to JavaScript.
EXTRA_MODULES = ("js", "pyodide_js")
_modules_cache = (None, None)
# Answers already given since the last run: (generation, {key: JSON}). See complete().
_answers = (None, {})
_short = reprlib.Repr(maxstring=120, maxother=120, maxlist=10, maxdict=10)


def kind_of(value):
    if inspect.ismodule(value):
        return "module"
    if inspect.isclass(value):
        return "class"
    if callable(value):
        return "function"
    return "variable"


def _attribute_kind(owner, name):
    try:
        value = inspect.getattr_static(owner, name)
    except Exception:
        return "property"  # provided by __getattr__ or a proxy: unknown until read
    if isinstance(value, (staticmethod, classmethod)):
        return "function"
    if isinstance(value, property) or inspect.isdatadescriptor(value) or inspect.isgetsetdescriptor(value):
        return "property"
    return kind_of(value)


def _visible(prefix, name):
    return prefix.startswith("_") or not name.startswith("_")


def resolve(dotted):
    """The value of a dotted name in the namespace (then builtins). Raises LookupError if absent."""
    first, *rest = dotted.split(".")
    if first in namespace:
        value = namespace[first]
    elif hasattr(builtins, first):
        value = getattr(builtins, first)
    else:
        raise LookupError(first)
    for part in rest:
        value = getattr(value, part)
    return value


def names(prefix):
    found = {name: "keyword" for name in KEYWORDS}
    for name, value in vars(builtins).items():
        found.setdefault(name, kind_of(value))
    for name, value in list(namespace.items()):
        if name not in found or found[name] != "keyword":
            found[name] = kind_of(value)
    return [(n, k) for n, k in found.items() if _visible(prefix, n)]


def attributes(dotted, prefix):
    try:
        owner = resolve(dotted)
        listed = dir(owner)
    except Exception:
        return []
    return [(n, _attribute_kind(owner, n)) for n in listed if isinstance(n, str) and _visible(prefix, n)]


def _top_modules(generation):
    global _modules_cache
    key = (generation, tuple(sys.path))
    if _modules_cache[0] != key:
        found = set(sys.builtin_module_names) | set(EXTRA_MODULES)
        found.update(m.name for m in pkgutil.iter_modules())
        found.update(n for n in sys.modules if "." not in n)
        _modules_cache = (key, sorted(found))
    return _modules_cache[1]


def _submodules(parent):
    try:
        spec = importlib.util.find_spec(parent)
    except Exception:
        return []
    locations = spec.submodule_search_locations if spec is not None else None
    return [m.name for m in pkgutil.iter_modules(locations)] if locations else []


def modules(parent, prefix, generation):
    listed = _top_modules(generation) if parent is None else _submodules(parent)
    return [(n, "module") for n in listed if _visible(prefix, n)]


def import_names(module, prefix):
    found = {n: "module" for n in _submodules(module)}
    try:
        owner = importlib.import_module(module)
    except Exception:
        owner = None
    if owner is not None:
        exported = getattr(owner, "__all__", None)
        listed = exported if isinstance(exported, (list, tuple)) else dir(owner)
        for name in listed:
            if isinstance(name, str):
                found.setdefault(name, _attribute_kind(owner, name))
    return [(n, k) for n, k in found.items() if _visible(prefix, n)]


def _list(kind, target, prefix, generation):
    if kind == "name":
        return names(prefix)
    if kind == "attribute":
        return attributes(target, prefix)
    if kind == "module":
        return modules(target or None, prefix, generation)
    if kind == "import-name":
        return import_names(target, prefix)
    raise ValueError(f"unknown completion kind {kind!r}")


def complete(kind, target, prefix, generation, cacheable):
    """JSON [[label, kind], ...] for one completion context (lib/kernel/completion.ts).

    The candidates do not depend on the typed prefix beyond whether it is private, and the
    namespace changes only when code runs: between runs ("cacheable", with "generation"
    counting runs) an answer is kept and given again, so asking twice for "ns." costs the
    dictionary lookup, not 1,000 getattr_static calls. The namespace's size is in the key too,
    for a name that a background task (asyncio) adds between runs.
    """
    global _answers
    key = (kind, target, prefix.startswith("_"), len(namespace))
    if cacheable:
        if _answers[0] != generation:
            _answers = (generation, {})
        cached = _answers[1].get(key)
        if cached is not None:
            return cached
    try:
        answer = json.dumps(_list(kind, target, prefix, generation))
    except Exception:
        answer = "[]"
    if cacheable:
        _answers[1][key] = answer
    return answer


def describe(dotted):
    """What Shift-Tab and obj? show for a dotted name, or None when it is not there."""
    try:
        value = resolve(dotted)
    except Exception:
        return None
    signature = None
    if callable(value):
        try:
            signature = dotted.rsplit(".", 1)[-1] + str(inspect.signature(value))
        except (TypeError, ValueError):
            pass
    try:
        doc = inspect.getdoc(value)
    except Exception:
        doc = None
    shown = None
    if not (callable(value) or inspect.ismodule(value)):
        try:
            shown = _short.repr(value)
        except Exception as failure:
            shown = f"<repr failed: {type(failure).__name__}>"
    return {"name": dotted, "typeName": type(value).__name__, "signature": signature, "doc": doc, "value": shown}


def inspect_name(dotted):
    """JSON of describe(), null when not found."""
    return json.dumps(describe(dotted))
`;
