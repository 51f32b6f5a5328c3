"""The Whoosh schema, built from the field model in :mod:`.fields`.

Each text field is indexed twice (ranked stems, exact forms with positions;
see :mod:`.fields`); the original strings are stored once, in the ranked
fields, for display and highlighting.  ``vowels=True`` adds the vowel-data
field.  Keyword fields and the year are columns too, for facets.
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh import fields as wf
from whoosh.system import pack_uint

from .analysis import ArabicExactAnalyzer, ArabicStemOnlyAnalyzer, ArabicVowelAnalyzer
from .fields import (CORE_FIELDS, DATE, DATE_STORED, EXTRA, ID, KEYWORD_FIELDS, SCHEMA_MARK,
                     TEXT_FIELDS, VOWELS, YEAR)
from .terms import WORD_PATTERN, exact_terms, stem_only_terms, vowel_terms

__all__ = ["build_schema", "ArabicTextField", "KEYWORD_FIELDS", "CORE_FIELDS", "SCHEMA_MARK"]

#: Term functions an ArabicTextField may name (the name is what is pickled).
_TERM_FUNCTIONS = {"exact": exact_terms, "stem_only": stem_only_terms, "vowels": vowel_terms}
#: The words of the last text indexed: a document's text feeds two fields
#: (ranked and exact) one after the other, and is cut into words once.
_last_words: tuple[str | None, list[str]] = (None, [])


def _words(value: str) -> list[str]:
    global _last_words
    cached, words = _last_words
    if cached is not value:
        words = WORD_PATTERN.findall(value)
        _last_words = (value, words)
    return words


class ArabicTextField(wf.TEXT):
    """A Whoosh TEXT field that turns a text into postings in one pass.

    It yields exactly what its analyzer would (the same terms, positions,
    frequencies and encodings; ``tests/test_schema.py`` compares them), but
    without building a Whoosh token per word: each word goes straight
    through the cached term function named ``terms`` ("exact",
    "stem_only" or "vowels").  The class path is a stored format, pickled
    with the schema: do not rename or move it.
    """

    def __init__(self, terms: str, analyzer, *, phrase: bool, stored: bool = False,
                 scorable: bool = True):
        super().__init__(analyzer=analyzer, phrase=phrase, stored=stored)
        self.terms = terms
        self.scorable = scorable

    def index(self, value, **kwargs) -> Iterator[tuple[bytes, int, float, bytes]]:
        if not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        terms_of = _TERM_FUNCTIONS[self.terms]
        fmt = self.format
        boost = fmt.field_boost
        if self.format.supports("positions"):
            positions: dict[str, list[int]] = {}
            for pos, word in enumerate(_words(value)):
                for term in terms_of(word):
                    positions.setdefault(term, []).append(pos)
            for term, plist in positions.items():
                yield term.encode("utf-8"), len(plist), len(plist) * boost, fmt.encode(plist)
        else:
            counts: dict[str, int] = {}
            for word in _words(value):
                for term in terms_of(word):
                    counts[term] = counts.get(term, 0) + 1
            for term, freq in counts.items():
                yield term.encode("utf-8"), freq, freq * boost, pack_uint(freq)


def build_schema(vowels: bool = False) -> wf.Schema:
    """The seedsearch schema; ``vowels=True`` adds the vowel-data field."""
    spec: dict[str, wf.FieldType] = {ID: wf.ID(unique=True, stored=True)}
    for field in TEXT_FIELDS.values():
        # Scores use the exact field's length (every word); the ranked field
        # keeps none.
        spec[field.ranked] = ArabicTextField("stem_only", ArabicStemOnlyAnalyzer(), phrase=False,
                                             stored=True, scorable=False)
        spec[field.exact] = ArabicTextField("exact", ArabicExactAnalyzer(), phrase=True)
    spec[DATE] = wf.DATETIME()
    spec[DATE_STORED] = wf.STORED()
    spec[YEAR] = wf.ID(sortable=True)
    for name in KEYWORD_FIELDS:
        spec[name] = wf.ID(stored=True, sortable=True)
    spec[EXTRA] = wf.STORED()
    if vowels:
        spec[VOWELS] = ArabicTextField("vowels", ArabicVowelAnalyzer(), phrase=False,
                                       scorable=False)
    return wf.Schema(**spec)
