"""Facets that combine: each counted without its own filter.

A search's facets count every match (:meth:`~.state.SearchState.facet_counts`).
With ``search(combine_facets=True)`` a facet that a filter of the call
restricts (``filters={"collection": "bukhari"}``) is counted over the
matches of the *other* filters only, so every value of it stays listed
with the count it would add: a reader who chose صحيح البخاري still sees
صحيح مسلم and can add it (a list of values is either of them).  This is
what catalogues call disjunctive faceting.  The year facet is counted
without the ``date`` filter the same way.

Each such facet costs one more execution of the plan (its postings are
already in the state's cache; only the one document it keeps is ranked).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..fields import CATEGORY, COLLECTION, DATE, YEAR
from .nodes import Plan, filter_nodes
from .scoring import execute
from .state import SearchState

__all__ = ["FILTER_OF_FACET", "facet_counts"]

#: The key of ``filters=`` that restricts each facet.
FILTER_OF_FACET = {COLLECTION: COLLECTION, CATEGORY: CATEGORY, YEAR: DATE}


def facet_counts(plan: Plan, state: SearchState, mask: np.ndarray, filters: Mapping | None,
                 combine: bool, exclude: int | None = None) -> dict[str, dict[str, int]]:
    """The facets of a search whose matches are ``mask`` (every filter
    applied); with ``combine``, each facet a filter restricts is counted
    without that filter (``exclude``, a document number, is never counted)."""
    counts = state.facet_counts(mask)
    if not combine or not filters:
        return counts
    for facet, key in FILTER_OF_FACET.items():
        if key not in filters:
            continue
        others = filter_nodes({k: v for k, v in filters.items() if k != key})
        wider = execute(plan, state, others, k=1).mask
        if exclude is not None and exclude < len(wider):
            wider[exclude] = False
        counts[facet] = state.facet_counts(wider)[facet]
    return counts
