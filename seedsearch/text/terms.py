"""Surface word -> index terms: the pure core of the analyzers.

Each function takes one token as written (vowelled, with tatweel, in any
alef or hamza spelling) and returns the tuple of terms to index at its
position.  They compose :mod:`.normalize`, :mod:`.stopwords` and
:mod:`.stem`, and are memoized: the vocabulary of a corpus is Zipfian, so a
bounded cache answers nearly every call.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .normalize import (
    fold,
    hamza_variants,
    has_harakat,
    normalize,
    prenormalize,
    vocalized,
)
from .stem import ONE_LETTER_PREFIXES, prefix_split, stem, stem_prenormalized
from .stopwords import STOP_WORDS

__all__ = ["WORD_PATTERN", "is_word", "words_of", "may_hold_non_words", "exact_terms",
           "ranked_terms", "stem_only_terms", "split_terms", "vowel_terms", "vowel_stem",
           "is_stopped", "clear_caches", "VOWEL_SEP", "ANALYSIS_VERSION", "OLDEST_ANALYSIS",
           "WORD_LENGTHS"]

#: The version of what these functions make of a word.  Raise it with any
#: change to normalization, the stop list, the stemmer or the terms, and say
#: here what changed; an index records the version it was built with
#: (:mod:`seedsearch.schema`).
#:
#: 1. seedsearch 0.1.0.
#: 2. A tatweel carrying a hamza, then an alef (ٱلْمُنشَـَٔاتُ), is an alef
#:    madda: المنشات, as the imla'i المنشآت normalizes (was المنشءات).
#: 3. A word vowelled with the indefinite accusative (tanwin al-fath) on an
#:    alef written after it (خَيْرًا, كتاباً) is stemmed without that alef:
#:    خير, كتاب (was خيرا, كتابا, which the bare word never met).
#: 4. A run of marks or format characters with no letter (the right-to-left
#:    marks beside a quote in ‏"‏, a tatweel used as a dash) is no word and
#:    takes no position (:func:`is_word`); it took one, so a phrase across
#:    «قَالَ ‏"‏ كُلُّ» did not match the words typed side by side.
#: 5. Every isnad formula keeps its نا with و or ف before it (وأنبأنا,
#:    فحدثتنا, وأخبرتنا stay whole; they were cut to وانبا, فحدث, واخبر),
#:    as حدثنا, وحدثنا and فأخبرنا already did.  And a text field's length
#:    counts words (:data:`WORD_LENGTHS`): a word with a seated hamza, filed
#:    under two spellings at one position, counted twice.
#: 6. A sound feminine plural before a pronoun keeps its plural: حكوماتهم,
#:    سياراتنا -> حكوم, سيار, as حكومات and سيارة (they were cut to حكوما,
#:    سيارا, which met nothing: the construct ت -> ة took their ات for the
#:    ة of a singular; singulars in اة such as مباراتهم keep that reading).
#:    And وكالات, وكالته keep وكال, which the article rule read as و + ك +
#:    ال (they were cut to ات, ته).
ANALYSIS_VERSION = 6
#: The analysis version from which a text field's length (BM25's document
#: length) counts its words rather than its terms.
WORD_LENGTHS = 5
#: The oldest version whose indexes this seedsearch still reads: a query
#: normalizes by the current rules, and an index of version 1 or 2 differs
#: only in the Uthmani words of rule 2, the vowelled accusatives of rule 3,
#: the positions of rule 4, the isnad formulas and lengths of rule 5, the
#: plurals of rule 6 (found after a rebuild).
OLDEST_ANALYSIS = 1

# Word characters: \w (letters, digits, underscore) plus the combining marks
# and format characters that occur *inside* Arabic words.
_IN_WORD = (
    r"\w"
    r"\u0610-\u061a\u061c"  # Qur'anic signs, Arabic letter mark
    r"\u064b-\u065f\u0670"  # harakat, shadda, sukun, tanween, dagger alef
    r"\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"  # Qur'anic annotation marks
    r"\u08d3-\u08ff"  # extended Arabic marks
    r"\u00ad\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"  # zero-width, bidi
)
#: A word: a run of word characters; a dot between digits or letters stays
#: inside (3.5, U.S).
WORD_PATTERN = re.compile("[" + _IN_WORD + "]+(?:\\.\\w[" + _IN_WORD + "]*)*")


_CACHE = 1 << 18


def is_word(token: str) -> bool:
    """Whether a match of :data:`WORD_PATTERN` is a word: something is left
    of it after normalization.  A lone bidi mark or tatweel is not, and the
    index gives it no position (analysis version 4), as a query leaves it
    out of a phrase."""
    return bool(exact_terms(token))


#: Letters and digits that normalization keeps (checked over each of them in
#: ``tests/test_analysis.py``): a match of :data:`WORD_PATTERN` holding one
#: of them is a word.
_SOLID = "A-Za-z0-9\u0621-\u063a\u0641-\u064a\u0660-\u0669\u0671-\u06d3\u06f0-\u06f9"
#: A run of word characters without a letter or digit of :data:`_SOLID`.
_MAYBE_NO_WORD = re.compile(f"(?<![{_IN_WORD}])(?:(?![{_SOLID}])[{_IN_WORD}])+(?![{_IN_WORD}])")


def may_hold_non_words(text: str) -> bool:
    """Whether some match of :data:`WORD_PATTERN` in ``text`` may be no word
    (:func:`is_word`): False for most texts, which need no check word by
    word."""
    return _MAYBE_NO_WORD.search(text) is not None


def words_of(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text`` in the order the index numbers their positions:
    :data:`WORD_PATTERN`'s matches that are words."""
    matches = WORD_PATTERN.finditer(text)
    if not may_hold_non_words(text):
        return matches
    return (m for m in matches if is_word(m.group()))


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
def ranked_terms(word: str) -> tuple[str, ...]:
    """Terms of the ranked field: the light stem and its hamza variants.

    Empty for a stop word or an empty word.  A one-letter prefix (و ف ب ل ك)
    stays on: the query side decides, with the index's vocabulary, when to
    read a word without it (see :mod:`seedsearch.search.plan`).
    """
    pre = prenormalize(word)
    if _is_stop(fold(pre)):
        return ()
    return hamza_variants(stem_prenormalized(_accusative_alef_dropped(word, pre)))


