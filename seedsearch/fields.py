"""The field and term model: every searchable field, declared once.

This module owns the names and term functions of seedsearch's index; the
schema (:mod:`.schema`), document preparation, the query planner,
highlighting, suggestions, statistics and the export read them from here.
It imports no Whoosh.  The weights of the fields are ranking settings
(:class:`seedsearch.search.ranking.Ranking`).

A text field (``title``, ``text``) is indexed under two names:

* the *ranked* field (named like the document key, which also stores the
  original text): the light stems that differ from the word's own
  normalized form (:func:`~seedsearch.text.terms.stem_only_terms`), stop words out;
* the *exact* field (``<name>_exact``, with positions, which seedsearch's flat
  file keeps and Whoosh's postings do not): every normalized word form and
  its hamza-seat variants (:func:`~seedsearch.text.terms.exact_terms`).

A word that is its own stem (موسكو) is stored once, in the exact field; so
the occurrences of a stem are its postings in the ranked field *plus* its
postings in the exact field, and that is how the planner reads them.  One
BM25 term per query word and field follows (see :mod:`seedsearch.search.plan`).

The optional ``text_vowels`` field holds ``stem|vocalized`` terms of the
text (:func:`~seedsearch.text.terms.vowel_terms`) for ``search(vowels=True)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .text.terms import WORD_PATTERN, exact_terms, stem_only_terms

__all__ = ["TextField", "TITLE", "TEXT", "TEXT_FIELDS", "VOWELS", "KEYWORD_FIELDS", "FACETS",
           "ID", "DATE", "COLLECTION", "CATEGORY", "DATE_STORED", "YEAR", "EXTRA", "CORE_FIELDS",
           "QUERY_FIELDS", "ROOT", "ROOT_NAMES", "SCHEMA_MARK", "analyze"]


@dataclass(frozen=True)
class TextField:
    """A searchable text field of documents."""
    #: The document key, the stored field and the ranked index field.
    name: str
    #: The exact index field (normalized forms, with positions).
    exact: str

    @property
    def ranked(self) -> str:
        return self.name

    def index_terms(self) -> dict[str, Callable[[str], tuple[str, ...]]]:
        """Index field -> the function that turns one word into its terms."""
        return {self.ranked: stem_only_terms, self.exact: exact_terms}


TITLE = TextField("title", "title_exact")
TEXT = TextField("text", "text_exact")
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
COLLECTION = "collection"
CATEGORY = "category"
#: Filterable, facetable single-value fields.
KEYWORD_FIELDS = (COLLECTION, CATEGORY)
#: Facets counted over every match of a search.
FACETS = KEYWORD_FIELDS + (YEAR,)
#: Document keys with a field of their own; any other key goes to ``extra``.
CORE_FIELDS = (ID, TITLE.name, TEXT.name, DATE) + KEYWORD_FIELDS
#: A root query (``root:كتب``, ``جذر:كتب``): every word of that Arabic root in
#: the text fields; not an index field (see :mod:`seedsearch.storage.roottable`).
ROOT = "root"
ROOT_NAMES = frozenset({ROOT, "\u062c\u0630\u0631"})  # root, جذر
#: Names a query may put before a colon (``title:موسكو``).
QUERY_FIELDS = frozenset(TEXT_FIELDS) | frozenset(KEYWORD_FIELDS) | {DATE} | ROOT_NAMES
#: A field only seedsearch schemas have (used to recognise our indexes).
SCHEMA_MARK = DATE_STORED

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
