"""«Did you mean»: a corrected query when a word is unknown to the index.

A noisy-channel choice (Kernighan, Church and Gale, "A spelling correction
program based on a noisy channel model", COLING 1990): of the indexed words
the typed word could be a slip of, the one that maximizes

    log(documents holding it) - SLIP_PENALTY · arabic_distance(typed, it)

so a word many documents hold beats a rare one at the same distance
(رمظان -> رمضان, in 2,115 documents of the bench corpus, not رمطان, in 2),
and one more slip must be paid for by about ``e^(SLIP_PENALTY/2)`` (55)
times as many documents: a slip is taken to befall about one word in
fifty.  The distance (:func:`~seedsearch.text.edits.arabic_distance`)
counts the slips people make (confused letters, a long vowel left out, a
double written single or twice, two letters swapped) as half an edit and a
neighbouring key as three quarters.  A word that few documents hold
(:data:`~seedsearch.search.plan.RARE_WORD_DOCS`) is weighed against its
neighbours the same way, with its own count: كرونا (one document) gets
كورونا (85), بوتن (six) keeps its spelling.

The candidates are every indexed word one edit away that shares the typed
word's first letter (and the article: see
:func:`~seedsearch.search.expansion.fuzzy_prefix`), and every indexed word
up to two slips away; they are spelled out and looked up in the index's
term keys at once.  A word the shipped lexicon knows (إله) is a word, not
a slip, and gets no suggestion even when this index lacks it.

The suggestion is given back in the spelling people write: the most
frequent surface form of the chosen word in the stored text (الرئيس, not
the index's internal الرءيس), without harakat or invisible marks.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Callable

from ..fields import TEXT
from ..schema import analysis_version
from ..text.edits import arabic_distance, one_edit, slips
from ..text.normalize import hamza_variants, normalize, strip_diacritics
from ..text.stem import ONE_LETTER_PREFIXES
from ..text.terms import WORD_PATTERN, exact_terms, is_stopped, ranked_terms, words_of
from .expansion import fuzzy_prefix
from .positions import term_positions
from .state import SearchState

__all__ = ["suggest", "surface_form", "candidates", "visible", "SLIP_PENALTY", "MAX_SUGGEST_LETTERS"]

#: The log-odds one edit costs (a slip, half of it): see the module.
SLIP_PENALTY = 8.0
#: Stored documents read to find the surface spelling of a suggestion.
SURFACE_SAMPLE = 20
#: A longer word gets no suggestion: Arabic words, even with the article,
#: a prefix and a pronoun (فأسقيناكموه, والمستشفيات), stay far below it, and
#: the candidates within two slips grow with the cube of a word's length
#: (a 64-letter word had 210,000 of them and took a second to look up).
MAX_SUGGEST_LETTERS = 24


def candidates(norm: str) -> set[str]:
    """The words «did you mean» considers for the normalized word ``norm``:
    one edit away (first letter kept), or up to two slips away."""
    out: set[str] = set()
    for form in hamza_variants(norm):
        out |= one_edit(form, fuzzy_prefix(form))
        near = slips(form)
        out |= near
        for word in near:
            out |= slips(word)
    return out - set(hamza_variants(norm))


def suggest(state: SearchState, query: str, words: list[tuple[str, int]],
            lexicon: Callable[[str], bool] | None = None) -> str | None:
    """``query`` with each rare or unknown word of ``words`` (with the
    documents holding it) replaced by the best candidate, where one beats
    the word itself; None when none does.  A word unknown to the index but
    known to ``lexicon`` (the shipped list of stems) is left alone."""
    suggestion = query
    changed = False
    for word, held in dict.fromkeys(words):
        norm = normalize(word)
        if not 3 <= len(norm) <= MAX_SUGGEST_LETTERS or (not held and lexicon is not None
                             and any(lexicon(t) for t in ranked_terms(word))):
            continue
        best: tuple[float, str] | None = (math.log(held), "") if held else None
        for cand in state.held(TEXT.exact, sorted(candidates(norm))):
            if is_stopped(cand) or _prefixed(cand, norm) or _prefixed(norm, cand):
                continue  # بين is no correction of بوتن, nor وأبوهريرة of ابوهريره
            distance = min(arabic_distance(form, cand) for form in hamza_variants(norm))
            score = math.log(state.doc_frequency(TEXT.exact, cand)) - SLIP_PENALTY * distance
            if best is None or (score, cand) > best:
                best = (score, cand)
        if best is not None and best[1]:
            suggestion = suggestion.replace(word, surface_form(state, best[1]), 1)
            changed = True
    return suggestion if changed else None


def surface_form(state: SearchState, term: str, sample: int = SURFACE_SAMPLE) -> str:
    """The most frequent spelling, in the stored text, of the words indexed
    under ``term`` (without harakat or invisible marks), or ``term`` itself:
    the words at the term's positions in the first ``sample`` documents
    that hold it."""
    ids, _ = state.postings(TEXT.exact, term)
    counts: Counter[str] = Counter()
    # Before analysis version 4, a lone bidi mark or tatweel took a position.
    numbered = words_of if analysis_version(state.reader.schema) >= 4 else WORD_PATTERN.finditer
    for docnum, places in term_positions(state, TEXT.name, term, ids[:sample]).items():
        text = state.stored(docnum).get(TEXT.name) or ""
        wanted = set(places)
        for i, m in enumerate(numbered(text)):
            if i in wanted:
                if term in exact_terms(m.group()):  # else a document numbered the other way
                    counts[visible(strip_diacritics(m.group()))] += 1
                if i >= max(places):
                    break
    return counts.most_common(1)[0][0] if counts else term


def _prefixed(word: str, base: str) -> bool:
    """Whether ``word`` is ``base`` with a one-letter prefix (و ف ب ل ك)."""
    return len(word) == len(base) + 1 and word[0] in ONE_LETTER_PREFIXES and word[1:] == base


def visible(word: str) -> str:
    """``word`` without format characters (a right-to-left mark after it)."""
    return "".join(ch for ch in word if unicodedata.category(ch) != "Cf")
