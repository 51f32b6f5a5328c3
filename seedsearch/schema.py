"""The index schema: which fields exist and how each is analyzed.

Title and text are each indexed twice: ``title``/``text`` (ranked: the light
stems, stop words out, frequencies only) and ``title_exact``/``text_exact``
(:func:`ArabicExactAnalyzer`, every word form with positions, for phrases,
exact matches, prefixes and fuzzy terms).  A word that is its own stem
(موسكو) is stored once, in the exact field; the ranked field holds only the
stems that differ from their word (:func:`ArabicStemOnlyAnalyzer`), and a
ranked query for a stem looks in both fields.
``text_vowels`` holds ``bare|vowelled`` terms for diacritic-aware search.
The original strings are stored once, in the ranked fields, for display and
highlighting.
"""

from __future__ import annotations

from whoosh import fields

from .analysis import ArabicExactAnalyzer, ArabicStemOnlyAnalyzer, ArabicVowelAnalyzer

__all__ = ["build_schema", "SEARCH_FIELDS", "KEYWORD_FIELDS", "CORE_FIELDS", "SCHEMA_MARK"]

#: The text fields a query searches: ranked name -> exact name.
SEARCH_FIELDS = {"title": "title_exact", "text": "text_exact"}
#: Filterable, facetable single-value fields.
KEYWORD_FIELDS = ("collection", "category")
#: Document keys with a field of their own; any other key goes to ``extra``.
CORE_FIELDS = ("id", "title", "text", "date", "collection", "category")
#: A field only seedsearch schemas have (used to recognise our indexes).
SCHEMA_MARK = "date_iso"


def build_schema(vowels: bool = False) -> fields.Schema:
    """The seedsearch schema; ``vowels=True`` adds ``text_vowels``."""
    spec = dict(
        id=fields.ID(unique=True, stored=True),
        title=fields.TEXT(analyzer=ArabicStemOnlyAnalyzer(), stored=True, phrase=False),
        title_exact=fields.TEXT(analyzer=ArabicExactAnalyzer(), phrase=True),
        text=fields.TEXT(analyzer=ArabicStemOnlyAnalyzer(), stored=True, phrase=False),
        text_exact=fields.TEXT(analyzer=ArabicExactAnalyzer(), phrase=True),
        date=fields.DATETIME(),
        date_iso=fields.STORED(),
        collection=fields.ID(stored=True, sortable=True),
        category=fields.ID(stored=True, sortable=True),
        extra=fields.STORED(),
    )
    if vowels:
        spec["text_vowels"] = fields.TEXT(analyzer=ArabicVowelAnalyzer(), phrase=False)
    return fields.Schema(**spec)
