"""The Whoosh schema, built from the field model in :mod:`.fields`.

Each text field is indexed twice (ranked stems, exact forms with positions;
see :mod:`.fields`); the original strings are stored once, in the ranked
fields, for display and highlighting.  ``vowels=True`` adds the vowel-data
field.  Keyword fields and the year are columns too, for facets.
"""

from __future__ import annotations

from whoosh import fields as wf

from .analysis import ArabicExactAnalyzer, ArabicStemOnlyAnalyzer, ArabicVowelAnalyzer
from .fields import (CORE_FIELDS, DATE, DATE_STORED, EXTRA, ID, KEYWORD_FIELDS, SCHEMA_MARK,
                     TEXT_FIELDS, VOWELS, YEAR)

__all__ = ["build_schema", "KEYWORD_FIELDS", "CORE_FIELDS", "SCHEMA_MARK"]


def build_schema(vowels: bool = False) -> wf.Schema:
    """The seedsearch schema; ``vowels=True`` adds the vowel-data field."""
    spec: dict[str, wf.FieldType] = {ID: wf.ID(unique=True, stored=True)}
    for field in TEXT_FIELDS.values():
        spec[field.ranked] = wf.TEXT(analyzer=ArabicStemOnlyAnalyzer(), stored=True, phrase=False)
        spec[field.exact] = wf.TEXT(analyzer=ArabicExactAnalyzer(), phrase=True)
    spec[DATE] = wf.DATETIME()
    spec[DATE_STORED] = wf.STORED()
    spec[YEAR] = wf.ID(sortable=True)
    for name in KEYWORD_FIELDS:
        spec[name] = wf.ID(stored=True, sortable=True)
    spec[EXTRA] = wf.STORED()
    if vowels:
        spec[VOWELS] = wf.TEXT(analyzer=ArabicVowelAnalyzer(), phrase=False)
    return wf.Schema(**spec)