@lru_cache(maxsize=_CACHE)
def stem_only_terms(word: str) -> tuple[str, ...]:
    """The ranked terms the exact field does not already hold for ``word``.

    Most words (موسكو, قانون, سوري) are their own stem: indexing the stem
    again in the ranked field would double their postings for nothing.  The
    index stores those words once, in the exact field, and a ranked query
    for a stem looks in both fields (see :mod:`seedsearch.search.plan`).
    """
    ranked = ranked_terms(word)
    if not ranked:
        return ()
    exact = exact_terms(word)
    return () if all(t in exact for t in ranked) else ranked


@lru_cache(maxsize=_CACHE)
def split_terms(word: str) -> tuple[str, ...]:
    """Ranked terms of ``word`` read without a leading و ف ب ل ك (or ())."""
    rest = prefix_split(prenormalize(word))
    if rest is None:
        return ()
    return hamza_variants(stem_prenormalized(_accusative_alef_dropped(word, rest)))


#: The marks that may stand around a word's final alef, and the tanwin of
#: the accusative among them (كِتَابًا, كتاباً, حَقًّا, حقاًّ).
ALEF_MARKS = "\u064b-\u0653\u0654\u0655-\u065f\u0670"
FATHATAN = "\u064b"
#: A hamza above in the marks before that alef makes the Uthmani spelling
#: that normalization reads as an alef madda (شَيْـًٔا: rule 2 above), not this.
HAMZA_ABOVE = "\u0654"
_FINAL_ALEF = re.compile(f"([{ALEF_MARKS}]*)\u0627([{ALEF_MARKS}]*)\u0640*$")
#: The shortest prenormalized word whose final alef can be a tanwin's seat.
ACCUSATIVE_MIN_LEN = 3


def _accusative_alef_dropped(word: str, pre: str) -> str:
    """``pre`` (``word`` prenormalized) without its last alef when ``word``
    marks it as the seat of the indefinite accusative (tanwin al-fath):
    that alef is spelling, not a letter of the word (Wright, *A Grammar of
    the Arabic Language*, vol. I § 8: the nunation -an is written with an
    alef after every letter but ة and a hamza after alef), so خَيْرًا is the
    word خير and ثُومًا the word ثوم.  Without the mark (خيرا, بريطانيا,
    دنيا) the alef stays: nothing says it is not the word's own; nor is an
    alef after a hamza above read so (the Uthmani شَيْـًٔا, see rule 2)."""
    end = _FINAL_ALEF.search(word)
    if end and FATHATAN in end.group(1) + end.group(2) and HAMZA_ABOVE not in end.group(1) \
            and pre.endswith("\u0627") and len(pre) >= ACCUSATIVE_MIN_LEN:
        return pre[:-1]
    return pre


def _is_stop(norm: str) -> bool:
    """A stop word, also with a one-letter prefix attached (لهذه, بما, وهو)."""
    return (not norm or norm in STOP_WORDS
            or (len(norm) >= 3 and norm[0] in ONE_LETTER_PREFIXES and norm[1:] in STOP_WORDS))


def is_stopped(word: str) -> bool:
    """True when ``word`` normalizes to a stop word (or to nothing)."""
    return _is_stop(normalize(word))


def is_stop_form(norm: str) -> bool:
    """:func:`is_stopped` for a word already normalized (an exact term)."""
    return _is_stop(norm)


def vowel_stem(word: str) -> str:
    """The stem under which the vowels field files ``word`` (stop words too)."""
    return hamza_variants(stem(word))[0]


@lru_cache(maxsize=_CACHE)
def vowel_terms(word: str) -> tuple[str, ...]:
    """Terms of the vowels field: ``stem|vocalized`` (``stem|`` if unvowelled).

    Every spelling of one stem shares the prefix ``stem|``, so the
    diacritic-aware search lists them with one prefix scan.  A word that may
    carry a one-letter prefix (وَعِلْمٍ) is filed under two stems, with the
    letter and without it, because the query side looks up only the stem of
    the query word as typed (عِلْم); the ranked field, by contrast, keeps the
    letter on and leaves the reading to the query side.
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


def clear_caches() -> None:
    """Empty the word caches of the term functions and the stemmer (about
    180 MB once full, by tracemalloc), for a process that has analysed its
    last word: an indexing worker writing its segment."""
    for cached in (exact_terms, ranked_terms, stem_only_terms, split_terms, vowel_terms, stem,
                   stem_prenormalized):
        cached.cache_clear()
