"""The body of ``PUT /NAME`` for an exported index: the analysis of
:mod:`.settings`, the index's similarity, and the mappings of the exported
documents (:func:`index_settings`)."""

from __future__ import annotations

from collections.abc import Mapping

from ..fields import DATE, ID, KEYWORD_FIELDS, TEXT, TEXT_FIELDS
from ..search.ranking import DEFAULT_RANKING
from .settings import (
    EXACT,
    EXACT_SEARCH,
    EXACT_SUBFIELD,
    MARKED_FORMS,
    PHRASES_SUBFIELD,
    RANKED_INDEX,
    RANKED_SEARCH,
    analysis_settings,
)

__all__ = ["index_settings", "mappings", "roots_field", "SIMILARITY", "DEPENDENCE"]

#: The index's default similarity: BM25 with seedsearch's k1 and b (the
#: engines' defaults too), counting every token of a field in its length.  A ranked field
#: holds two tokens at each position (the stem and the marked form), and
#: the engines' average length counts both whatever this says, so lengths
#: must count both too: the ratio of a document's length to the average is
#: then the ratio of its stems, as seedsearch has it.  combined_fields
#: accepts only the index's default similarity, not a per-field one.
#: The ``.phrases`` subfields (one token a word) score with seedsearch's
#: ``sequence_b``: its phrase bonus and word pairs in order count a
#: document's whole length (b 1), so that the document that is a pasted
#: text outranks one that quotes it among commentary.
DEPENDENCE = "seedsearch_dependence"
SIMILARITY = {"default": {"type": "BM25", "k1": DEFAULT_RANKING.k1,
                          "b": DEFAULT_RANKING.b_of(TEXT.name), "discount_overlaps": False},
              DEPENDENCE: {"type": "BM25", "k1": DEFAULT_RANKING.k1,
                           "b": DEFAULT_RANKING.sequence_b, "discount_overlaps": False}}


def roots_field(name: str) -> str:
    """The field of a text field's roots in an exported document
    (``text_roots``): no stock analyzer computes Arabic roots, so the export
    writes them (:func:`seedsearch.export.bulk.bulk_document`), one per word
    (two for an ambiguous word), split on whitespace."""
    return f"{name}_roots"


def mappings() -> dict:
    """Field mappings: the text fields three times (ranked, ``.exact``, each
    searched by its twin analyzer, and ``.phrases`` for the dependence
    bonuses, with their similarity), and each text field's roots
    (:func:`roots_field`) as whitespace-split text, so that a root's
    frequency in a document counts its words."""
    text = {"type": "text", "analyzer": RANKED_INDEX, "search_analyzer": RANKED_SEARCH,
            "fields": {EXACT_SUBFIELD: {"type": "text", "analyzer": EXACT,
                                        "search_analyzer": EXACT_SEARCH},
                       PHRASES_SUBFIELD: {"type": "text", "analyzer": MARKED_FORMS,
                                          "search_analyzer": RANKED_SEARCH,
                                          "similarity": DEPENDENCE}}}
    roots = {"type": "text", "analyzer": "whitespace"}
    return {
        # Other keys of a document stay in _source without being indexed.
        "dynamic": False,
        "properties": {
            ID: {"type": "keyword"},
            **{name: text for name in TEXT_FIELDS},
            **{roots_field(name): roots for name in TEXT_FIELDS},
            DATE: {"type": "date"},
            **{name: {"type": "keyword"} for name in KEYWORD_FIELDS},
        },
    }


def index_settings(labels: Mapping[str, Mapping[str, str]] | None = None) -> dict:
    """The body of ``PUT /NAME``: settings.analysis and mappings; the
    index's display names of collection and category values, when it has
    any, go into the mappings' ``_meta`` (``GET /NAME/_mapping`` gives them
    back; both engines keep ``_meta`` as it is and never index it)."""
    body = {"settings": {"index": {"similarity": SIMILARITY}, "analysis": analysis_settings()},
            "mappings": mappings()}
    if labels:
        body["mappings"]["_meta"] = {"seedsearch": {"labels": {f: dict(n) for f, n in
                                                               labels.items()}}}
    return body
