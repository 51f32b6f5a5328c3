"""The search layer's two entry points: a page of results, and the plan
that would produce it, both over one :class:`~.state.SearchState`.

Parse (:mod:`.query`) -> plan (:mod:`.plan`) -> execute (:mod:`.scoring`,
in the order of :mod:`.sorting`) -> results (:mod:`.results`, with
highlights, facets from :mod:`.facets` and «did you mean» from
:mod:`.suggest`).  :class:`seedsearch.Index` validates the arguments, holds
its lock and calls these; :mod:`.similar` plans a query of its own and
runs it here.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..fields import ID
from ..ingest.documents import stored_document
from ..text.lexicon import is_known_stem
from .facets import facet_counts
from .highlight import Highlighter
from .nodes import Plan, filter_nodes
from .notices import Notice, NoticeCode
from .plan import plan_query
from .query import parse
from .ranking import Ranking
from .results import Hit, Labels, SearchResults
from .sorting import Sort, ordered
from .state import SearchState
from .suggest import suggest

__all__ = ["search_page", "explain_query", "plan_of", "document_hit", "docnum_of", "MAX_LIMIT"]

#: Largest page size a search returns.
MAX_LIMIT = 10_000


def plan_of(state: SearchState, query: str, *, exact: bool, vowels: bool, strict: bool,
            ranking: Ranking) -> tuple[Plan, list[Notice]]:
    """The plan of ``query`` and every notice of its reading (the parser's
    problems first)."""
    group, problems = parse(query, strict=strict)
    plan = plan_query(query, group, state, exact=exact, vowels=vowels, lexicon=is_known_stem,
                      ranking=ranking)
    if plan.reads_positions and not all(state.leaf_positions):
        plan.warn(Notice(NoticeCode.NO_POSITIONS))
    return plan, problems + plan.notices


def search_page(state: SearchState, query: str, *, limit: int, page: int,
                filters: Mapping | None, exact: bool, vowels: bool, strict: bool,
                ranking: Ranking, sort: Sort = Sort.RELEVANCE, combine_facets: bool = False,
                labels: Labels | None = None, exclude: int | None = None,
                spelling: bool = True) -> SearchResults:
    """Page ``page`` of ``limit`` hits (``limit`` at most :data:`MAX_LIMIT`)
    in the order ``sort``, with the total, facets and suggestion (unless
    not ``spelling``), all from ``state``; ``exclude`` (a document number)
    is never a match."""
    limit = min(limit, MAX_LIMIT)
    extra = filter_nodes(filters)
    plan, notices = plan_of(state, query, exact=exact, vowels=vowels, strict=strict,
                            ranking=ranking)
    outcome = ordered(plan, state, extra, page * limit, sort, exclude)
    highlighter = Highlighter.from_plan(plan)
    labels = labels or {}
    first = (page - 1) * limit
    hits = []
    for rank, (docnum, score) in enumerate(
            zip(outcome.top[first:].tolist(), outcome.scores[first:].tolist()), first + 1):
        fields = stored_document(state.stored(docnum))
        hits.append(Hit(fields[ID], score, rank, fields, highlighter, labels))
    suggestion = (suggest(state, query, plan.spelling_checks, lexicon=is_known_stem)
                  if spelling and plan.spelling_checks else None)
    facets = facet_counts(plan, state, outcome.mask, filters, combine_facets, exclude)
    return SearchResults(query, hits, outcome.total, facets, page, limit, notices, suggestion,
                         str(sort), labels)


def docnum_of(state: SearchState, doc_id: str) -> int | None:
    """The document number of the live document ``doc_id``, or None."""
    if not isinstance(doc_id, str):
        return None
    docnum = state.searcher.document_number(**{ID: doc_id})
    return None if docnum is None else int(docnum)


def document_hit(state: SearchState, doc_id: str, query: str = "", *, exact: bool = False,
                 vowels: bool = False, ranking: Ranking, labels: Labels | None = None) -> Hit | None:
    """The document ``doc_id`` as a :class:`Hit` (rank 0, score 0) whose
    highlights mark the words ``query`` matches in it, or None."""
    docnum = docnum_of(state, doc_id)
    if docnum is None:
        return None
    if query.strip():
        plan, _ = plan_of(state, query, exact=exact, vowels=vowels, strict=False,
                          ranking=ranking)
        highlighter = Highlighter.from_plan(plan)
    else:
        highlighter = Highlighter({})
    fields = stored_document(state.stored(docnum))
    return Hit(fields[ID], 0.0, 0, fields, highlighter, labels or {})


def explain_query(state: SearchState, query: str, *, filters: Mapping | None, exact: bool,
                  vowels: bool, strict: bool, ranking: Ranking) -> str:
    """How :func:`search_page` reads ``query``: each word with its terms per
    field and their weights, prefix and fuzzy expansions, phrases, filters,
    the ranking and the warnings."""
    extra = filter_nodes(filters)
    plan, notices = plan_of(state, query, exact=exact, vowels=vowels, strict=strict,
                            ranking=ranking)
    plan.filters += extra
    plan.notices = notices
    return plan.explain()
