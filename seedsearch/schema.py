"""The Whoosh schema, built from the field model in :mod:`.fields`.

Each text field is indexed twice (ranked stems, exact forms with positions
in the flat file; see :mod:`.fields`); the original strings are stored once, in the ranked
fields, for display and highlighting.  ``vowels=True`` adds the vowel-data
field.  Keyword fields and the year are columns too, for facets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from whoosh import fields as wf
from whoosh.system import pack_uint

from .analysis import ArabicExactAnalyzer, ArabicStemOnlyAnalyzer, ArabicVowelAnalyzer
from .fields import (
    CORE_FIELDS,
    DATE,
    DATE_STORED,
    EXTRA,
    ID,
    KEYWORD_FIELDS,
    SCHEMA_MARK,
    TEXT_FIELDS,
    VOWELS,
    YEAR,
)
from .text.terms import (
    ANALYSIS_VERSION,
    WORD_PATTERN,
    exact_terms,
    is_word,
    may_hold_non_words,
    stem_only_terms,
    vowel_terms,
)

__all__ = ["build_schema", "analysis_version", "ArabicTextField", "KEYWORD_FIELDS", "CORE_FIELDS",
           "SCHEMA_MARK", "frequency_bytes", "positions_bytes", "POSITIONS_DTYPE"]

#: Term functions an ArabicTextField may name (the name is what is pickled).
_TERM_FUNCTIONS = {"exact": exact_terms, "stem_only": stem_only_terms, "vowels": vowel_terms}
#: The words of the last text indexed, with the positions of each: a
#: document's text feeds two fields (ranked and exact) one after the other,
#: and is cut into words once.
_last_words: tuple[str | None, dict[str, list[int]]] = (None, {})

#: pack_uint(n) for small n, shared: most postings of a ranked field carry
#: one of these few values, and a shared object costs the pool nothing.
_FREQ_BYTES = [pack_uint(n) for n in range(256)]
#: How a field with ``flat_positions`` hands a posting's positions to the
#: writer: each position a little-endian uint32 (read back with numpy).
POSITIONS_DTYPE = "<u4"
#: The encodings of a one-position list, by position (most postings).
_ONE_POSITION: dict[int, bytes] = {}
_ONE_WHOOSH: dict[int, bytes] = {}


def _whoosh_positions(fmt: Any) -> Callable[[list[int]], bytes]:
    """Whoosh's encoding of a position list in ``fmt`` (an index made before
    ``flat_positions``), a one-position list's remembered."""
    def encode(plist: list[int]) -> bytes:
        if len(plist) > 1:
            return fmt.encode(plist)
        one = _ONE_WHOOSH.get(plist[0])
        if one is None:
            one = _ONE_WHOOSH[plist[0]] = fmt.encode(plist)
        return one
    return encode


def frequency_bytes(freq: int) -> bytes:
    """The value Whoosh's ``Frequency`` format gives a posting of ``freq``."""
    return _FREQ_BYTES[freq] if freq < 256 else pack_uint(freq)


def positions_bytes(plist: list[int]) -> bytes:
    """A posting's positions as a field with ``flat_positions`` hands them
    to the writer (:data:`POSITIONS_DTYPE` each)."""
    if len(plist) == 1:
        one = _ONE_POSITION.get(plist[0])
        if one is None:
            one = _ONE_POSITION[plist[0]] = plist[0].to_bytes(4, "little")
        return one
    return b"".join(p.to_bytes(4, "little") for p in plist)


def _word_positions(value: str) -> dict[str, list[int]]:
    """Each distinct word of ``value`` with its positions, in order."""
    global _last_words
    cached, groups = _last_words
    if cached is not value:
        groups = {}
        pos = 0
        check = may_hold_non_words(value)
        for word in WORD_PATTERN.findall(value):
            plist = groups.get(word)
            if plist is None:
                if check and not is_word(word):  # a lone bidi mark or tatweel takes no position
                    continue
                groups[word] = [pos]
            else:
                plist.append(pos)
            pos += 1
        _last_words = (value, groups)
    return groups


#: The letters the exact terms fold to ا though they show a hamza (أ إ آ).
_HAMZA_ON_ALEF = frozenset("\u0623\u0625\u0622")


