"""Files -> documents: ``load_documents`` streams dicts from files and folders.

Formats, chosen by file name:

* ``.txt``: one document.  An optional ``date YYYY-MM-DD`` at the very start
  (after any whitespace), the body on the same line or the next; title = the
  body's first sentence.  Its id is the file's path relative to the folder
  given, without ``.txt`` and with ``/`` between folders on every system
  (``coll/2024/01.txt`` loaded as ``coll`` -> ``2024/01``); a file given
  directly keeps its stem (``01``).
* ``.jsonl`` (and ``.jsonl.gz``): one JSON object per line.
* ``.json``: one object or a list of objects.

Files are UTF-8; a UTF-8 byte-order mark is dropped and UTF-16 files (with a
BOM) are decoded as such; ``encoding=`` names another (``"cp1256"``), and
``encoding_errors="replace"`` reads what cannot be decoded as U+FFFD,
counting it per file (:mod:`.decoding`).  Folders are walked recursively in sorted order
without following symlinked folders (so a symlink loop cannot hang it);
hidden files and other extensions (NOTICE.md, README.md) are skipped.

Ids are unique within one load: a second document with an id already loaded
(two files, two JSON lines) is a :class:`DocumentError` naming both places,
never a silent replacement.  Every document is validated as it is loaded and
comes as a :class:`~seedsearch.ingest.documents.LoadedDocument`, a dict that
``add_documents`` does not validate again.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NoReturn, TypeAlias

from ..errors import DocumentError, SeedsearchError, SourceError
from ..fields import DATE, ID, TEXT, TITLE
from .decoding import Decoding, check_encoding
from .documents import LoadedDocument

__all__ = ["load_documents", "DocumentStream", "iter_files", "SUFFIXES"]

SUFFIXES = (".txt", ".jsonl", ".jsonl.gz", ".json")
#: What the loaders take: one file or folder, or several.
Paths: TypeAlias = "str | os.PathLike[str] | Iterable[str | os.PathLike[str]]"
_DATE_HEAD = re.compile(r"\s*date\s+(\d{4}-\d{2}-\d{2})[ \t]*(?:\r?\n)?")
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_TITLE_MAX = 200


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return None


def iter_files(paths: Paths) -> Iterator[Path]:
    """Every loadable file under ``paths`` (files or folders), in sorted order."""
    return (path for path, _ in _walk(paths))


def _walk(paths: Paths) -> Iterator[tuple[Path, str]]:
    """(file, the id a .txt file gets) for every loadable file under ``paths``."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise SourceError("no such file or folder", path=path)
        if path.is_dir():
            for root, dirs, files in os.walk(path, onerror=_walk_error):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    child = Path(root, name)
                    if not name.startswith(".") and _kind(child):
                        yield child, _without_suffix(child.relative_to(path).as_posix())
        elif _kind(path):
            yield path, _without_suffix(path.name)
        else:
            raise SourceError(f"cannot load this kind of file (use one of {', '.join(SUFFIXES)})",
                              path=path)


def _without_suffix(name: str) -> str:
    kind = _kind(Path(name))
    return name[: -len(kind)] if kind else name


def _walk_error(exc: OSError) -> NoReturn:
    raise SourceError(exc.strerror or str(exc), path=exc.filename)


def _read_bytes(path: Path) -> bytes:
    try:
        if path.name.lower().endswith(".gz"):
            with gzip.open(path, "rb") as f:
                return f.read()
        return path.read_bytes()
    except (OSError, EOFError) as exc:
        raise SourceError(getattr(exc, "strerror", None) or str(exc), path=path) from None


def _text_of(path: Path, decoding: Decoding) -> str:
    return decoding.text(_read_bytes(path), path)


