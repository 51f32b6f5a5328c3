"""Moving to OpenSearch or Elasticsearch: the analyzers as index settings
(:mod:`.settings`), the documents as bulk files (:mod:`.bulk`) and queries
as query DSL (:mod:`.query`).

>>> from seedsearch.export import export_index, translate_query  # doctest: +SKIP
"""

from .bulk import export_index
from .query import translate_query, translate_similar

__all__ = ["export_index", "translate_query", "translate_similar"]
