"""Highlights: which words of a stored text a query matched, and the
snippet that shows why a hit matched.

Highlighting is data first: :meth:`Highlighter.marks` gives the character
spans of the matched words in the *original* stored text (harakat, tatweel
and all), each with the query item it answers (a query word, or a phrase);
:func:`snippet` cuts a window around them and renders it with any markers,
escaping the document's own text as asked (``html.escape`` for HTML).

* A word is marked where it is one of the query word's terms (its stems,
  its form, a plural or verb reading, a prefix or fuzzy expansion).
* A phrase («خالد بن الوليد») is marked only where it occurs whole, never
  its words one by one elsewhere; the whole plain query, read as a phrase
  for its bonus, is marked where it occurs too, so its stop words (بن, في)
  are marked there and nowhere else.
* The snippet's window is the one that holds the most *different* query
  items, not the most marks: a window with «زكاة الفطر» beats one that
  repeats «الفطر» three times.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..fields import TEXT_FIELDS
from ..text.normalize import ZERO_WIDTH, has_harakat, vocalized
from ..text.terms import WORD_PATTERN, exact_terms, ranked_terms, words_of
from ..text.vowels import vowels_agree
from .nodes import Plan

__all__ = ["Highlighter", "Mark", "snippet", "SNIPPET_CHARS"]

SNIPPET_CHARS = 240


def _visible_span(m: re.Match[str]) -> tuple[int, int]:
    """A matched word's span without the bidi marks and zero-width characters
    at its ends (sunnah.com writes الصَّدَقَةَ‏ with a right-to-left mark
    before a quote): they are no part of the word a reader sees marked."""
    start, end = m.span()
    while end > start and m.string[end - 1] in ZERO_WIDTH:
        end -= 1
    while start < end and m.string[start] in ZERO_WIDTH:
        start += 1
    return start, end


@dataclass(frozen=True)
class Mark:
    """A matched word: its character span and the query item it answers
    (a query word's number and 0, or a phrase's and the word's place in it)."""
    start: int
    end: int
    item: tuple[int, int]


@dataclass(frozen=True)
class Highlighter:
    """The terms a query matched, per index field (ranked and exact), each
    with the query item it answers; its phrases (text fields, the exact
    terms of each word, item); and for ``vowels=True`` the harakat each
    vowelled query word asks for as ``(ranked terms, stem, vocalized word)``."""
    terms: dict[str, dict[str, int]]
    phrases: tuple[tuple[tuple[str, ...], tuple[tuple[str, ...], ...], int], ...] = ()
    vowel_checks: tuple[tuple[frozenset[str], str, str], ...] = ()

    @classmethod
    def from_plan(cls, plan: Plan) -> Highlighter:
        return cls({f: dict(terms) for f, terms in plan.highlight.items()},
                   tuple(plan.phrase_marks), tuple(plan.vowel_checks))

    def _vowels_ok(self, word: str) -> bool:
        if not self.vowel_checks or not has_harakat(word):
            return True
        mine = ranked_terms(word)
        return all(vowels_agree(vocalized(word), wanted, stem)
                   for terms, stem, wanted in self.vowel_checks if not terms.isdisjoint(mine))

    def marks(self, fieldname: str, text: str) -> list[Mark]:
        """The matched words of ``text`` (the stored value of the text field
        ``fieldname``), in order."""
        spec = TEXT_FIELDS.get(fieldname)
        if spec is None:
            return []
        ranked = self.terms.get(spec.ranked, {})
        exact = self.terms.get(spec.exact, {})
        phrases = [(words, item) for fields, words, item in self.phrases if fieldname in fields]
        if not ranked and not exact and not phrases:
            return []
        found = list(words_of(text))
        forms = [exact_terms(m.group()) for m in found]
        out: dict[int, Mark] = {}
        for words, item in phrases:
            for i in range(len(found) - len(words) + 1):
                if all(not set(forms[i + k]).isdisjoint(w) for k, w in enumerate(words)):
                    for k in range(len(words)):
                        m = found[i + k]
                        out.setdefault(i + k, Mark(*_visible_span(m), (item, k + 1)))
        for i, m in enumerate(found):
            if i in out:
                continue
            word = next((exact[t] for t in forms[i] if t in exact), None)
            if word is None and ranked:
                word = next((ranked[t] for t in ranked_terms(m.group()) if t in ranked), None)
            if word is not None and self._vowels_ok(m.group()):
                out[i] = Mark(*_visible_span(m), (word, 0))
        return [out[i] for i in sorted(out)]

    def spans(self, fieldname: str, text: str) -> list[tuple[int, int]]:
        """Character spans of the words of ``text`` that the query matched."""
        return [(m.start, m.end) for m in self.marks(fieldname, text)]


def _window(text: str, marks: list[Mark], size: int) -> tuple[int, int]:
    """The ``[lo, hi)`` window of about ``size`` characters that holds the
    most different query items (then the most marks, then the earliest),
    moved off the middle of words."""
    if len(text) <= size:
        return 0, len(text)
    if not marks:
        lo, hi = 0, size
    else:
        best, last, best_key, j = 0, 0, (0, 0), 0
        items: Counter[tuple[int, int]] = Counter()
        for i, first in enumerate(marks):
            while j < len(marks) and (j <= i or marks[j].end <= first.start + size):
                items[marks[j].item] += 1
                j += 1
            key = (len(items), j - i)
            if key > best_key:
                best, last, best_key = i, j - 1, key
            items[first.item] -= 1
            if not items[first.item]:
                del items[first.item]
        # Centre the window on the marks it was chosen for.
        spare = size - (marks[last].end - marks[best].start)
        lo = max(0, marks[best].start - max(0, spare) // 2)
        hi = min(len(text), lo + size)
        lo = max(0, min(lo, hi - size))
    return _word_edge(text, lo, backwards=True), _word_edge(text, hi, backwards=False)


def snippet(text: str, marks: list[Mark], *, start: str, end: str,
            size: int = SNIPPET_CHARS, escape: Callable[[str], str] = str) -> str:
    """Cut a window of about ``size`` characters around the most different
    query items of ``marks``; wrap each mark in ``start``/``end``; pass
    every piece of the document's own text through ``escape``."""
    if not text:
        return ""
    lo, hi = _window(text, marks, size)
    parts = ["…" if lo > 0 else ""]
    pos = lo
    for m in marks:
        if m.end <= lo or m.start >= hi:
            continue
        parts += [escape(text[pos:m.start]), start, escape(text[m.start:m.end]), end]
        pos = m.end
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
