"""Search results: plain, typed values copied out of Whoosh, and highlights.

A :class:`Hit` holds the stored fields of one document; ``hit.highlight``
cuts a snippet from the *original* stored text (harakat, tatweel and all)
and wraps each matched word whole, using the analyzers' character offsets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from .analysis import WORD_PATTERN
from .normalize import has_harakat, vocalized
from .schema import SEARCH_FIELDS
from .terms import exact_terms, ranked_terms
from .vowels import vowels_agree

__all__ = ["Hit", "SearchResults", "Highlighter", "highlight_text"]

SNIPPET_CHARS = 240


@dataclass(frozen=True)
class Highlighter:
    """The terms a query matched, per stored field (ranked and exact), and
    for ``vowels=True`` the harakat each vowelled query word asks for."""
    terms: dict[str, frozenset[str]]
    vowel_checks: tuple = ()

    def _vowels_ok(self, word: str) -> bool:
        if not self.vowel_checks or not has_harakat(word):
            return True
        mine = ranked_terms(word)
        return all(vowels_agree(vocalized(word), wanted, stem)
                   for terms, stem, wanted in self.vowel_checks if not terms.isdisjoint(mine))

    def spans(self, fieldname: str, text: str) -> list[tuple[int, int]]:
        """Character spans of the words of ``text`` that the query matched."""
        ranked = self.terms.get(fieldname, frozenset())
        exact = self.terms.get(SEARCH_FIELDS.get(fieldname, ""), frozenset())
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


def highlight_text(text: str, spans: list[tuple[int, int]], *, start: str = "<b>",
                   end: str = "</b>", size: int = SNIPPET_CHARS) -> str:
    """Cut a window of about ``size`` characters around the densest run of
    ``spans`` and wrap each span in ``start``/``end``."""
    if not text:
        return ""
    if len(text) <= size:
        lo, hi = 0, len(text)
    elif not spans:
        lo, hi = 0, size
    else:
        # The window [span.start, span.start + size) holding the most spans.
        best, best_count, j = 0, 0, 0
        for i, (s, _) in enumerate(spans):
            while j < len(spans) and spans[j][1] <= s + size:
                j += 1
            if j - i > best_count:
                best, best_count = i, j - i
        first = spans[best][0]
        lo = max(0, first - size // 4)
        hi = min(len(text), lo + size)
        lo = max(0, min(lo, hi - size))
    lo = _word_edge(text, lo, backwards=True)
    hi = _word_edge(text, hi, backwards=False)
    parts = ["…" if lo > 0 else ""]
    pos = lo
    for s, e in spans:
        if e <= lo or s >= hi:
            continue
        parts.append(text[pos:s])
        parts.append(start + text[s:e] + end)
        pos = e
    parts.append(text[pos:hi])
    parts.append("…" if hi < len(text) else "")
    return "".join(parts).strip()


def _word_edge(text, pos, backwards):
    """Move ``pos`` off the middle of a word (to the word's start or end)."""
    if pos <= 0 or pos >= len(text):
        return max(0, min(pos, len(text)))
    m = None
    for m in WORD_PATTERN.finditer(text, max(0, pos - 60), min(len(text), pos + 60)):
        if m.start() < pos < m.end():
            return m.start() if backwards else m.end()
    return pos


@dataclass(frozen=True)
class Hit:
    """One ranked document."""
    id: str
    score: float
    rank: int
    fields: dict
    _highlighter: Highlighter = field(repr=False, compare=False)

    def __getitem__(self, key):
        return self.fields[key]

    def get(self, key, default=None):
        return self.fields.get(key, default)

    def highlight(self, fieldname: str = "text", *, start: str = "<b>", end: str = "</b>",
                  size: int = SNIPPET_CHARS) -> str:
        """A snippet of the original ``fieldname`` text, matched words wrapped."""
        text = self.fields.get(fieldname) or ""
        if not isinstance(text, str):
            return ""
        return highlight_text(text, self._highlighter.spans(fieldname, text),
                              start=start, end=end, size=size)


class SearchResults:
    """The hits of one page, plus the total and facets over every match.

    ``total``, ``facets`` and ``suggestion`` are computed on first access
    (total and facets in one pass over all matches), so a plain top-10
    search does not pay for them.
    """

    def __init__(self, hits: list[Hit], *, warnings: list[str],
                 counter: Callable[[], tuple[int, dict]],
                 suggester: Callable[[], str | None], page: int, limit: int):
        self.hits = hits
        self.warnings = warnings
        self.page = page
        self.limit = limit
        self._counter = counter
        self._suggester = suggester

    @cached_property
    def _counts(self) -> tuple[int, dict]:
        return self._counter()

    @cached_property
    def suggestion(self) -> str | None:
        """A corrected query ("did you mean") when a word is unknown to the
        index and a close, frequent word is known; else None."""
        return self._suggester()

    @property
    def total(self) -> int:
        """Number of documents matching the query (after filters)."""
        return self._counts[0]

    @property
    def facets(self) -> dict[str, dict[str, int]]:
        """``{"collection": {"news": 12, ...}, "category": {...}}`` over all matches."""
        return self._counts[1]

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, i):
        return self.hits[i]

    def __bool__(self):
        return bool(self.hits)

    def __repr__(self):
        return f"<SearchResults page={self.page} hits={len(self.hits)}>"
