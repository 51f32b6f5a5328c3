"""The search layer's two entry points: a page of results, and the plan
that would produce it, both over one :class:`~.state.SearchState`.

Parse (:mod:`.query`) -> plan (:mod:`.plan`) -> execute (:mod:`.scoring`)
-> results (:mod:`.results`, with highlights and «did you mean» from
:mod:`.suggest`).  :class:`seedsearch.Index` validates the arguments, holds
its lock and calls these.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..fields import ID
from ..ingest.documents import stored_document
from ..text.lexicon import is_known_stem
from .highlight import Highlighter
from .nodes import Plan, filter_nodes
from .plan import plan_query
from .query import parse
from .ranking import Ranking
from .results import Hit, SearchResults
from .scoring import execute
from .state import SearchState
from .suggest import suggest

__all__ = ["search_page", "explain_query", "MAX_LIMIT"]

#: Largest page size a search returns.
MAX_LIMIT = 10_000


def _plan(state: SearchState, query: str, *, exact: bool, vowels: bool, strict: bool,
          ranking: Ranking) -> tuple[Plan, list[str]]:
    group, problems = parse(query, strict=strict)
    plan = plan_query(query, group, state, exact=exact, vowels=vowels, lexicon=is_known_stem,
                      ranking=ranking)
    return plan, [f"read leniently: {p}" for p in problems] + plan.warnings


def search_page(state: SearchState, query: str, *, limit: int, page: int,
                filters: Mapping | None, exact: bool, vowels: bool, strict: bool,
                ranking: Ranking) -> SearchResults:
    """Page ``page`` of ``limit`` hits (``limit`` at most :data:`MAX_LIMIT`),
    with the total, facets and suggestion, all from ``state``."""
    limit = min(limit, MAX_LIMIT)
    extra = filter_nodes(filters)
    plan, warnings = _plan(state, query, exact=exact, vowels=vowels, strict=strict,
                           ranking=ranking)
    outcome = execute(plan, state, extra, k=page * limit)
    highlighter = Highlighter.from_plan(plan)
    first = (page - 1) * limit
    hits = []
    for rank, (docnum, score) in enumerate(
            zip(outcome.top[first:].tolist(), outcome.scores[first:].tolist()), first + 1):
        fields = stored_document(state.searcher.stored_fields(docnum))
        hits.append(Hit(fields[ID], score, rank, fields, highlighter))
    suggestion = (suggest(state, query, plan.spelling_checks, lexicon=is_known_stem)
                  if plan.spelling_checks else None)
    return SearchResults(query, hits, outcome.total, state.facet_counts(outcome.mask),
                         page, limit, warnings, suggestion)


def explain_query(state: SearchState, query: str, *, filters: Mapping | None, exact: bool,
                  vowels: bool, strict: bool, ranking: Ranking) -> str:
    """How :func:`search_page` reads ``query``: each word with its terms per
    field and their weights, prefix and fuzzy expansions, phrases, filters,
    the ranking and the warnings."""
    extra = filter_nodes(filters)
    plan, warnings = _plan(state, query, exact=exact, vowels=vowels, strict=strict,
                           ranking=ranking)
    plan.filters += extra
    plan.warnings = warnings
    return plan.explain()
