"""Search results: plain values copied out of one searcher.

A :class:`Hit` holds the stored fields of one document and shows why it
matched (:mod:`.highlight`): :meth:`Hit.spans` gives the character spans of
the matched words in the *original* stored text (harakat, tatweel and all),
:meth:`Hit.highlight` renders a snippet as HTML (the document text escaped,
only our own tag added: ``<b>`` by default, ``<mark>`` for the web) and
:meth:`Hit.snippet` as plain text with any markers, for a terminal.

:class:`SearchResults` is computed in full when the search runs, against
one searcher: hits, total, facets and the suggestion never mix document
numbers of two states of the index.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import QueryError
from ..fields import DATE, ID, KEYWORD_FIELDS, TEXT, TITLE
from .highlight import SNIPPET_CHARS, Highlighter, snippet
from .notices import Notice

#: Display names of facet values: facet -> value -> label (see Index.labels).
Labels = Mapping[str, Mapping[str, str]]

__all__ = ["Hit", "SearchResults", "Labels", "LABEL_SUFFIX", "label_fields"]

#: ``hit.to_dict()`` gives the label of ``collection`` as ``collection_label``.
LABEL_SUFFIX = "_label"


def label_fields(doc: Mapping[str, Any], labels: Labels) -> dict[str, str]:
    """``collection_label`` and ``category_label`` of a document: the
    display names of its values, "" where it has none."""
    return {key + LABEL_SUFFIX: labels.get(key, {}).get(doc.get(key) or "", "")
            for key in KEYWORD_FIELDS}

_TAG_NAMES = frozenset({"b", "mark", "em", "strong", "span"})


def _html_escape(text: str) -> str:
    return html.escape(text, quote=False)


@dataclass(frozen=True)
class Hit:
    """One ranked document: ``id``, ``score``, ``rank`` and its stored ``fields``."""
    id: str
    score: float
    rank: int
    fields: dict[str, Any]
    _highlighter: Highlighter = field(repr=False, compare=False)
    _labels: Labels = field(default_factory=dict, repr=False, compare=False)

    def __getitem__(self, key: str) -> Any:
        return self.fields[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.fields.get(key, default)

    def __repr__(self) -> str:
        title = self.fields.get(TITLE.name) or self.fields.get(TEXT.name) or ""
        if len(title) > 40:
            title = title[:40] + "…"
        return f"<Hit rank={self.rank} id={self.id!r} score={self.score:.3f} {title!r}>"

    def label(self, facet: str) -> str:
        """The display name of this document's ``collection`` or
        ``category`` (:attr:`seedsearch.Index.labels`), else its value."""
        value = self.fields.get(facet) or ""
        return self._labels.get(facet, {}).get(value, value) if value else ""

    def spans(self, fieldname: str = TEXT.name) -> list[tuple[int, int]]:
        """Character spans, in ``self[fieldname]``, of the words the query matched."""
        text = self.fields.get(fieldname)
        if not isinstance(text, str):
            return []
        return self._highlighter.spans(fieldname, text)

    def snippet(self, fieldname: str = TEXT.name, *, start: str = "[", end: str = "]",
                size: int = SNIPPET_CHARS) -> str:
        """A plain-text snippet (for a terminal): matched words wrapped in
        ``start``/``end``, nothing escaped."""
        return self._render(fieldname, start, end, size, str)

    def highlight(self, fieldname: str = TEXT.name, *, tag: str = "b",
                  size: int = SNIPPET_CHARS) -> str:
        """An HTML snippet of the original ``fieldname`` text: the text is
        escaped, and each matched word is wrapped in ``<tag>…</tag>``
        (``b``, ``mark``, ``em``, ``strong`` or ``span``)."""
        if tag not in _TAG_NAMES:
            raise QueryError(f"highlight tag must be one of {', '.join(sorted(_TAG_NAMES))}, "
                             f"not {tag!r}")
        return self._render(fieldname, f"<{tag}>", f"</{tag}>", size, _html_escape)

    def _render(self, fieldname: str, start: str, end: str, size: int,
                escape: Callable[[str], str]) -> str:
        text = self.fields.get(fieldname)
        if not isinstance(text, str):
            return ""
        return snippet(text, self._highlighter.marks(fieldname, text), start=start, end=end,
                       size=size, escape=escape)

    def to_dict(self, *, tag: str = "mark") -> dict[str, Any]:
        """A JSON-ready dict: id, rank, score, title, date, collection,
        category, their labels (``collection_label``, ``category_label``:
        the display name, or "" when the index has none), ``highlight``
        (HTML, see :meth:`highlight`) and ``fields`` (every other stored
        key)."""
        core = (ID, TITLE.name, TEXT.name, DATE, *KEYWORD_FIELDS)
        return {
            ID: self.id, "rank": self.rank, "score": round(self.score, 6),
            TITLE.name: self.fields.get(TITLE.name, ""), DATE: self.fields.get(DATE, ""),
            **{key: self.fields.get(key, "") for key in KEYWORD_FIELDS},
            **label_fields(self.fields, self._labels),
            "highlight": self.highlight(TEXT.name, tag=tag),
            "fields": {k: v for k, v in self.fields.items() if k not in core},
        }


@dataclass(frozen=True, repr=False)
class SearchResults:
    """One page of hits, with the total and facets over every match.

    Everything here was computed from the same searcher when the search
    ran; iterating gives the :class:`Hit` s of the page.
    """
    query: str
    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]]
    page: int
    limit: int
    #: How the query was read, as data (:class:`~.notices.Notice`: code,
    #: params, English message); :attr:`warnings` has the messages.
    notices: list[Notice] = field(default_factory=list)
    #: A corrected query ("did you mean") when a word is unknown to the
    #: index and a close, frequent word is known; else None.
    suggestion: str | None = None
    #: The order of the hits: relevance, newest or oldest.
    sort: str = "relevance"
    #: Display names of facet values (see :attr:`seedsearch.Index.labels`).
    labels: Labels = field(default_factory=dict)

    @property
    def warnings(self) -> list[str]:
        """How the query was read, in English (the notices' messages)."""
        return [n.message for n in self.notices]

    def label(self, facet: str, value: str) -> str:
        """The display name of a facet value, else the value itself."""
        return self.labels.get(facet, {}).get(value, value)

    @property
    def pages(self) -> int:
        """How many pages of ``limit`` hits the matches fill."""
        return max(1, math.ceil(self.total / self.limit)) if self.total else 0

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    def to_dict(self, *, tag: str = "mark") -> dict[str, Any]:
        """A JSON-ready dict: query, total, page, limit, pages, has_next,
        sort, suggestion, warnings, notices (each ``{"code", "params",
        "message"}``), facets, facet_labels (facet -> value -> display name,
        for the values shown that have one) and hits (each
        :meth:`Hit.to_dict`)."""
        return {
            "query": self.query, "total": self.total, "page": self.page,
            "limit": self.limit, "pages": self.pages, "has_next": self.has_next,
            "sort": self.sort, "suggestion": self.suggestion, "warnings": self.warnings,
            "notices": [n.to_dict() for n in self.notices],
            "facets": {name: dict(counts) for name, counts in self.facets.items()},
            "facet_labels": {name: {v: self.labels[name][v] for v in counts
                                    if v in self.labels.get(name, {})}
                             for name, counts in self.facets.items() if name in self.labels},
            "hits": [hit.to_dict(tag=tag) for hit in self.hits],
        }

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, i: int) -> Hit:
        return self.hits[i]

    def __bool__(self) -> bool:
        return bool(self.hits)

    def __repr__(self) -> str:
        return (f"<SearchResults {self.query!r} page={self.page} hits={len(self.hits)} "
                f"total={self.total}>")

