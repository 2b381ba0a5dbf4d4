/**
 * Python source of `_tandem_format`: turns any object into an nbformat mime bundle, the way
 * IPython's DisplayFormatter does, minus its registry of per-type formatters.
 *
 * `_repr_mimebundle_` is asked first; the single `_repr_*_` methods then fill in the types it did
 * not give (IPython's order). "text/plain" is always present: the bundle's own, else repr(obj).
 * Binary images become base64 text; "application/json" is JSON *text* (the protocol's bundles hold
 * strings only; the page parses it if it wants the object). A repr method that raises or returns
 * the wrong type is left out with a one-line note on stderr: a broken `_repr_html_` must not cost
 * the person their result. KeyboardInterrupt is never swallowed (only Exception is caught).
 */
export const FORMAT_MODULE_SOURCE = String.raw`
"""Mime bundles for results and display() (Tandem kernel helper; see python-format.ts)."""
import base64
import json
import sys

# (method, mime type), in IPython's order of precedence for filling a bundle.
REPR_METHODS = (
    ("_repr_html_", "text/html"),
    ("_repr_markdown_", "text/markdown"),
    ("_repr_svg_", "image/svg+xml"),
    ("_repr_png_", "image/png"),
    ("_repr_jpeg_", "image/jpeg"),
    ("_repr_latex_", "text/latex"),
    ("_repr_json_", "application/json"),
)
BINARY_MIMES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})


def _warn(text):
    try:
        sys.stderr.write(text + "\n")
    except Exception:
        pass


def _describe(obj):
    return type(obj).__qualname__


def _method(obj, name):
    """A bound repr method of obj, or None. Classes are skipped: their _repr_*_ are unbound."""
    if isinstance(obj, type):
        return None
    try:
        method = getattr(obj, name, None)
    except Exception:
        return None
    return method if callable(method) else None


def _has_real_attributes(obj):
    """False for objects that answer every attribute (mocks, proxies), as IPython checks."""
    try:
        return getattr(obj, "_ipython_canary_method_should_not_exist_", None) is None
    except Exception:
        return True


def _call(obj, name, method, **kwargs):
    try:
        return method(**kwargs)
    except Exception as exc:
        _warn(f"{_describe(obj)}.{name}() raised {type(exc).__name__}: {exc}; its output is left out.")
        return None


def encode(mime, value, origin="display"):
    """The string form of one bundle entry, or None (with a note) when it has none."""
    if value is None:
        return None
    if mime in BINARY_MIMES:
        if isinstance(value, (bytes, bytearray, memoryview)):
            return base64.b64encode(bytes(value)).decode("ascii")
        if isinstance(value, str):
            return value  # already base64, as nbformat stores it
    elif mime == "application/json" or mime.endswith("+json"):
        if isinstance(value, str):
            return value
        try:
            return json.dumps(value)
        except (TypeError, ValueError) as exc:
            _warn(f"{origin} gave {mime} that is not JSON ({exc}); it is left out.")
            return None
    elif isinstance(value, str):
        return value
    elif isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace")
    _warn(f"{origin} gave {type(value).__name__} for {mime}, not text; it is left out.")
    return None


def safe_repr(obj):
    try:
        return repr(obj)
    except Exception as exc:
        _warn(f"repr() of a {_describe(obj)} raised {type(exc).__name__}: {exc}; showing its default repr.")
        return object.__repr__(obj)


def _add(data, metadata, mime, value, md, origin):
    encoded = encode(mime, value, origin)
    if encoded is None:
        return
    data[mime] = encoded
    if isinstance(md, dict) and md:
        metadata[mime] = md


def _from_mimebundle(obj, data, metadata, include, exclude):
    method = _method(obj, "_repr_mimebundle_")
    if method is None:
        return
    origin = f"{_describe(obj)}._repr_mimebundle_()"
    result = _call(obj, "_repr_mimebundle_", method, include=include, exclude=exclude)
    md = {}
    if isinstance(result, tuple) and len(result) == 2:
        result, md = result
    if result is None:
        return
    if not isinstance(result, dict):
        _warn(f"{origin} returned {type(result).__name__}, not a dict; it is left out.")
        return
    for mime, value in result.items():
        if isinstance(mime, str):
            _add(data, {}, mime, value, None, origin)
    if isinstance(md, dict):
        metadata.update(md)


def mime_bundle(obj, include=None, exclude=None):
    """(data, metadata) for obj: nbformat's mime bundle with string values, and its metadata."""
    data, metadata = {}, {}
    if _has_real_attributes(obj):
        _from_mimebundle(obj, data, metadata, include, exclude)
        for name, mime in REPR_METHODS:
            if mime in data:
                continue
            method = _method(obj, name)
            if method is None:
                continue
            value, md = _call(obj, name, method), None
            if isinstance(value, tuple) and len(value) == 2:
                value, md = value
            _add(data, metadata, mime, value, md, f"{_describe(obj)}.{name}()")
    if "text/plain" not in data:
        data["text/plain"] = safe_repr(obj)
    if include is not None:
        data = {mime: value for mime, value in data.items() if mime in include}
    if exclude is not None:
        data = {mime: value for mime, value in data.items() if mime not in exclude}
    return data, metadata


def raw_bundle(bundle, metadata=None):
    """display(..., raw=True): obj is already a bundle; its values still become strings."""
    data = {}
    for mime, value in dict(bundle).items():
        encoded = encode(str(mime), value, "display(raw=True)")
        if encoded is not None:
            data[str(mime)] = encoded
    return data, dict(metadata or {})
`;
