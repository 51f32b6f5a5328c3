"""The exception hierarchy: every error a user can cause is a SeedsearchError.

Messages name what is wrong and where (file, line, byte offset, document id)
and, where there is one, what to do about it.
"""

from __future__ import annotations

__all__ = [
    "SeedsearchError",
    "IndexNotFoundError",
    "IndexExistsError",
    "IndexLockedError",
    "IndexPathError",
    "SchemaMismatchError",
    "DocumentError",
    "SourceError",
    "QueryError",
    "IndexWriteError",
    "ExportError",
    "LabelError",
    "DocumentNotFoundError",
    "IndexClosedError",
    "ArgumentError",
]


class SeedsearchError(Exception):
    """Root of every error seedsearch raises on purpose."""


class IndexNotFoundError(SeedsearchError):
    """No index at the given path."""


class IndexExistsError(SeedsearchError):
    """An index is already there and ``overwrite`` was not asked for."""


class IndexLockedError(SeedsearchError):
    """Another writer held the index lock for longer than the timeout."""


class IndexPathError(SeedsearchError):
    """The index path cannot be used: a file, unwritable, or foreign content."""


class SchemaMismatchError(SeedsearchError):
    """The folder holds a Whoosh index that seedsearch did not create."""


class DocumentError(SeedsearchError):
    """A document is malformed.  ``doc_id``, ``source`` and ``line`` say which;
    ``reason`` is the message without them."""

    def __init__(self, message: str, *, doc_id: str | None = None, source: object = None,
                 line: int | None = None):
        where = []
        if source is not None:
            where.append(f"{source}:{line}" if line is not None else str(source))
        if doc_id is not None:
            where.append(f"document {doc_id!r}")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)
        self.reason = message
        self.doc_id = doc_id
        self.source = source
        self.line = line


class SourceError(SeedsearchError):
    """A file or folder to load from is missing, unreadable or undecodable."""

    def __init__(self, message: str, *, path: object = None, offset: int | None = None):
        where = str(path) if path is not None else ""
        if offset is not None:
            where += f" (byte {offset})"
        super().__init__(f"{where}: {message}" if where else message)
        self.path = path
        self.offset = offset


class QueryError(SeedsearchError):
    """A query or a search argument cannot be used (strict mode, bad limit).

    ``code`` and ``params``, when given, name the mistake as data (a page
    may say it in another language): the parser's problems carry the codes
    of :class:`seedsearch.search.notices.NoticeCode`, other mistakes a
    code of their own (``bad_sort``, ``bad_date_filter``, …).
    """

    def __init__(self, message: str, *, code: str | None = None,
                 params: dict[str, object] | None = None):
        super().__init__(message)
        self.code = code
        self.params = dict(params or {})


class IndexWriteError(SeedsearchError):
    """Writing the index failed (disk full, permissions); nothing was committed."""


class ExportError(SeedsearchError):
    """An export cannot be written (the output path is a file, unwritable, full)."""


class LabelError(SeedsearchError):
    """Display names of facet values cannot be used (not a dict of strings,
    a facet that has no values to name, an unreadable labels file)."""


class DocumentNotFoundError(SeedsearchError):
    """No document with the given id (``similar``, ``document``)."""

    def __init__(self, doc_id: str):
        super().__init__(f"no document with id {doc_id[:200]!r}")
        self.doc_id = doc_id


class IndexClosedError(SeedsearchError):
    """The Index was closed (``close()``, or the end of its ``with`` block);
    open the folder again with ``Index.open``."""


class ArgumentError(SeedsearchError):
    """An argument of a call is of the wrong type or out of range, where no
    error above fits (``add_documents(procs=0)``)."""
