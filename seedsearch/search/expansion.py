"""Prefix and fuzzy words: their expansions in the vocabulary, on a budget.

A prefix word (مسؤول*) or a fuzzy word (الصلاه~) stands for the indexed
words it reaches.  Each reaches at most :data:`MAX_EXPANSIONS` of them (the
most frequent: for a short prefix, from each segment's table of its most
frequent words, :mod:`seedsearch.storage.frequent`), read from at most
:data:`MAX_SCAN` vocabulary entries where no table can tell; all
the prefix and fuzzy words of one query together share
:data:`QUERY_EXPANSIONS` words and :data:`QUERY_SCAN` entries, so a query
of sixty prefixes costs what one costs many times over, not without bound.
A word that reaches the limit is cut to its most frequent words, with a
warning the caller shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any, TypeVar

from ..fields import TEXT, TEXT_FIELDS
from ..text.normalize import HAMZA, WAW, YEH, hamza_variants, normalize
from ..text.terms import exact_terms
from .nodes import Vocabulary
from .notices import Notice, NoticeCode

__all__ = ["Expansions", "fuzzy_prefix", "MAX_EXPANSIONS", "MAX_SCAN", "QUERY_EXPANSIONS",
           "QUERY_SCAN", "MAX_FUZZY"]

#: A prefix or fuzzy word expands to at most this many indexed words ...
MAX_EXPANSIONS = 256
#: ... found among at most this many vocabulary entries read for it.
MAX_SCAN = 20_000
#: The whole query's prefix and fuzzy words together: expansions kept, and
#: vocabulary entries read.  Past either, further words expand to nothing.
QUERY_EXPANSIONS = 1_024
QUERY_SCAN = 60_000
#: The largest edit distance of a fuzzy word.
MAX_FUZZY = 2

_ARTICLE = "\u0627\u0644"

T = TypeVar("T")


def fuzzy_prefix(norm: str) -> int:
    """How many leading letters a fuzzy neighbour must share with ``norm``:
    the first letter, or the article and the first letter after it (most
    nouns begin with ال, which would otherwise make every word with the
    article a candidate; a slip inside the article itself is rare)."""
    return 3 if norm.startswith(_ARTICLE) and len(norm) >= 5 else 1


class Expansions:
    """The expansions of one query's prefix and fuzzy words, and the budget
    they share; ``warn`` receives each limit met, once."""

    def __init__(self, vocab: Vocabulary, warn: Callable[[Notice], None]):
        self.vocab = vocab
        self.warn = warn
        self.expansions_left = QUERY_EXPANSIONS
        self.scan_left = QUERY_SCAN
        self.budget_spent = False
        self.expanded: dict[tuple, list[tuple[str, ...]]] = {}
        #: The documents and the root's rank of each word a root reached.
        self.root_info: dict[tuple[str, ...], tuple[int, int]] = {}

    def _budget(self, what: str, scanned: int, kept: int) -> None:
        self.scan_left -= scanned
        self.expansions_left -= kept
        if (self.scan_left <= 0 or self.expansions_left <= 0) and not self.budget_spent:
            self.budget_spent = True
            self.warn(Notice(NoticeCode.EXPANSIONS_CUT, {
                "word": what, "words": QUERY_EXPANSIONS, "entries": QUERY_SCAN}))

    def _reuse(self, key: tuple, what: str) -> list[tuple[str, ...]]:
        """A word expanded earlier in the query: no vocabulary is read
        again, but its words count against the query's budget again."""
        kept = self.expanded[key][:max(0, self.expansions_left)]
        self.expanded[key] = kept
        self._budget(what, 0, len(kept))
        return kept

    def _most_frequent(self, pairs: Iterable[tuple[int, T]], what: str,
                       scanned: int | None = None, left_out: bool = False) -> list[T]:
        """The ``MAX_EXPANSIONS`` most frequent items of (frequency, item)
        pairs, reading at most ``MAX_SCAN`` of them (and the query's budget);
        ``scanned`` is the vocabulary read, when the caller counted it;
        ``left_out``: the pairs are the most frequent of more."""
        if self.expansions_left <= 0 or (scanned is None and self.scan_left <= 0):
            self._budget(what, 0, 0)
            return []
        kept = list(islice(pairs, max(0, min(MAX_SCAN, self.scan_left))))
        if scanned is None:
            scanned = len(kept)
        cap = min(MAX_EXPANSIONS, self.expansions_left)
        if len(kept) > cap or left_out:
            self.warn(Notice(NoticeCode.PREFIX_CUT, {"word": what, "cap": cap}))
            kept.sort(key=lambda p: -p[0])
            kept = kept[:cap]
        self._budget(what, scanned, len(kept))
        return [item for _, item in kept]

    def prefix(self, text: str, fieldname: str | None) -> list[tuple[str, ...]] | None:
        """The indexed words that begin with ``text`` (in the exact field of
        ``fieldname``, or of the text), grouped so the hamza spellings of
        one word, and the word with the article, count once (مسؤولية,
        مسئولية, المسؤولية): most nouns of a text carry ال, so مسؤول*
        reaches المسؤولية as مسؤولية* does.  None when nothing is left of
        ``text`` once normalized."""
        forms: tuple[str, ...] = hamza_variants(normalize(text))
        if not forms[0]:
            return None
        if len(forms[0]) >= 2 and not forms[0].startswith(_ARTICLE):
            forms += tuple(_ARTICLE + f for f in forms)
        key = ("prefix", forms, fieldname)
        what = f"{text}*"
        if key in self.expanded:
            return self._reuse(key, what)
        if self.expansions_left <= 0 or self.scan_left <= 0:  # the query's budget is spent
            self._budget(what, 0, 0)
            self.expanded[key] = []
            return []
        source = TEXT_FIELDS[fieldname or TEXT.name].exact
        by_suffix: dict[str, int] = {}
        left_out = False
        scan = min(MAX_SCAN, self.scan_left)  # the word's, for all its forms
        want = min(MAX_EXPANSIONS, self.expansions_left)
        for form in forms:
            pairs, scanned, more = self.vocab.prefix_terms(source, form, want, scan)
            scan -= scanned
            self.scan_left -= scanned
            left_out |= more
            for term, df in pairs:
                suffix = term[len(form):]
                by_suffix[suffix] = by_suffix.get(suffix, 0) + df
        suffixes = self._most_frequent(((df, s) for s, df in by_suffix.items()), what, scanned=0,
                                       left_out=left_out)
        self.expanded[key] = [tuple(f + s for f in forms) for s in suffixes]
        return self.expanded[key]

    def root(self, roots: tuple[str, ...], what: str) -> tuple[list[tuple[tuple[str, ...], int, int]], int]:
        """The indexed words of ``roots`` (each text field's, from the
        index's root tables), as ``(hamza spellings of one word, documents,
        rank of the root among the word's)``: the seatless spelling of a
        hamza word (مسوول beside مسءول) counts with it, once.  At most
        :data:`MAX_EXPANSIONS` words, the most frequent, within the query's
        budget, as a prefix's; ``what`` names the word in warnings
        (``root:كتب``).  Also: how many segments had their roots computed
        now (an index written without root tables)."""
        key = ("root", roots)
        if key in self.expanded:
            kept_groups = self._reuse(key, what)
            return [(g, *self.root_info[g]) for g in kept_groups], 0
        found: dict[str, list[int]] = {}
        computed = 0
        for root in roots:
            for spec in TEXT_FIELDS.values():
                terms, fresh = self.vocab.root_terms(spec.exact, root)
                computed = max(computed, fresh)
                for term, df, rank in terms:
                    entry = found.setdefault(term, [0, rank])
                    entry[0] = max(entry[0], df)
                    entry[1] = min(entry[1], rank)
        groups = _hamza_groups(found)
        self.root_info.update(groups)
        kept = self._most_frequent(((df, g) for g, (df, _) in groups.items()), what, scanned=0)
        self.expanded[key] = kept
        return [(g, *groups[g]) for g in kept], computed

    def fuzzy(self, text: str, distance: int, fieldname: str | None,
              label: str) -> tuple[str, list[str]]:
        """``(normalized word, neighbours)``: the indexed words within
        ``distance`` edits of ``text`` (at most :data:`MAX_FUZZY`, and at most
        half the word's length) in the exact field, the word's own spellings
        left out, most frequent first when cut.  ``label`` names the word in
        warnings (``الصلاه~2``)."""
        if distance > MAX_FUZZY:
            self.warn(Notice(NoticeCode.FUZZY_LOWERED, {"asked": distance, "used": MAX_FUZZY}))
            distance = MAX_FUZZY
        norm = normalize(text)
        distance = max(0, min(distance, len(norm) // 2))
        if not distance:
            return norm, []
        key = ("fuzzy", norm, distance, fieldname)
        if key in self.expanded:
            return norm, [g[0] for g in self._reuse(key, label)]
        source = TEXT_FIELDS[fieldname or TEXT.name].exact
        own = set(exact_terms(text))
        found = (t for form in hamza_variants(norm)
                 for t in self.vocab.terms_within(source, form, distance, fuzzy_prefix(form)))
        pairs = ((self.vocab.doc_frequency(source, t), t) for t in dict.fromkeys(found)
                 if t not in own)
        kept: list[Any] = self._most_frequent(((f, t) for f, t in pairs if f), label)
        self.expanded[key] = [(t,) for t in kept]
        return norm, kept


def _hamza_groups(found: dict[str, list[int]]) -> dict[tuple[str, ...], tuple[int, int]]:
    """Words of a root (term -> [documents, rank]) as groups of the hamza
    spellings of one word: a term with ء and its seatless twins (مسءول,
    مسوول) found beside it are one group, with the ء term's figures."""
    groups: dict[tuple[str, ...], tuple[int, int]] = {}
    twins = set()
    for term in found:
        if HAMZA in term:
            seatless = [t for t in (term.replace(HAMZA, WAW), term.replace(HAMZA, YEH))
                        if t in found]
            twins.update(seatless)
            groups[(term,) + tuple(seatless)] = (found[term][0], found[term][1])
    for term, (df, rank) in found.items():
        if term not in twins and HAMZA not in term:
            groups[(term,)] = (df, rank)
    return groups
