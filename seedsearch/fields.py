"""The field and term model: every searchable field, declared once.

This module owns the names, weights and term functions of seedsearch's
index; the schema (:mod:`.schema`), document preparation, the query planner,
highlighting, suggestions and statistics read them from here.  It imports no
Whoosh.

A text field (``title``, ``text``) is indexed under two names:

* the *ranked* field (named like the document key, which also stores the
  original text): the light stems that differ from the word's own
  normalized form (:func:`~seedsearch.text.terms.stem_only_terms`), stop words out;
* the *exact* field (``<name>_exact``, with positions): every normalized word
  form and its hamza-seat variants (:func:`~seedsearch.text.terms.exact_terms`).

A word that is its own stem (موسكو) is stored once, in the exact field; so
the occurrences of a stem are its postings in the ranked field *plus* its
postings in the exact field, and that is how the planner reads them.  One
BM25 term per query word and field follows (see :mod:`.plan`).

The optional ``text_vowels`` field holds ``stem|vocalized`` terms of the
text (:func:`~seedsearch.text.terms.vowel_terms`) for ``search(vowels=True)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from math import log

from .text.terms import WORD_PATTERN, exact_terms, stem_only_terms

__all__ = ["TextField", "TITLE", "TEXT", "TEXT_FIELDS", "VOWELS", "KEYWORD_FIELDS", "FACETS",
           "ID", "DATE", "DATE_STORED", "YEAR", "EXTRA", "CORE_FIELDS", "QUERY_FIELDS",
           "SCHEMA_MARK", "EXACT_BONUS", "PHRASE_BONUS", "PROXIMITY_BONUS", "PROXIMITY_SPAN",
           "PROXIMITY_WINDOW", "K1", "B", "bm25_idf", "analyze"]


@dataclass(frozen=True)
class TextField:
    """A searchable text field of documents."""
    #: The document key, the stored field and the ranked index field.
    name: str
    #: The exact index field (normalized forms, with positions).
    exact: str
    #: Weight of a match in this field against a match in the text.
    boost: float

    @property
    def ranked(self) -> str:
        return self.name

    def index_terms(self) -> dict[str, Callable[[str], tuple[str, ...]]]:
        """Index field -> the function that turns one word into its terms."""
        return {self.ranked: stem_only_terms, self.exact: exact_terms}


TITLE = TextField("title", "title_exact", boost=2.0)
TEXT = TextField("text", "text_exact", boost=1.0)
#: Text fields by document key, in the order they are searched.
TEXT_FIELDS: dict[str, TextField] = {f.name: f for f in (TITLE, TEXT)}

#: The vowel-data index field (``stem|vocalized``), filled from ``text``.
VOWELS = "text_vowels"

ID = "id"
DATE = "date"
#: The date as the document gave it, stored for display.
DATE_STORED = "date_iso"
#: The year of ``date``, a column for the year facet.
YEAR = "year"
#: Every stored key that has no field of its own.
EXTRA = "extra"
#: Filterable, facetable single-value fields.
KEYWORD_FIELDS = ("collection", "category")
#: Facets counted over every match of a search.
FACETS = KEYWORD_FIELDS + (YEAR,)
#: Document keys with a field of their own; any other key goes to ``extra``.
CORE_FIELDS = (ID, TITLE.name, TEXT.name, DATE) + KEYWORD_FIELDS
#: Names a query may put before a colon (``title:موسكو``).
QUERY_FIELDS = frozenset(TEXT_FIELDS) | frozenset(KEYWORD_FIELDS) | {DATE}
#: A field only seedsearch schemas have (used to recognise our indexes).
SCHEMA_MARK = DATE_STORED

#: Weight of a match on the very word form, on top of the stem match.  A
#: bonus, not a second full vote: weighting it as much as the stem
#: over-rewards surface identity (xquad_ar MRR@10: 0.930 at 1.0, 0.935 at 0.5).
EXACT_BONUS = 0.5
#: Weight of the whole phrase of a plain multi-word query, on top of its words.
PHRASE_BONUS = 2.0
#: Term proximity (Rasolofo and Savoy, "Term proximity scoring for keyword-
#: based retrieval systems", ECIR 2003): two query words at most
#: ``PROXIMITY_SPAN`` words apart, in either order, add 1/d² to the pair's
#: count, scored like a term (k1 saturation, the smaller idf of the two) and
#: weighted ``PROXIMITY_BONUS``.  Only the best ``PROXIMITY_WINDOW``
#: documents are re-scored (a fixed window, so every page agrees).  Tried
#: on the six quality sets together at 0.1 to 1.5: every set gains from 0.1
#: to 0.5; 0.2 was best overall (see benchmarks/RESULTS.md).
PROXIMITY_BONUS = 0.2
PROXIMITY_SPAN = 5
PROXIMITY_WINDOW = 20
#: BM25 parameters (the usual values; Lucene, tantivy and bm25s use them too).
K1 = 1.2
B = 0.75


def bm25_idf(n: int, df: int) -> float:
    """BM25's idf of a term in ``df`` of ``n`` documents (Lucene's form,
    never negative): ``log(1 + (n - df + 0.5) / (df + 0.5))``."""
    return log(1 + (n - df + 0.5) / (df + 0.5))


def analyze(text: str, field: str = TEXT.name) -> dict[str, list[str]]:
    """What the index stores for ``text`` in the text field ``field``: its
    ranked and exact index fields, each with its terms in order.

    >>> analyze("والرئيسُ السوريُّ في موسكو")
    {'text': ['رءيس', 'رييس', 'سوري'], 'text_exact': ['والرءيس', 'والرييس', 'السوري', 'في', 'موسكو']}

    موسكو is its own stem, so only the exact field holds it; في is a stop
    word, so the ranked field leaves it out; a seated hamza is filed under
    two spellings (on the line and seatless).
    """
    spec = TEXT_FIELDS[field]
    words = WORD_PATTERN.findall(text)
    return {name: [t for w in words for t in terms_of(w)]
            for name, terms_of in spec.index_terms().items()}
