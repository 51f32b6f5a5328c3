"""«Did you mean»: a corrected query when a word is unknown to the index.

For each plain query word that the index does not know, the candidates are
the indexed word forms within edit distance 1 (2 for words over five
letters) that share its first letter (and the article, see
:func:`~seedsearch.search.plan.fuzzy_prefix`).  They are ranked by an Arabic-aware
distance, then by how many documents hold them:

* a substitution between letters people confuse costs less than one
  between unrelated letters: the hamza seats and alef (ء أ إ آ ا ؤ ئ و ي),
  ة/ه, ى/ي, and letters that differ only by their dots (ص/ض, س/ش, ح/خ/ج,
  ع/غ, ط/ظ, د/ذ, ر/ز, ب/ت/ث/ن/ي, ف/ق), and neighbouring keys of the
  standard Arabic keyboard (ص above س, ض beside ص);
* the suggestion is given back in the spelling people write: the most
  frequent surface form of the chosen word in the stored text (الرئيس,
  not the index's internal الرءيس).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..fields import TEXT
from ..text.edits import edit_distance
from ..text.normalize import hamza_variants, normalize, strip_diacritics
from ..text.terms import WORD_PATTERN, exact_terms
from .expansion import fuzzy_prefix

__all__ = ["suggest", "arabic_distance"]

#: Letters that differ only by dots or by the seat of a hamza (normalized
#: forms: ة is already ه, ى is ي, أ إ آ are ا).
_CONFUSABLE = [
    "ءاأإآؤئوي", "صض", "سش", "حخج", "عغ", "طظ", "دذ", "رز", "بتثني", "فق", "هة",
]
_CLASS = {ch: i for i, group in enumerate(_CONFUSABLE) for ch in group}
#: The rows of the standard Arabic keyboard (the layout of Windows, macOS and
#: Android's "Arabic" keyboard), left to right.
_KEY_ROWS = ("ضصثقفغعهخحجد", "شسيبلاتنمكط", "ءءؤرىةوزظ")
#: Keys next to each other on a row, or above/below each other.
_NEIGHBOURS = frozenset(
    pair
    for r, row in enumerate(_KEY_ROWS)
    for i, ch in enumerate(row)
    for other in ([row[i + 1]] if i + 1 < len(row) else [])
    + ([_KEY_ROWS[r + 1][i]] if r + 1 < len(_KEY_ROWS) and i < len(_KEY_ROWS[r + 1]) else [])
    for pair in ((ch, other), (other, ch)))
#: Cost of substituting two confusable letters (an unrelated letter costs 1).
NEAR = 0.5
#: Stored documents read to find the surface spelling of a suggestion.
SURFACE_SAMPLE = 20


def _substitution(ca: str, cb: str) -> float:
    """Cost of writing ``cb`` for ``ca`` (two different letters)."""
    return NEAR if _CLASS.get(ca, -1) == _CLASS.get(cb, -2) or (ca, cb) in _NEIGHBOURS else 1.0


def arabic_distance(a: str, b: str) -> float:
    """Edit distance where confusable letters substitute for ``NEAR``."""
    return edit_distance(a, b, _substitution)


def suggest(state: Any, query: str, words: list[str]) -> str | None:
    """``query`` with each unknown word of ``words`` replaced by the best
    candidate, or None when no word has one."""
    suggestion = query
    changed = False
    for word in dict.fromkeys(words):
        norm = normalize(word)
        if len(norm) < 3:
            continue
        maxdist = 1 if len(norm) <= 5 else 2
        best = None
        candidates = (c for form in hamza_variants(norm)
                      for c in state.terms_within(TEXT.exact, form, maxdist, fuzzy_prefix(form)))
        for cand in dict.fromkeys(candidates):
            freq = state.doc_frequency(TEXT.exact, cand)
            if not freq:
                continue
            key = (arabic_distance(norm, cand), -freq, cand)
            if best is None or key < best:
                best = key
        if best is not None:
            suggestion = suggestion.replace(word, surface_form(state, best[2]), 1)
            changed = True
    return suggestion if changed else None


def surface_form(state: Any, term: str) -> str:
    """The most frequent spelling, in the stored text, of the words indexed
    under ``term`` (without harakat), or ``term`` itself."""
    ids, _ = state.postings(TEXT.exact, term)
    counts: Counter[str] = Counter()
    for docnum in ids[:SURFACE_SAMPLE]:
        text = state.searcher.stored_fields(int(docnum)).get(TEXT.name) or ""
        for m in WORD_PATTERN.finditer(text):
            word = m.group()
            if term in exact_terms(word):
                counts[strip_diacritics(word)] += 1
    return counts.most_common(1)[0][0] if counts else term

