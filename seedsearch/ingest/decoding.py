"""Bytes -> text for the loaders: which encoding, and what an undecodable
byte becomes.

============================  ===============================================
``encoding=None`` (default)   UTF-8; a UTF-8 byte-order mark is dropped, and a
                              file that starts with a UTF-16 byte-order mark
                              is read as UTF-16
``encoding="cp1256"``         every file in that encoding, as named: any text
                              encoding Python knows (``cp1256``/``windows-1256``
                              for Windows Arabic, ``iso-8859-6``, ``utf-16``…)
``errors="strict"``           an undecodable byte is a SourceError naming the
                              file and its byte offset
``errors="replace"``          it becomes U+FFFD, and :attr:`Decoding.replaced`
                              counts them, per file
============================  ===============================================

A U+FFFD that was in the file is text like any other and is not counted.
JSON-lines files are decoded line by line (with one incremental decoder per
file, so an encoding with shift states reads right), unless a line break
is not the byte ``\\n`` in the encoding (UTF-16, UTF-32): those are read
whole.
"""

from __future__ import annotations

import codecs
import threading
from pathlib import Path
from typing import Any

from ..errors import SourceError

__all__ = ["Decoding", "check_encoding", "BOMS_UTF16"]

BOMS_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_DEFAULT = "utf-8"
#: The error handler of errors="replace": U+FFFD, counted.
_COUNTING = "seedsearch.replace-counting"
_replacements = threading.local()


def _replace_counting(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _replacements.count = getattr(_replacements, "count", 0) + 1
    return "\ufffd", exc.end


codecs.register_error(_COUNTING, _replace_counting)


def check_encoding(encoding: object) -> str | None:
    """The codec name of ``encoding`` (``"windows-1256"`` -> ``"cp1256"``),
    None for the default, or SourceError when Python cannot decode text
    with it."""
    if encoding is None:
        return None
    if not isinstance(encoding, str):
        raise SourceError(f"encoding must be the name of an encoding such as 'cp1256', "
                          f"not {type(encoding).__name__} {encoding!r}")
    try:
        # Not b"": Python decodes empty bytes without looking the codec up.
        b"a".decode(encoding, "ignore")  # LookupError for codecs not of text too (base64)
    except LookupError:
        raise SourceError(f"unknown encoding {encoding!r} (no text encoding of Python's has "
                          "that name); name one such as 'utf-8', 'cp1256' (Windows Arabic) or "
                          "'iso-8859-6'") from None
    name = codecs.lookup(encoding).name
    return None if name == _DEFAULT else name


class Decoding:
    """How one load decodes its files (see the module), and how many
    characters it replaced in each: ``replaced`` maps a file to that count
    (files without replacements are not in it)."""

    def __init__(self, encoding: str | None, errors: str):
        self.encoding = encoding
        self.errors = errors
        self.replaced: dict[Path, int] = {}

    @property
    def name(self) -> str:
        """The encoding as messages name it."""
        return self.encoding or _DEFAULT

    def text(self, data: bytes, path: Path) -> str:
        """The text of a whole file."""
        if self.encoding is None:
            if data.startswith(BOMS_UTF16):
                return self.decode(data, path, encoding="utf-16")
            if data.startswith(codecs.BOM_UTF8):
                return self.decode(data[3:], path, offset=3)
        return self.decode(data, path)

    def line_reading(self, head: bytes) -> tuple[Any, int] | None:
        """How to read, line by line, a file that starts with ``head``: an
        incremental decoder and the bytes of a byte-order mark to skip; or
        None when the file must be read whole (see the module)."""
        if self.encoding is None:
            if head.startswith(BOMS_UTF16):
                return None
            skip = 3 if head.startswith(codecs.BOM_UTF8) else 0
        elif "\n".encode(self.encoding) != b"\n":
            return None
        else:
            skip = 0
        return codecs.getincrementaldecoder(self.name)(self._errors()), skip

    def decode(self, data: bytes, path: Path, *, offset: int = 0, encoding: str | None = None,
               decoder: Any = None, final: bool = True) -> str:
        """``data`` as text (with ``decoder``, an incremental one, when
        given); ``offset`` is where ``data`` starts in the file."""
        _replacements.count = 0
        try:
            if decoder is not None:
                text = decoder.decode(data, final)
            else:
                text = data.decode(encoding or self.name, self._errors())
        except UnicodeDecodeError as exc:
            raise SourceError(self._invalid(encoding or self.name), path=path,
                              offset=offset + exc.start) from None
        if _replacements.count:
            self.replaced[path] = self.replaced.get(path, 0) + _replacements.count
        return text

    def _errors(self) -> str:
        return _COUNTING if self.errors == "replace" else "strict"

    def _invalid(self, name: str) -> str:
        replace = ("encoding_errors='replace' (CLI: --encoding-errors replace) to read what "
                   "cannot be decoded as U+FFFD")
        if self.encoding is None and name == _DEFAULT:
            return ("is not valid UTF-8; name its encoding if it has another "
                    "(Windows Arabic: encoding='cp1256' (CLI: --encoding cp1256)), or use "
                    + replace)
        return f"is not valid {name}; fix the file, or use " + replace