def _txt_document(path: Path, doc_id: str, decoding: Decoding) -> Iterator[LoadedDocument]:
    text = _text_of(path, decoding)
    if not text.strip():
        return
    doc = {ID: doc_id}
    m = _DATE_HEAD.match(text)
    if m:
        doc[DATE] = m.group(1)
        text = text[m.end():]
    body = text.strip()
    end = _SENTENCE_END.search(body)
    title = body[: end.start() + (body[end.start()] != "\n")] if end else body
    doc[TITLE.name] = title.strip()[:_TITLE_MAX]
    doc[TEXT.name] = body
    yield LoadedDocument(doc, source=path)


class _Cursor:
    """How many bytes of the current file have been read (for progress)."""

    __slots__ = ("pos",)

    def __init__(self) -> None:
        self.pos = 0


def _jsonl_lines(path: Path, decoding: Decoding,
                 cursor: _Cursor) -> Iterator[tuple[int, str]]:
    """(line number, decoded line) pairs, streaming; UTF-16 read whole.

    ``cursor.pos`` follows the bytes of the file read so far (of the
    compressed file for .gz).
    """
    gz = path.name.lower().endswith(".gz")
    try:
        with open(path, "rb") as raw_file:
            f = gzip.GzipFile(fileobj=raw_file, mode="rb") if gz else raw_file
            reading = decoding.line_reading(f.read(4))
            if reading is None:
                text = _text_of(path, decoding)
                cursor.pos = os.fstat(raw_file.fileno()).st_size
                yield from enumerate(text.splitlines(), 1)
                return
            decoder, skip = reading
            f.seek(skip)
            offset = f.tell()
            for number, raw in enumerate(f, 1):
                line = decoding.decode(raw, path, offset=offset, decoder=decoder,
                                       final=not raw.endswith(b"\n"))
                offset += len(raw)
                cursor.pos = raw_file.tell() if gz else offset
                yield number, line
    except (OSError, EOFError) as exc:
        raise SourceError(getattr(exc, "strerror", None) or str(exc), path=path) from None


def _json_records(path: Path, decoding: Decoding,
                  cursor: _Cursor) -> Iterator[tuple[int | None, object]]:
    """(line, record) pairs; a record that is not JSON comes as a DocumentError."""
    kind = _kind(path)
    if kind == ".json":
        text = _text_of(path, decoding)
        if not text.strip():
            return
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield exc.lineno, DocumentError(f"invalid JSON: {exc.msg}", source=path, line=exc.lineno)
            return
        if isinstance(data, list):
            yield from enumerate(data, 1)  # "line" is the item's place in the list
        else:
            yield None, data
        return
    for number, line in _jsonl_lines(path, decoding, cursor):
        if not line.strip():
            continue
        try:
            # Without its line break: an unclosed record points at its own end.
            yield number, json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            yield number, DocumentError(f"invalid JSON: {exc.msg} (column {exc.colno})",
                                        source=path, line=number)


def _documents_of(path: Path, doc_id: str, decoding: Decoding, skip: Callable | None,
                  cursor: _Cursor) -> Iterator[LoadedDocument]:
    if _kind(path) == ".txt":
        yield from _txt_document(path, doc_id, decoding)
        return
    for line, record in _json_records(path, decoding, cursor):
        if not isinstance(record, DocumentError):
            try:
                yield LoadedDocument(record, source=path, line=line)
                continue
            except DocumentError as exc:
                record = exc
        if skip is None:
            raise record
        skip(record)


class _SeenIds:
    """The ids of one load, each with the file and line it came from."""

    def __init__(self):
        self._files: list[Path] = []
        self._places: dict[str, int] = {}  # id -> file number << 32 | line (0: none)

    def start_file(self, path: Path) -> None:
        """The documents that follow come from ``path``."""
        self._files.append(path)

    def first_place(self, doc: LoadedDocument) -> str | None:
        """Where ``doc``'s id was loaded before (``file:line``), or None
        after noting this place (in the current file) as its first."""
        doc_id = doc[ID]
        packed = self._places.get(doc_id)
        if packed is None:
            self._places[doc_id] = ((len(self._files) - 1) << 32) | (doc.line or 0)
            return None
        source, line = self._files[packed >> 32], packed & 0xFFFFFFFF
        return f"{source}:{line}" if line else str(source)


