"""The index-aware translation: seedsearch's plan of a query, as query DSL.

Without an index, :func:`seedsearch.export.query.translate_query` can only
write what the query says.  With one (``translate_query(q, index=…)``,
``seedsearch export --query Q --index DIR``), the query is planned as
:meth:`seedsearch.Index.search` plans it, against the index's vocabulary,
and every decision of the plan (:mod:`seedsearch.search.nodes`) is written
out as explicit clauses:

=======================================  =========================================
the plan                                 query DSL
=======================================  =========================================
a word's readings: its stems, the        one ``combined_fields`` over ``title^2,
stem without a one-letter prefix         text`` of all of them joined by ``|``
(لحكومة -> حكوم), the prefixed forms     (one BM25F term, the word form marked:
it reaches (قلم -> بقلم), the ة/ه twin,   ``حكوم|لحكوم|=لحكومه=``), boosted by
both hamza spellings, the word form      the word's idf over the term's (below)
its broken plural, other verb form       the same, at ``plural_weight`` /
                                         ``verb_weight``, beside the word's in a
                                         ``dis_max`` (tie breaker
                                         :data:`.words.READINGS_TIE_BREAKER`)
a prefix word's kept expansions (at      one ``combined_fields`` per field on
most 256, the most frequent)             ``.exact`` whose query is the terms
                                         joined by ``|``: one BM25F term
                                         (:data:`~.settings.RANKED_SEARCH`), so
                                         ranked, not a constant-score ``prefix``
a fuzzy word's neighbours                a ``dis_max`` of them (a document scores
                                         by its closest), each weighted by its
                                         edit distance, beside the word's stems
                                         (stacked) and form
+word, -word, groups                     ``bool`` must / should / must_not; a
                                         ``+word`` matches any of its readings
the frame of a question (ما حكم)          ``should`` beside the content words,
                                         never matching alone
«phrase», the phrase bonus                ``match_phrase`` on ``.exact``
the sequence and proximity bonuses      ``match_phrase`` of two stems with a
(word pairs in order, or near), on       slop (:data:`SEQUENCE_WEIGHT`,
the best ``proximity_window``            :data:`PROXIMITY_WEIGHT`) in a top-level
                                         ``rescore`` of that window
collection:, category:, date:            ``term`` / ``range`` in ``bool.filter``
=======================================  =========================================

One idf per word.  seedsearch scores a word as one BM25F term: the
frequencies of all its readings add up, and one idf, that of the documents
holding the word, applies.  The DSL scores each clause with its own idf, so
that a rare prefixed form (وقلم, in two documents) would outweigh the word
itself.  Each clause's boost therefore carries ``idf(word) / idf(clause)``,
both computed from the index at hand (Lucene's BM25 idf, the one seedsearch
uses), and a clause scores as the word's idf would score it.

What stays different: a word's plural or verb reading saturates on its own
(seedsearch adds it to the word's sum; ``dis_max`` stands in for it); a
seated hamza adds one word to seedsearch's length (it files both
spellings), Lucene stores lengths in one lossy byte; a proximity pair is a
phrase with a slop, which counts 1/(1 + edits), depends on the order and is
length-normalized, where seedsearch counts 1/distance² in either order, and
a sequence pair is normalized with the index's b (0.75) where seedsearch
uses ``sequence_b`` (1).  A term the exported analyzer would change, and
cannot take guarded, is written as ``term`` queries, scored per field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..fields import DATE
from ..index import Index
from ..search.nodes import FilterNode, GroupNode, PhraseNode, Plan, WordNode
from ..search.ranking import Ranking
from ..search.state import SearchState
from .words import EXACT_SUBFIELD, Words, any_of, rounded

__all__ = ["translate_plan", "planned_body"]

#: seedsearch's sequence bonus (consecutive query words found in order) as
#: ``match_phrase`` on the stems with a slop, at ``sequence_bonus`` times
#: this: on xquad_ar 2 took MRR@10 from 0.9373 to 0.9384 (seedsearch
#: 0.9390), top-10 overlap 0.935 -> 0.938, top-1 0.967 -> 0.973; 4 did less.
SEQUENCE_WEIGHT = 2.0
#: Its proximity bonus (two query words within ``proximity_span`` words, in
#: either order) likewise, every pair at ``proximity_bonus`` times this:
#: 1 took xquad_ar to MRR@10 0.9387 and top-1 0.976, and the misspelt
#: keywords of the development sets from 0.8722 to 0.8736 (top-1 0.896 ->
#: 0.906); 3 did less.  seedsearch re-scores its best 20 documents with it;
#: the engine adds it wherever the pair occurs.
PROXIMITY_WEIGHT = 1.0
#: The pairs of at most this many words (45 phrases).
PROXIMITY_WORDS = 10


def planned_body(query: str, index: Any, *, strict: bool = False, combined: bool = True
                 ) -> dict:
    """The search body of ``query`` planned against ``index`` (an open
    :class:`~seedsearch.Index` or its folder): ``query``, and ``rescore``
    when the plan has proximity or sequence bonuses."""
    ix = index if isinstance(index, Index) else Index.open(Path(index))
    try:
        plan, state = ix._plan_with_state(query, strict=strict)
        return translate_plan(plan, state, combined=combined)
    finally:
        if ix is not index:
            ix.close()


def translate_plan(plan: Plan, state: SearchState, *, combined: bool = True) -> dict:
    """``plan`` (made against ``state``) as a search body (see
    :func:`planned_body`)."""
    writer = _Writer(plan, state, combined)
    body = {"query": writer.top()}
    pairs = writer.pairs()
    if pairs and plan.root is not None:
        # seedsearch re-scores its best proximity_window documents with
        # them: the engines' query rescorer, on the same window.
        body["rescore"] = {"window_size": plan.ranking.proximity_window,
                           "query": {"rescore_query": any_of(pairs)}}
    return body


class _Writer:
    """Writes one plan: its groups, phrases, bonuses and filters (its words
    are :class:`~.words.Words`')."""

    def __init__(self, plan: Plan, state: SearchState, combined: bool):
        self.plan = plan
        self.state = state
        self.ranking: Ranking = plan.ranking
        self.words = Words(state, self.ranking, combined)

    # -- the whole query -----------------------------------------------------
    def top(self) -> dict:
        filters = [self._filter(f) for f in self.plan.filters]
        root = self._group(self.plan.root) if self.plan.root is not None else None
        bonuses = [self._phrase(self.plan.bonus)] if self.plan.bonus is not None else []
        if root is None:
            return {"bool": {"filter": filters}} if filters else {"match_none": {}}
        if not bonuses and not filters:
            return root
        body: dict = {"must": [root]}
        if bonuses:
            body["should"] = bonuses
        if filters:
            body["filter"] = filters
        return {"bool": body}

    def _node(self, node: Any) -> dict | None:
        if isinstance(node, GroupNode):
            return self._group(node)
        if isinstance(node, WordNode):
            return self.words.word(node)
        if isinstance(node, PhraseNode):
            return self._phrase(node)
        if isinstance(node, FilterNode):
            return self._filter(node)
        raise TypeError(f"no translation for the plan node {node!r}")

    def _group(self, node: GroupNode) -> dict | None:
        must = _each(self._node, node.must)
        should = _each(self._node, node.should)
        must_not = _each(self._node, node.must_not)
        extra = _each(self._node, node.extra)
        body: dict = {}
        if must:
            body["must"] = must
            if should or extra:
                body["should"] = should + extra
        elif should:
            if extra:
                # The question's frame adds to what a content word matched.
                body["must"] = [any_of(should)]
                body["should"] = extra
            else:
                body["should"] = should
                body["minimum_should_match"] = 1
        if must_not:
            body["must_not"] = must_not
        if not body:
            return None
        if list(body) == ["must"] and len(must) == 1:
            return must[0]
        if set(body) == {"should", "minimum_should_match"} and len(should) == 1:
            return should[0]
        return {"bool": body}

    # -- phrases and filters -----------------------------------------------------
    def pairs(self) -> list[dict]:
        """seedsearch's proximity bonus (every pair of the plain query's
        first :data:`PROXIMITY_WORDS` words, near each other) and sequence
        bonus (consecutive pairs in order), as phrases of two stems with a
        slop."""
        near = self.plan.proximity
        if near is None:
            return []

        def pair(a: int, b: int, slop: int, weight: float) -> dict:
            # The engine's phrase idf is the sum of its terms'; seedsearch
            # weighs the pair by the smaller.
            scale = min(near.idfs[a], near.idfs[b]) / (near.idfs[a] + near.idfs[b])
            return {"match_phrase": {near.field: {
                "query": f"{near.labels[a]} {near.labels[b]}", "slop": slop,
                "boost": rounded(weight * scale)}}}

        k = min(len(near.labels), PROXIMITY_WORDS) if near.boost else 0
        # Any order, within the span: a phrase of the two stems with the
        # span as its slop.
        out = [pair(a, b, self.ranking.proximity_span, near.boost * PROXIMITY_WEIGHT)
               for a in range(k) for b in range(a + 1, k)]
        out += [pair(a, b, gap, near.sequence_boost * SEQUENCE_WEIGHT)
                for a, b, gap in (near.sequence if near.sequence_boost else ())]
        return out

    def _phrase(self, node: PhraseNode) -> dict | None:
        text = " ".join(p[0] for p in node.positions)
        return any_of([{"match_phrase": {f"{name}.{EXACT_SUBFIELD}": {
            "query": text, "boost": rounded(weight * node.boost)}}} for name, weight in node.fields])

    @staticmethod
    def _filter(node: FilterNode) -> dict:
        if node.values:
            return ({"term": {node.field: node.values[0]}} if len(node.values) == 1
                    else {"terms": {node.field: list(node.values)}})
        bounds = {}
        if node.start is not None:
            bounds["gte"] = node.start.isoformat()
        if node.end is not None:
            bounds["lt"] = node.end.isoformat()
        return {"range": {DATE: bounds}}


def _each(convert, nodes) -> list[dict]:
    return [q for q in map(convert, nodes) if q is not None]
