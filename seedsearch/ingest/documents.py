"""Validate a document dict and turn it into Whoosh field values.

A document is a mapping with ``id`` (str, required), ``text`` (str,
required, may be empty) and optional ``title``, ``date`` (ISO date or
datetime string, or ``date``/``datetime``), ``collection`` and ``category``
(str).  Any other key with a str, int, float or bool value is stored and
returned with the hits; ``None`` values are treated as absent.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from ..errors import DocumentError
from ..fields import (
    CORE_FIELDS,
    DATE,
    DATE_STORED,
    EXTRA,
    ID,
    KEYWORD_FIELDS,
    TEXT,
    TITLE,
    VOWELS,
    YEAR,
)

__all__ = ["prepare", "prepared", "LoadedDocument", "parse_date", "clean_text",
           "stored_document"]

_SURROGATES = re.compile("[\ud800-\udfff]")
_EXTRA_TYPES = (str, int, float, bool)


def clean_text(value: str) -> str:
    """Replace lone surrogates (which no file or index can encode) by U+FFFD."""
    return _SURROGATES.sub("\ufffd", value) if _SURROGATES.search(value) else value


def parse_date(value) -> dt.datetime | None:
    """An ISO date/datetime string, date or datetime -> datetime; "" -> None.

    Raises ValueError with a readable message otherwise.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            return parsed.replace(tzinfo=None) if parsed.tzinfo else parsed
        except ValueError:
            pass
        raise ValueError(f"date {value!r} is not an ISO date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)")
    raise ValueError(f"date must be a string, date or datetime, not {type(value).__name__}")


def _str_field(doc, key, doc_id, required=False):
    value = doc.get(key)
    if value is None:
        if required:
            problem = f"{key!r} is None" if key in doc else f"missing required key {key!r}"
            raise DocumentError(problem, doc_id=doc_id)
        return ""
    if not isinstance(value, str):
        raise DocumentError(
            f"{key!r} must be a string, not {type(value).__name__}", doc_id=doc_id)
    return clean_text(value)


def prepare(doc, *, vowels: bool = False) -> dict:
    """Validate ``doc``; return the keyword arguments for ``add_document``
    (``vowels=True``: with the vowel-data field too).

    Raises :class:`DocumentError` naming the document and the bad key.
    """
    if not isinstance(doc, Mapping):
        raise DocumentError(f"a document must be a dict, not {type(doc).__name__}")
    raw_id = doc.get(ID)
    if raw_id is None:
        raise DocumentError(f"missing required key {ID!r}")
    if not isinstance(raw_id, str):
        raise DocumentError(f"{ID!r} must be a string, not {type(raw_id).__name__} {raw_id!r}")
    doc_id = clean_text(raw_id)
    if not doc_id.strip():
        raise DocumentError(f"{ID!r} is empty")
    text = _str_field(doc, TEXT.name, doc_id, required=True)
    fields = {ID: doc_id, TEXT.ranked: text, TEXT.exact: text}
    if vowels:
        fields[VOWELS] = text
    title = _str_field(doc, TITLE.name, doc_id)
    if title:
        fields[TITLE.ranked] = fields[TITLE.exact] = title
    for key in KEYWORD_FIELDS:
        value = _str_field(doc, key, doc_id)
        if value:
            fields[key] = value
    try:
        when = parse_date(doc.get(DATE))
    except ValueError as exc:
        raise DocumentError(str(exc), doc_id=doc_id) from None
    if when is not None:
        fields[DATE] = when
        fields[DATE_STORED] = _iso(doc.get(DATE), when)
        fields[YEAR] = f"{when.year:04d}"
    extra = {}
    for key, value in doc.items():
        if key in CORE_FIELDS or value is None:
            continue
        if not isinstance(key, str):
            raise DocumentError(f"keys must be strings, not {key!r}", doc_id=doc_id)
        if not isinstance(value, _EXTRA_TYPES):
            raise DocumentError(
                f"{key!r} must be a string or a number, not {type(value).__name__}",
                doc_id=doc_id)
        extra[clean_text(key)] = clean_text(value) if isinstance(value, str) else value
    if extra:
        fields[EXTRA] = extra
    return fields


class LoadedDocument(dict):
    """A document as :func:`seedsearch.load_documents` yields it: a plain dict
    that also says where it came from (``source``, ``line``) and carries the
    fields :func:`prepare` made of it when it was loaded, so that
    ``add_documents`` does not validate it a second time.

    Changing the dict in place drops those fields; ``add_documents`` then
    validates it again, and an error still names the file and line.
    """

    __slots__ = ("source", "line", "_fields")

    def __init__(self, doc: object, source: object = None, line: int | None = None):
        try:
            fields = prepare(doc)
        except DocumentError as exc:
            raise DocumentError(exc.reason, doc_id=exc.doc_id, source=source, line=line) from None
        assert isinstance(doc, Mapping)  # prepare refused anything else
        super().__init__(doc)
        self.source = source
        self.line = line
        self._fields: dict | None = fields

    def _changed(self) -> None:
        self._fields = None

    def __setitem__(self, key, value):
        self._changed()
        super().__setitem__(key, value)

    def __delitem__(self, key):
        self._changed()
        super().__delitem__(key)

    def __ior__(self, other: Any) -> LoadedDocument:  # type: ignore[misc]
        self._changed()
        super().update(other)
        return self

    def clear(self):
        self._changed()
        super().clear()

    def pop(self, *args):
        self._changed()
        return super().pop(*args)

    def popitem(self):
        self._changed()
        return super().popitem()

    def setdefault(self, key, default=None):
        self._changed()
        return super().setdefault(key, default)

    def update(self, *args, **kwargs):
        self._changed()
        super().update(*args, **kwargs)

    def __reduce__(self):  # pickles (and copies) as the plain dict it is
        return dict, (dict(self),)


def prepared(doc: object, *, vowels: bool = False) -> dict:
    """:func:`prepare` ``doc``, or take the fields of a :class:`LoadedDocument`
    that was validated when it was loaded."""
    if isinstance(doc, LoadedDocument):
        fields = doc._fields
        if fields is not None:
            return {**fields, VOWELS: fields[TEXT.ranked]} if vowels else fields
        try:
            return prepare(doc, vowels=vowels)
        except DocumentError as exc:
            raise DocumentError(exc.reason, doc_id=exc.doc_id, source=doc.source,
                                line=doc.line) from None
    return prepare(doc, vowels=vowels)


def _iso(original, when: dt.datetime) -> str:
    """The date as shown back to people: as given when it was a string."""
    if isinstance(original, str):
        return original.strip()
    if isinstance(original, dt.datetime):
        return when.isoformat()
    return when.date().isoformat()


def stored_document(stored: Mapping) -> dict:
    """A stored-fields dict back in the shape the document was given in."""
    doc = {ID: stored[ID], TEXT.name: stored.get(TEXT.name, "")}
    if stored.get(TITLE.name):
        doc[TITLE.name] = stored[TITLE.name]
    if stored.get(DATE_STORED):
        doc[DATE] = stored[DATE_STORED]
    for key in KEYWORD_FIELDS:
        if stored.get(key):
            doc[key] = stored[key]
    doc.update(stored.get(EXTRA) or {})
    return doc
