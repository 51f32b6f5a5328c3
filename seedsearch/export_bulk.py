"""Kept for code written against seedsearch 0.1, whose README documented
``seedsearch.export_bulk.export_index``: the module is now
:mod:`seedsearch.export.bulk` (``from seedsearch.export import export_index``)."""

from .export.bulk import DEFAULT_NAME, bulk_document, export_index, write_bulk

__all__ = ["export_index", "bulk_document", "write_bulk", "DEFAULT_NAME"]