def load_documents(paths: Paths, *, encoding: str | None = None, encoding_errors: str = "strict",
                   on_error: Callable[[SeedsearchError], None] | None = None
                   ) -> DocumentStream:
    """Stream the documents in ``paths`` (a file, a folder, or a list of them).

    Raises :class:`SourceError` for a missing, unreadable or undecodable file
    (naming the byte offset) and :class:`DocumentError` for a bad record
    (naming file and line) or an id already loaded (naming both places).
    With ``on_error`` given, bad records, repeated ids and unreadable files
    are passed to it and loading goes on with the rest.
    ``encoding`` names the files' encoding when it is not UTF-8
    (``"cp1256"`` for Windows Arabic); an unknown one is a SourceError at
    once.  ``encoding_errors="replace"`` decodes what the encoding cannot as
    U+FFFD.

    The result is an iterator of :class:`~seedsearch.ingest.documents.LoadedDocument`
    that also says how far it has read: ``total_bytes`` (the size of every
    file to load, found when first asked) and ``bytes_read``; and
    ``replaced``, the files in which characters were replaced with U+FFFD,
    each with how many (so far).
    """
    if encoding_errors not in ("strict", "replace"):
        raise SourceError(f"encoding_errors must be 'strict' or 'replace', not {encoding_errors!r}")
    return DocumentStream(paths, Decoding(check_encoding(encoding), encoding_errors), on_error)


class DocumentStream(Iterator[LoadedDocument]):
    """The documents of some files, read as they are asked for; see
    :func:`load_documents`."""

    def __init__(self, paths: Paths, decoding: Decoding,
                 on_error: Callable[[SeedsearchError], None] | None):
        self._paths = paths
        self._decoding = decoding
        self._on_error = on_error
        self._files: list[tuple[Path, str]] | None = None
        self._sizes: list[int] = []
        self._done = 0  # bytes of the files finished
        self._cursor = _Cursor()
        self._documents = self._generate()

    def __iter__(self) -> DocumentStream:
        return self

    def __next__(self) -> LoadedDocument:
        return next(self._documents)

    def _listed(self) -> list[tuple[Path, str]]:
        if self._files is None:
            self._files = list(_walk(self._paths))
            self._sizes = [_size(path) for path, _ in self._files]
        return self._files

    @property
    def total_bytes(self) -> int:
        """The size of every file to load, in bytes (compressed for .gz)."""
        self._listed()
        return sum(self._sizes)

    @property
    def replaced(self) -> dict[Path, int]:
        """The files read so far in which characters were replaced with
        U+FFFD (``encoding_errors="replace"``), each with how many."""
        return dict(self._decoding.replaced)

    @property
    def encoding(self) -> str:
        """The encoding the files are read in (``utf-8`` by default)."""
        return self._decoding.name

    @property
    def bytes_read(self) -> int:
        """How many of :attr:`total_bytes` have been read so far."""
        return self._done + self._cursor.pos

    def _generate(self) -> Iterator[LoadedDocument]:
        seen = _SeenIds()
        on_error = self._on_error
        for (path, txt_id), size in zip(self._listed(), self._sizes):
            seen.start_file(path)
            self._cursor.pos = 0
            whole = _kind(path) != ".jsonl" and _kind(path) != ".jsonl.gz"  # read at once
            try:
                for doc in _documents_of(path, txt_id, self._decoding, on_error, self._cursor):
                    if whole:
                        self._cursor.pos = size
                    first = seen.first_place(doc)
                    if first is None:
                        yield doc
                        continue
                    error = DocumentError(
                        f"the id is already used by {first} in this load; ids must be unique "
                        "(rename one, or skip the later one: CLI --skip-bad)",
                        doc_id=doc[ID], source=path, line=doc.line)
                    if on_error is None:
                        raise error
                    on_error(error)
            except SourceError as exc:
                if on_error is None:
                    raise
                on_error(exc)
            self._done += size
            self._cursor.pos = 0


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
