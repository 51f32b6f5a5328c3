"""The order of a page of results: by relevance, or by date.

``search(sort="newest")`` and ``sort="oldest"`` order every match by its
date (:meth:`~.state.SearchState.dates`), documents without a date last;
matches of one date keep the order of relevance among them: score
descending, then the order in which documents were added.  The order is
total and does not depend on the page asked for, so page *p* at limit *L*
is always ranks (p−1)·L+1 … p·L of one ranking, as for relevance.

For that, a sort by date scores every match in full (the executor's
shortcuts for the top ``k`` are for an order by score: with ``k`` as large
as the index they read the phrase bonus of every candidate), then sorts the
matches by date, a stable sort over the relevance order.
"""

from __future__ import annotations

import numpy as np

from ..errors import QueryError
from ..storage.dates import MISSING
from .kinds import _Named
from .nodes import FilterNode, Plan
from .scoring import Outcome, execute
from .state import SearchState

__all__ = ["Sort", "sort_of", "SORTS", "ordered"]


class Sort(_Named):
    """The orders a search may give its matches in."""
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"


#: The values ``sort=`` takes, as error messages list them.
SORTS = tuple(str(s) for s in Sort)
_LAST = np.iinfo(np.int64).max


def sort_of(value: object) -> Sort:
    """``value`` as a :class:`Sort`; QueryError listing the allowed ones."""
    if isinstance(value, str):
        try:
            return Sort(value.strip().lower())
        except ValueError:
            pass
    raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {value!r}",
                     code="bad_sort", params={"value": str(value)[:40], "allowed": list(SORTS)})


def ordered(plan: Plan, state: SearchState, filters: list[FilterNode], k: int,
            sort: Sort = Sort.RELEVANCE, exclude: int | None = None) -> Outcome:
    """The first ``k`` matches of ``plan`` in the order ``sort`` asks for,
    their scores and the match mask; ``exclude`` (a document number) is
    left out of all three."""
    spare = 0 if exclude is None else 1
    if sort == Sort.RELEVANCE:
        outcome = execute(plan, state, filters, k=k + spare)
        top, scores = outcome.top, outcome.scores
    else:
        outcome = execute(plan, state, filters, k=max(1, state.size))
        dates = state.dates()[outcome.top]
        missing = dates == MISSING
        known = np.where(missing, 0, dates)
        key = np.where(missing, _LAST, -known if sort == Sort.NEWEST else known)
        order = np.argsort(key, kind="stable")[:k + spare]
        top, scores = outcome.top[order], outcome.scores[order]
    mask = outcome.mask
    if exclude is not None:
        keep = top != exclude
        top, scores = top[keep][:k], scores[keep][:k]
        if exclude < len(mask) and mask[exclude]:
            mask = mask.copy()
            mask[exclude] = False
    return Outcome(top, scores, mask)
