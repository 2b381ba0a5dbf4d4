/**
 * Python source of a tiny stand-in for `IPython.display`, so that lesson code written for Jupyter
 * (`from IPython.display import display, HTML`) runs unchanged. It is only that: there is no
 * `get_ipython()` and no magics. It lives on sys.path *after* site-packages, so a real IPython
 * installed from a package server wins, and it is imported only when a cell imports it (nothing
 * lands in sys.modules up front, where libraries would take it for a running IPython).
 *
 * The classes carry their data and answer the `_repr_*_` methods that `_tandem_format` reads, so
 * `display(HTML(...))` and a cell ending in `HTML(...)` both work, as in Jupyter.
 */
export const IPYTHON_INIT_SOURCE = String.raw`
"""Tandem's stand-in for IPython: only IPython.display is provided."""
`;

export const IPYTHON_DISPLAY_SOURCE = String.raw`
"""Tandem's stand-in for IPython.display: display() and the common rich objects."""
import json as _json

from _tandem import display

__all__ = ["display", "clear_output", "DisplayObject", "HTML", "Markdown", "SVG", "Latex", "Math", "JSON", "Image"]


def clear_output(wait=False):
    """Accepted for compatibility; Tandem does not clear outputs from inside a run."""


class DisplayObject:
    """Holds data for one mime type; read from a file when filename= is given."""

    _binary = False

    def __init__(self, data=None, url=None, filename=None, metadata=None):
        if url is not None:
            raise NotImplementedError("Tandem's IPython.display cannot fetch URLs; pass data= instead.")
        if filename is not None:
            with open(filename, "rb" if self._binary else "r") as f:
                data = f.read()
        self.data = data
        self.metadata = dict(metadata or {})

    def _data_and_metadata(self):
        return (self.data, self.metadata) if self.metadata else self.data

    def __repr__(self):
        return f"<IPython.core.display.{type(self).__name__} object>"


class TextDisplayObject(DisplayObject):
    def __init__(self, data=None, url=None, filename=None, metadata=None):
        super().__init__(data, url, filename, metadata)
        if self.data is not None and not isinstance(self.data, str):
            raise TypeError(f"{type(self).__name__} expects text, got {type(self.data).__name__}")


class HTML(TextDisplayObject):
    def _repr_html_(self):
        return self._data_and_metadata()


class Markdown(TextDisplayObject):
    def _repr_markdown_(self):
        return self._data_and_metadata()


class SVG(TextDisplayObject):
    def _repr_svg_(self):
        return self._data_and_metadata()


class Latex(TextDisplayObject):
    def _repr_latex_(self):
        return self._data_and_metadata()


class Math(TextDisplayObject):
    def _repr_latex_(self):
        body = (self.data or "").strip().strip("$")
        return f"$\\displaystyle {body}$"


class JSON(DisplayObject):
    def __init__(self, data=None, url=None, filename=None, metadata=None, expanded=False, root="root"):
        super().__init__(data, url, filename, metadata)
        if isinstance(self.data, str):
            self.data = _json.loads(self.data)
        self.metadata.update({"expanded": expanded, "root": root})

    def _repr_json_(self):
        return self.data, self.metadata


_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class Image(DisplayObject):
    """A PNG or JPEG image from bytes (data=) or a file (filename=)."""

    _binary = True

    def __init__(self, data=None, url=None, filename=None, format=None, width=None, height=None, metadata=None, **_ignored):
        if isinstance(data, str) and filename is None:
            data, filename = None, data  # IPython treats a str as a file name
        super().__init__(data, url, filename, metadata)
        if not isinstance(self.data, (bytes, bytearray)):
            raise TypeError("Image expects bytes (data=) or a file name")
        if format is None:
            format = "png" if bytes(self.data[:8]) == _PNG_MAGIC else "jpeg"
        self.format = "jpeg" if format.lower() in ("jpg", "jpeg") else format.lower()
        if width is not None:
            self.metadata["width"] = width
        if height is not None:
            self.metadata["height"] = height

    def _repr_png_(self):
        return self._data_and_metadata() if self.format == "png" else None

    def _repr_jpeg_(self):
        return self._data_and_metadata() if self.format == "jpeg" else None
`;