class ArabicTextField(wf.TEXT):
    """A Whoosh TEXT field that turns a text into postings in one pass.

    It yields exactly what its analyzer would (the same terms, positions,
    frequencies and encodings; ``tests/test_schema.py`` compares them), but
    without building a Whoosh token per word: each word goes straight
    through the cached term function named ``terms`` ("exact",
    "stem_only" or "vowels").  The class path is a stored format, pickled
    with the schema: do not rename or move it.

    A field with ``flat_positions`` keeps its word positions in seedsearch's
    flat file only (:mod:`seedsearch.storage.flat`, where phrases and
    proximity read them): Whoosh's own postings keep its frequencies (the
    ``Frequency`` format, which is what this field yields), and the
    positions of the text it indexed last wait in :attr:`last_positions`
    (term -> :func:`positions_bytes`) for seedsearch's writer, which takes
    them as it takes each posting.  They are not pickled.

    An exact field also keeps in :attr:`written`, until its segment is
    written, the first spelling seen of each term whose word showed a
    hamza on an alef (سأل for the term سال, أكل for اكل) and how often
    words so spelt fell on it: the term has lost the hamza, and the
    segment's root table reads the word as written
    (:mod:`seedsearch.storage.roottable`).  Not pickled either.
    """

    def __init__(self, terms: str, analyzer, *, phrase: bool, stored: bool = False,
                 scorable: bool = True, flat_positions: bool = False):
        super().__init__(analyzer=analyzer, phrase=phrase, stored=stored)
        self.terms = terms
        self.scorable = scorable
        #: The analysis version the field's terms were made with (see
        #: :data:`seedsearch.text.terms.ANALYSIS_VERSION`).
        self.analysis = ANALYSIS_VERSION
        self.flat_positions = flat_positions
        self.last_positions: dict[bytes, bytes] = {}
        self.written: dict[str, list] = {}

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state.pop("last_positions", None)
        state.pop("written", None)
        return state

    def __setstate__(self, state: dict) -> None:
        # Pickled by seedsearch 0.1.0, before the analysis had a version;
        # before 0.2.0, Whoosh's postings kept the positions.
        state.setdefault("analysis", 1)
        state.setdefault("flat_positions", False)
        self.__dict__.update(state)
        self.last_positions = {}
        self.written = {}

    def term_positions(self, value: str) -> dict[str, Any]:
        """The terms of ``value``, each with its positions (a field with
        positions, in the flat file or in Whoosh's postings) or with its
        count (a field without).  An exact field notes the spellings with a
        hamza on an alef (:attr:`written`) as it goes."""
        terms_of = _TERM_FUNCTIONS[self.terms]
        groups = _word_positions(value)
        if self.terms == "exact":
            written = self.written
            for word, plist in groups.items():
                if not _HAMZA_ON_ALEF.isdisjoint(word):
                    terms = terms_of(word)
                    if terms:
                        seen = written.setdefault(terms[0], [word, 0])
                        seen[1] += len(plist)
        if self.flat_positions or self.format.supports("positions"):
            positions: dict[str, list[int]] = {}
            for word, plist in groups.items():
                for term in terms_of(word):
                    have = positions.get(term)
                    # Two spellings of one term (vowelled and bare) merge.
                    positions[term] = plist if have is None else sorted(have + plist)
            return positions
        counts: dict[str, int] = {}
        for word, plist in groups.items():
            for term in terms_of(word):
                counts[term] = counts.get(term, 0) + len(plist)
        return counts

    def index(self, value, **kwargs) -> Iterator[tuple[bytes, int, float, bytes]]:
        if not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        fmt = self.format
        boost = fmt.field_boost
        terms = self.term_positions(value)
        if self.flat_positions:
            kept = self.last_positions = {}
            for term, plist in terms.items():
                tbytes = term.encode("utf-8")
                kept[tbytes] = positions_bytes(plist)
                yield tbytes, len(plist), len(plist) * boost, frequency_bytes(len(plist))
        elif fmt.supports("positions"):  # an index made before flat_positions
            encode = _whoosh_positions(fmt)
            for term, plist in terms.items():
                yield term.encode("utf-8"), len(plist), len(plist) * boost, encode(plist)
        else:
            for term, freq in terms.items():
                yield term.encode("utf-8"), freq, freq * boost, frequency_bytes(freq)


def analysis_version(schema: wf.Schema) -> int:
    """The analysis version an index's text fields were built with (the
    oldest, should they differ)."""
    versions = [field.analysis for _, field in schema.items() if isinstance(field, ArabicTextField)]
    return min(versions, default=ANALYSIS_VERSION)


def build_schema(vowels: bool = False) -> wf.Schema:
    """The seedsearch schema; ``vowels=True`` adds the vowel-data field."""
    spec: dict[str, wf.FieldType] = {ID: wf.ID(unique=True, stored=True)}
    for field in TEXT_FIELDS.values():
        # Scores use the exact field's length (every word); the ranked field
        # keeps none.
        spec[field.ranked] = ArabicTextField("stem_only", ArabicStemOnlyAnalyzer(), phrase=False,
                                             stored=True, scorable=False)
        spec[field.exact] = ArabicTextField("exact", ArabicExactAnalyzer(), phrase=False,
                                            flat_positions=True)
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
