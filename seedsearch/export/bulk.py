"""Export an index for OpenSearch or Elasticsearch: settings.json + bulk files.

:func:`export_index` writes, in one folder:

* ``settings.json``: the body of ``PUT /NAME`` (:mod:`.settings`), with the
  index's labels in the mappings' ``_meta``;
* ``bulk-00001.ndjson``, ``bulk-00002.ndjson``, …: the documents as bulk API
  pairs, an action line ``{"index": {"_index": NAME, "_id": …}}`` then the
  document, every line ending in ``\\n``, each file at most ``max_bytes``
  (10 MB by default, under the 100 MB default request limit of both engines).

Documents are streamed from :meth:`seedsearch.Index.iter_documents`, one at a
time (memory holds one segment's stored fields at a time); each file is
written under a ``.part`` name and renamed when it is complete, so an
interrupted export never leaves a complete-looking partial file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import ExportError
from ..fields import DATE, ID, TEXT_FIELDS
from ..index import Index
from ..ingest.documents import parse_date
from ..search.results import label_fields
from ..storage.folders import make_folder
from ..text.roots import roots_of
from ..text.terms import WORD_PATTERN
from .mappings import index_settings, roots_field

__all__ = ["export_index", "write_bulk", "bulk_document", "check_index_name", "ExportSummary",
           "MAX_FILE_BYTES", "DEFAULT_NAME", "SETTINGS_FILE"]

#: Largest bulk file (bytes); one document larger than this gets a file of its own.
MAX_FILE_BYTES = 10 * 1024 * 1024
DEFAULT_NAME = "seedsearch"
SETTINGS_FILE = "settings.json"
_BULK_GLOB = "bulk-*.ndjson"
#: What OpenSearch and Elasticsearch refuse in an index name, besides
#: capitals and spaces (both engines' "Index name" rules).
_NAME_FORBIDDEN = '\\/*?"<>|,#:'
_NAME_FIRST = "-_+"
MAX_NAME_BYTES = 255


@dataclass
class ExportSummary:
    """What an export wrote."""
    documents: int = 0
    files: list[Path] = field(default_factory=list)
    bytes: int = 0
    settings: Path | None = None


def bulk_document(doc: Mapping, labels: Mapping[str, Mapping[str, str]] | None = None) -> dict:
    """A stored seedsearch document in the shape the exported mappings expect.

    The date is given to the engine in ISO 8601 (``2026-01-28`` or
    ``2026-01-28T10:30:00``), which both engines' ``date`` type reads; the
    display name of its collection and category, when ``labels`` has one,
    is added as ``collection_label`` and ``category_label`` (kept in
    ``_source``, not indexed), so that a page on the engine can show it;
    each text field's words have their roots in a field of their own
    (``text_roots``: :func:`~seedsearch.text.roots.roots_of` of each word
    as written, space-separated, for ``root:`` queries); every other key
    is kept as it is.
    """
    out = dict(doc)
    for name in TEXT_FIELDS:
        text = out.get(name)
        if isinstance(text, str) and text:
            out[roots_field(name)] = " ".join(
                r for w in WORD_PATTERN.findall(text) for r in roots_of(w))
    out.update((key, name) for key, name in label_fields(doc, labels or {}).items() if name)
    date = out.get(DATE)
    if isinstance(date, str) and date:
        try:
            when = parse_date(date)
        except ValueError:
            when = None
        if when is not None:
            out[DATE] = when.date().isoformat() if len(date.strip()) == 10 else when.isoformat()
    return out


def check_index_name(name: object) -> str:
    """``name`` if both engines take it as an index name, else ExportError
    naming the rule it breaks and a name they would take.

    >>> check_index_name("أخبار-2026")
    'أخبار-2026'
    """
    if not isinstance(name, str):
        raise ExportError(f"the index name must be a string, not {type(name).__name__}")
    rule = _broken_rule(name)
    if rule is not None:
        raise ExportError(f"index name {name!r}: {rule}; OpenSearch and Elasticsearch refuse "
                          f"it (e.g. {_acceptable(name)!r})")
    return name


def _broken_rule(name: str) -> str | None:
    if not name:
        return "must not be empty"
    if name != name.lower():
        return "lowercase only"
    if any(ch.isspace() for ch in name):
        return "no spaces"
    if name in (".", ".."):
        return "must not be . or .."
    if name[0] in _NAME_FIRST:
        return "must not start with -, _ or +"
    for ch in _NAME_FORBIDDEN:
        if ch in name:
            return f"must not hold {ch!r} (nor any of {_NAME_FORBIDDEN})"
    size = len(name.encode("utf-8"))
    if size > MAX_NAME_BYTES:
        return f"at most {MAX_NAME_BYTES} bytes (this one has {size})"
    return None


def _acceptable(name: str) -> str:
    """A name like ``name`` that both engines take (News Arabic -> news-arabic)."""
    out = "".join("-" if ch.isspace() or ch in _NAME_FORBIDDEN else ch for ch in name.lower())
    out = "-".join(part for part in out.split("-") if part).lstrip(_NAME_FIRST)
    out = out.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore")
    return out if out and _broken_rule(out) is None else DEFAULT_NAME


def _pair(doc: Mapping, name: str, labels: Mapping[str, Mapping[str, str]] | None) -> bytes:
    action = {"index": {"_index": name, "_id": doc[ID]}}
    line = json.dumps(action, ensure_ascii=False, separators=(",", ":")) + "\n" + \
        json.dumps(bulk_document(doc, labels), ensure_ascii=False, separators=(",", ":")) + "\n"
    return line.encode("utf-8")


class _Files:
    """bulk-00001.ndjson, bulk-00002.ndjson…, each written as .part then renamed."""

    def __init__(self, folder: Path, summary: ExportSummary):
        self.folder = folder
        self.summary = summary
        self.handle: BinaryIO | None = None
        self.size = 0
        self.number = 0

    def write(self, data: bytes, max_bytes: int) -> None:
        if self.handle is not None and self.size + len(data) > max_bytes:
            self.close()
        if self.handle is None:
            self.number += 1
            self.path = self.folder / f"bulk-{self.number:05d}.ndjson"
            self.handle = open(self.path.with_suffix(".ndjson.part"), "wb")
            self.size = 0
        self.handle.write(data)
        self.size += len(data)

    def close(self) -> None:
        if self.handle is None:
            return
        self.handle.close()
        os.replace(self.path.with_suffix(".ndjson.part"), self.path)
        self.summary.files.append(self.path)
        self.summary.bytes += self.size
        self.handle = None

    def abort(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.path.with_suffix(".ndjson.part").unlink(missing_ok=True)
            self.handle = None


def write_bulk(docs: Iterable[Mapping], out: Path, *, name: str = DEFAULT_NAME,
               max_bytes: int = MAX_FILE_BYTES, summary: ExportSummary | None = None,
               labels: Mapping[str, Mapping[str, str]] | None = None) -> ExportSummary:
    """Write ``docs`` (seedsearch documents with an ``id``) as bulk files in
    ``out`` for the index ``name`` (see :func:`check_index_name`), with the
    display names of ``labels`` (see :func:`bulk_document`)."""
    check_index_name(name)
    summary = summary if summary is not None else ExportSummary()
    files = _Files(Path(out), summary)
    try:
        for doc in docs:
            files.write(_pair(doc, name, labels), max_bytes)
            summary.documents += 1
        files.close()
    except OSError as exc:
        files.abort()
        raise ExportError(f"{out}: writing the bulk files failed ({exc.strerror or exc})") from None
    except BaseException:
        files.abort()
        raise
    return summary


def _prepare_folder(out: Path) -> None:
    make_folder(out, ExportError, "export")
    if not os.access(out, os.W_OK | os.X_OK):
        raise ExportError(f"{out}: the folder is not writable")
    # Bulk files of an earlier export would be loaded with the new ones.
    for old in list(out.glob(_BULK_GLOB)) + list(out.glob(_BULK_GLOB + ".part")):
        old.unlink()


def export_index(index, out, *, name: str = DEFAULT_NAME, max_bytes: int = MAX_FILE_BYTES,
                 progress: bool = False) -> ExportSummary:
    """Export the index at ``index`` (a path or an open :class:`Index`) to ``out``.

    Writes ``settings.json`` and the bulk files (earlier ``bulk-*.ndjson``
    files in ``out`` are deleted first).  Raises IndexNotFoundError when
    there is no index, ExportError when ``out`` cannot be written or
    ``name`` is no index name the engines take (:func:`check_index_name`),
    before anything is written.
    """
    check_index_name(name)
    ix = index if isinstance(index, Index) else Index.open(index)
    out = Path(out)
    _prepare_folder(out)
    summary = ExportSummary()
    settings = out / SETTINGS_FILE
    try:
        settings.write_text(json.dumps(index_settings(ix.labels), ensure_ascii=False,
                                       indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"{settings}: cannot write ({exc.strerror})") from None
    summary.settings = settings
    docs: Any = ix.iter_documents()
    if progress:
        from tqdm import tqdm

        docs = tqdm(docs, total=len(ix), unit="doc", smoothing=0.1, leave=False)
    try:
        write_bulk(docs, out, name=name, max_bytes=max_bytes, summary=summary,
                   labels=ix.labels)
    finally:
        if progress:
            docs.close()
        if ix is not index:
            ix.close()
    return summary
