"""Whoosh analyzers for Arabic, composed from a tokenizer and filters with ``|``.

The class paths in this module are a stored format: Whoosh pickles the schema,
analyzers included, into every index, so an index made today unpickles these
names tomorrow.  Do not rename or move them.

* :class:`ArabicTokenizer` keeps harakat, the dagger alef, Qur'anic marks,
  tatweel and zero-width joiners inside a word (Whoosh's own ``\\w+`` pattern
  splits الْقَوَاعِدِ at every haraka), splits on Arabic and Latin punctuation,
  and reports character offsets into the original text, so highlights show
  the vowelled original.  A match that is no word (a lone bidi mark beside
  a quote, a tatweel used as a dash) is left out and takes no position.
* :class:`ArabicNormalizeFilter` -> :func:`seedsearch.text.terms.exact_terms`.
* :class:`ArabicStemFilter` -> :func:`seedsearch.text.terms.ranked_terms`
  (normalize, stop words, light stem).  A one-letter prefix (و ف ب ل ك) is
  never split here: the query side reads a word with or without it where the
  index's vocabulary says so (:mod:`seedsearch.search.plan`).
* :class:`ArabicVowelFilter` -> :func:`seedsearch.text.terms.vowel_terms`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from whoosh.analysis import CompositeAnalyzer, Filter, RegexTokenizer, Token

from .text.terms import (
    WORD_PATTERN,
    exact_terms,
    is_word,
    may_hold_non_words,
    ranked_terms,
    stem_only_terms,
    vowel_terms,
)

__all__ = [
    "ArabicTokenizer",
    "ArabicNormalizeFilter",
    "ArabicStemFilter",
    "ArabicVowelFilter",
    "ArabicStemOnlyFilter",
    "ArabicStemOnlyAnalyzer",
    "ArabicAnalyzer",
    "ArabicExactAnalyzer",
    "ArabicVowelAnalyzer",
    "WORD_PATTERN",
]

class ArabicTokenizer(RegexTokenizer):
    """Whoosh's RegexTokenizer with :data:`WORD_PATTERN`.

    Token text is the word exactly as written; ``startchar``/``endchar``
    point into the original string.
    """

    def __init__(self) -> None:
        super().__init__(expression=WORD_PATTERN)

    def __call__(self, value: str, **kwargs) -> Iterator[Token]:
        """Whoosh's tokens, less the matches that are no word (a lone bidi
        mark or tatweel, :func:`seedsearch.text.terms.is_word`): they take no
        position, as in the index seedsearch writes."""
        tokens = super().__call__(value, **kwargs)
        if isinstance(value, str) and not may_hold_non_words(value):
            return tokens
        return self._words(tokens, bool(kwargs.get("positions")))

    @staticmethod
    def _words(tokens: Iterator[Token], positions: bool) -> Iterator[Token]:
        skipped = 0
        for t in tokens:
            if not is_word(t.text):
                skipped += 1
                continue
            if skipped and positions:
                t.pos -= skipped
            yield t


class _WordTermsFilter(Filter):
    """Replace each token by the terms ``terms_of`` (a pure function of the
    word, set by each subclass) gives for it, all at the token's position and
    offsets; a word with no terms is dropped."""

    terms_of: Callable[[str], tuple[str, ...]]

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        terms_of = self.terms_of
        for t in tokens:
            for term in terms_of(t.text):
                t.text = term
                yield t


class ArabicNormalizeFilter(_WordTermsFilter):
    """Normalize each token; emit hamza spelling variants at the same
    position; drop tokens that normalize to nothing."""

    terms_of = staticmethod(exact_terms)


class ArabicStemFilter(Filter):
    """Normalize, drop stop words and light-stem each token.

    Stop words are dropped, or marked ``stopped`` when the caller asks to
    keep them (``removestops=False``).
    """

    is_morph = True

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for t in tokens:
            terms = ranked_terms(t.text)
            if terms:
                for term in terms:
                    t.text = term
                    t.stopped = False
                    yield t
            elif not t.removestops:
                t.stopped = True
                yield t


class ArabicStemOnlyFilter(_WordTermsFilter):
    """:class:`ArabicStemFilter` that leaves out a stem equal to the word's
    normalized form (the exact field holds it); seedsearch's own schema uses
    it so a word is not indexed twice under the same term."""

    is_morph = True
    terms_of = staticmethod(stem_only_terms)


class ArabicVowelFilter(_WordTermsFilter):
    """Index each word as ``stem|vocalized`` for diacritic-aware search."""

    terms_of = staticmethod(vowel_terms)


def ArabicAnalyzer() -> CompositeAnalyzer:
    """Tokenize, normalize, stop words out, light stem: every word's stem
    terms, for your own Whoosh schema.  seedsearch's own schema files a word
    that is its own stem in the exact field only (:func:`ArabicStemOnlyAnalyzer`);
    :func:`seedsearch.analyze` shows what it stores per field."""
    return ArabicTokenizer() | ArabicStemFilter()


def ArabicStemOnlyAnalyzer() -> CompositeAnalyzer:
    """Ranked field of seedsearch's schema: stems that differ from the word."""
    return ArabicTokenizer() | ArabicStemOnlyFilter()


def ArabicExactAnalyzer() -> CompositeAnalyzer:
    """Exact-field analyzer: tokenize and normalize; no stop words, no stem."""
    return ArabicTokenizer() | ArabicNormalizeFilter()


def ArabicVowelAnalyzer() -> CompositeAnalyzer:
    """Vowels-field analyzer: ``stem|vocalized`` terms for ``vowels=True``."""
    return ArabicTokenizer() | ArabicVowelFilter()
