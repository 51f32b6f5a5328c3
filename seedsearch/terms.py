"""Surface word -> index terms: the pure core of the analyzers.

Each function takes one token as written (vowelled, with tatweel, in any
alef or hamza spelling) and returns the tuple of terms to index at its
position.  They compose :mod:`.normalize`, :mod:`.stopwords` and
:mod:`.stem`, and are memoized: the vocabulary of a corpus is Zipfian, so a
bounded cache answers nearly every call.
"""

from __future__ import annotations

from functools import lru_cache

from .normalize import fold, hamza_variants, has_harakat, normalize, prenormalize, vocalized
from .stem import prefix_split, stem
from .stopwords import STOP_WORDS

__all__ = ["exact_terms", "ranked_terms", "vowel_terms", "vowel_stem", "is_stopped", "VOWEL_SEP"]

_CACHE = 1 << 18

#: Separates the bare form from the vowelled form in the vowels field.
VOWEL_SEP = "|"


@lru_cache(maxsize=_CACHE)
def exact_terms(word: str) -> tuple[str, ...]:
    """Terms of the exact field: the normalized word and its hamza variants.

    Empty when nothing is left (a lone tatweel, a bidi mark).
    """
    w = normalize(word)
    return hamza_variants(w) if w else ()


@lru_cache(maxsize=_CACHE)
def ranked_terms(word: str, split_prefix: bool = True) -> tuple[str, ...]:
    """Terms of the ranked field: the stem, its hamza variants, and (when
    ``split_prefix``) the stem of the word without a leading و ف ب ل ك.

    Empty for a stop word or an empty word.
    """
    pre = prenormalize(word)
    norm = fold(pre)
    if not norm or norm in STOP_WORDS:
        return ()
    out = list(hamza_variants(stem(pre)))
    if split_prefix:
        rest = prefix_split(pre)
        if rest is not None and fold(rest) not in STOP_WORDS:
            for term in hamza_variants(stem(rest)):
                if term not in out:
                    out.append(term)
    return tuple(out)


def is_stopped(word: str) -> bool:
    """True when ``word`` normalizes to a stop word (or to nothing)."""
    norm = normalize(word)
    return not norm or norm in STOP_WORDS


def vowel_stem(word: str) -> str:
    """The stem under which the vowels field files ``word`` (stop words too)."""
    return hamza_variants(stem(word))[0]


@lru_cache(maxsize=_CACHE)
def vowel_terms(word: str) -> tuple[str, ...]:
    """Terms of the vowels field: ``stem|vocalized`` (``stem|`` if unvowelled).

    Every spelling of one stem shares the prefix ``stem|``, so the
    diacritic-aware search lists them with one prefix scan.  A word that may
    carry a one-letter prefix is filed under both stems, as in the ranked
    field.
    """
    pre = prenormalize(word)
    if not pre:
        return ()
    tail = VOWEL_SEP + (vocalized(word) if has_harakat(word) else "")
    stems = [vowel_stem(pre)]
    rest = prefix_split(pre)
    if rest is not None:
        stems.append(vowel_stem(rest))
    return tuple(dict.fromkeys(s + tail for s in stems))
