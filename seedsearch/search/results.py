"""Search results: plain values copied out of one searcher, and highlights.

A :class:`Hit` holds the stored fields of one document.  Highlighting is
data first: :meth:`Hit.spans` gives the character spans of the matched
words in the *original* stored text (harakat, tatweel and all), and
:meth:`Hit.highlight` renders a snippet as HTML: the document text is
escaped and only our own tag (``<b>`` by default, ``<mark>`` for the web)
is added.  :func:`snippet` renders with any markers and no escaping, for a
terminal.

:class:`SearchResults` is computed in full when the search runs, against
one searcher: hits, total, facets and the suggestion never mix document
numbers of two states of the index.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..analysis import WORD_PATTERN
from ..errors import QueryError
from ..fields import DATE, FACETS, ID, KEYWORD_FIELDS, TEXT, TEXT_FIELDS, TITLE
from ..text.normalize import has_harakat, vocalized
from ..text.terms import exact_terms, ranked_terms
from ..text.vowels import vowels_agree

__all__ = ["Hit", "SearchResults", "Highlighter", "snippet", "SNIPPET_CHARS"]

SNIPPET_CHARS = 240
_TAG_NAMES = frozenset({"b", "mark", "em", "strong", "span"})


@dataclass(frozen=True)
class Highlighter:
    """The terms a query matched, per index field (ranked and exact), and
    for ``vowels=True`` the harakat each vowelled query word asks for as
    ``(ranked terms, stem, vocalized word)``."""
    terms: dict[str, frozenset[str]]
    vowel_checks: tuple[tuple[frozenset[str], str, str], ...] = ()

    def _vowels_ok(self, word: str) -> bool:
        if not self.vowel_checks or not has_harakat(word):
            return True
        mine = ranked_terms(word)
        return all(vowels_agree(vocalized(word), wanted, stem)
                   for terms, stem, wanted in self.vowel_checks if not terms.isdisjoint(mine))

    def spans(self, fieldname: str, text: str) -> list[tuple[int, int]]:
        """Character spans of the words of ``text`` that the query matched."""
        spec = TEXT_FIELDS.get(fieldname)
        if spec is None:
            return []
        ranked = self.terms.get(spec.ranked, frozenset())
        exact = self.terms.get(spec.exact, frozenset())
        if not ranked and not exact:
            return []
        out = []
        for m in WORD_PATTERN.finditer(text):
            word = m.group()
            if ((exact and not exact.isdisjoint(exact_terms(word))) or (
                    ranked and not ranked.isdisjoint(ranked_terms(word)))) \
                    and self._vowels_ok(word):
                out.append(m.span())
        return out


def _window(text: str, spans: list[tuple[int, int]], size: int) -> tuple[int, int]:
    """The ``[lo, hi)`` window of about ``size`` characters around the
    densest run of ``spans``, moved off the middle of words."""
    if len(text) <= size:
        return 0, len(text)
    if not spans:
        lo, hi = 0, size
    else:
        # The window [span.start, span.start + size) holding the most spans.
        best, best_count, j = 0, 0, 0
        for i, (s, _) in enumerate(spans):
            while j < len(spans) and spans[j][1] <= s + size:
                j += 1
            if j - i > best_count:
                best, best_count = i, j - i
        lo = max(0, spans[best][0] - size // 4)
        hi = min(len(text), lo + size)
        lo = max(0, min(lo, hi - size))
    return _word_edge(text, lo, backwards=True), _word_edge(text, hi, backwards=False)


def snippet(text: str, spans: list[tuple[int, int]], *, start: str, end: str,
            size: int = SNIPPET_CHARS, escape: Callable[[str], str] = str) -> str:
    """Cut a window of about ``size`` characters around the densest run of
    ``spans``; wrap each span in ``start``/``end``; pass every piece of the
    document's own text through ``escape`` (``html.escape`` for HTML)."""
    if not text:
        return ""
    lo, hi = _window(text, spans, size)
    parts = ["…" if lo > 0 else ""]
    pos = lo
    for s, e in spans:
        if e <= lo or s >= hi:
            continue
        parts += [escape(text[pos:s]), start, escape(text[s:e]), end]
        pos = e
    parts.append(escape(text[pos:hi]))
    parts.append("…" if hi < len(text) else "")
    return "".join(parts).strip()


def _word_edge(text: str, pos: int, backwards: bool) -> int:
    """Move ``pos`` off the middle of a word (to the word's start or end)."""
    if pos <= 0 or pos >= len(text):
        return max(0, min(pos, len(text)))
    for m in WORD_PATTERN.finditer(text, max(0, pos - 60), min(len(text), pos + 60)):
        if m.start() < pos < m.end():
            return m.start() if backwards else m.end()
    return pos


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

    def __getitem__(self, key: str) -> Any:
        return self.fields[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.fields.get(key, default)

    def __repr__(self) -> str:
        title = self.fields.get(TITLE.name) or self.fields.get(TEXT.name) or ""
        if len(title) > 40:
            title = title[:40] + "…"
        return f"<Hit rank={self.rank} id={self.id!r} score={self.score:.3f} {title!r}>"

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
        return snippet(text, self._highlighter.spans(fieldname, text), start=start, end=end,
                       size=size, escape=escape)

    def to_dict(self, *, tag: str = "mark") -> dict[str, Any]:
        """A JSON-ready dict: id, rank, score, title, date, collection,
        category, ``highlight`` (HTML, see :meth:`highlight`) and ``fields``
        (every other stored key)."""
        core = (ID, TITLE.name, TEXT.name, DATE, *KEYWORD_FIELDS)
        return {
            ID: self.id, "rank": self.rank, "score": round(self.score, 6),
            TITLE.name: self.fields.get(TITLE.name, ""), DATE: self.fields.get(DATE, ""),
            **{key: self.fields.get(key, "") for key in KEYWORD_FIELDS},
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
    warnings: list[str] = field(default_factory=list)
    #: A corrected query ("did you mean") when a word is unknown to the
    #: index and a close, frequent word is known; else None.
    suggestion: str | None = None

    @property
    def pages(self) -> int:
        """How many pages of ``limit`` hits the matches fill."""
        return max(1, math.ceil(self.total / self.limit)) if self.total else 0

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    def to_dict(self, *, tag: str = "mark") -> dict[str, Any]:
        """A JSON-ready dict: query, total, page, limit, pages, has_next,
        suggestion, warnings, facets and hits (each :meth:`Hit.to_dict`)."""
        return {
            "query": self.query, "total": self.total, "page": self.page,
            "limit": self.limit, "pages": self.pages, "has_next": self.has_next,
            "suggestion": self.suggestion, "warnings": list(self.warnings),
            "facets": {name: dict(counts) for name, counts in self.facets.items()},
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


def empty_facets() -> dict[str, dict[str, int]]:
    return {name: {} for name in FACETS}
