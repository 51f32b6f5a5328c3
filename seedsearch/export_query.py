"""Kept for code written against seedsearch 0.1, whose README documented
``seedsearch.export_query.translate_query``: the module is now
:mod:`seedsearch.export.query` (``from seedsearch.export import translate_query``)."""

from .export.query import translate_query

__all__ = ["translate_query"]
