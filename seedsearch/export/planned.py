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
«phrase», the phrase bonus                ``match_phrase`` on ``.exact`` (the bonus:
                                         on ``.phrases``, marked, whose b is
                                         ``sequence_b``), scaled to seedsearch's
                                         one phrase idf (below)
the sequence bonus (consecutive words    ``match_phrase`` of the two words' forms
in order) and proximity bonus (any       (stacked, marked) at the query's distance
two within ``proximity_span`` words),    (a dropped stop word holds each place
                                         between) on ``.phrases``; an
                                         ``intervals`` query of the
on the best ``proximity_window``         two, unordered, ``max_gaps`` span - 1:
                                         both in a top-level ``rescore`` of that
                                         window
collection:, category:, date:            ``term`` / ``range`` in ``bool.filter``
=======================================  =========================================

One idf per word.  seedsearch scores a word as one BM25F term: the
frequencies of all its readings add up, and one idf, that of the documents
holding the word, applies.  The DSL scores each clause with its own idf, so
that a rare prefixed form (وقلم, in two documents) would outweigh the word
itself.  Each clause's boost therefore carries ``idf(word) / idf(clause)``,
both computed from the index at hand (Lucene's BM25 idf, the one seedsearch
uses), and a clause scores as the word's idf would score it.

One idf per phrase.  seedsearch gives a quoted phrase the idf of the
documents it occurs in, and the phrase bonus that of the documents holding
all its words; the engines give a phrase the sum of its words' idfs, often
twice as much, so a pasted verse in quotes outranked everything.  Each
phrase's boost carries the ratio, as a word's does.

The word pairs are written under the surface forms seedsearch reads their
positions from (its first stem with its prefixes and endings, and the word
as typed, those the index holds), marked as the ranked field holds them, so
both sides count the same occurrences.  A sequence pair is then a phrase
whose engine idf is the sum of all its stacked terms', which the boost
brings back to seedsearch's sum of the two words'.  A proximity pair is an
``intervals`` query, which the engines score without idf or length norm,
as seedsearch scores proximity, by 1/distance in either order saturated
with pivot 1; seedsearch counts 1/distance² with ``k1``: the boost makes
one adjacent occurrence score alike, farther pairs score more in the
engine.

What stays different: a word's plural or verb reading saturates on its own
(seedsearch adds it to the word's sum; ``dis_max`` stands in for it);
Lucene stores a length in one byte rounded down (up to about 11%; Whoosh's
byte rounds up, by at most 3.5%), so near-equal documents tie there and the
first loaded wins, or swap; a sequence pair counts 1 at the query's
distance but 1/(1 + edits) nearer or farther (up to 2·gap − 1 apart), where
seedsearch counts 1 for every occurrence up to gap + 1 apart; a word with more pair
forms than the clause limit allows (:data:`.words.MAX_CLAUSES` terms in the
rescore) keeps its most frequent.  A term the exported analyzer would
change, and cannot take guarded, is written as ``term`` queries, scored per
field.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..fields import DATE
from ..index import Index
from ..search.nodes import FilterNode, GroupNode, PhraseNode, Plan, WordNode
from ..search.ranking import Ranking, bm25_idf
from ..search.scoring import execute, phrase_candidates, phrase_documents
from ..search.state import SearchState
from .settings import PHRASES_SUBFIELD, STACK, marked_form
from .words import EXACT_SUBFIELD, MAX_CLAUSES, Words, any_of, rounded, stacked_forms

__all__ = ["translate_plan", "planned_body"]

#: The pairs of at most this many words (45 pairs).
PROXIMITY_WORDS = 10
#: A stop word (:data:`seedsearch.text.stopwords.STOP_WORDS`, which the
#: exported search analyzer drops, keeping its place) that holds a place
#: between the two words of a sequence phrase.
GAP_FILLER = "في"


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
        bonuses = [self._phrase(self.plan.bonus, bonus=True)] if self.plan.bonus is not None else []
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
        bonus (consecutive pairs in order), each word written as the forms
        seedsearch finds its positions under (:func:`.words.stacked_forms`)."""
        near = self.plan.proximity
        if near is None:
            return []
        k = min(len(near.labels), PROXIMITY_WORDS) if near.boost else 0
        near_pairs = [(a, b) for a in range(k) for b in range(a + 1, k)]
        ordered = list(near.sequence) if near.sequence_boost else []
        uses = Counter(w for pair in near_pairs for w in pair)
        uses.update(w for a, b, _ in ordered for w in (a, b))
        stacks = stacked_forms(self.words, near.field, near.words, uses, MAX_CLAUSES)
        out: list[dict] = []
        k1 = self.ranking.k1
        for a, b in near_pairs:
            # The engines let one token stand for both sides of an unordered
            # pair; seedsearch never pairs a position with itself: a form of
            # both words (رسول, ورسوله: =ورسوله=) stays with the first.
            first = stacks[a][0]
            taken = set(first)
            second = [t for t in stacks[b][0] if t not in taken]
            if first and second:
                # seedsearch: the pair's smaller idf times (k1 + 1) times the
                # saturated sum of 1/d² over its occurrences d ≤ span apart,
                # either order, unnormalized.  The engines' intervals query
                # counts 1/d, saturates with pivot 1 and has neither idf nor
                # norms, and their BM25 leaves out seedsearch's k1 + 1: this
                # boost makes one adjacent pair score as a word's share does.
                weight = near.boost * min(near.idfs[a], near.idfs[b]) * 2 / (1 + k1)
                out.append({"intervals": {near.field: {"all_of": {
                    "intervals": [{"match": {"query": STACK.join(first)}},
                                  {"match": {"query": STACK.join(second)}}],
                    "max_gaps": self.ranking.proximity_span - 1, "ordered": False},
                    "boost": rounded(weight)}}})
        for a, b, gap in ordered:
            if stacks[a][0] and stacks[b][0]:
                # seedsearch: the sum of the two idfs times the saturated
                # count of b at most gap + 1 after a, normalized with
                # sequence_b; a phrase at the query's positions on .phrases
                # (whose similarity has that b), scaled from the engine's
                # phrase idf (the sum of all its terms') to seedsearch's.
                weight = near.sequence_boost * (near.idfs[a] + near.idfs[b]) / (
                    stacks[a][1] + stacks[b][1])
                out.append({"match_phrase": {f"{near.field}.{PHRASES_SUBFIELD}": sequence_phrase(
                    stacks[a][0], stacks[b][0], gap, weight)}})
        return out

    def _phrase(self, node: PhraseNode, bonus: bool = False) -> dict | None:
        """A quoted phrase, or the phrase bonus of a plain query: seedsearch
        scores it with one idf, that of the documents it occurs in (for the
        bonus, of the query's matches holding all its words); the engine's
        phrase idf is the sum of its words' in the field, so each field's
        clause is scaled from that to seedsearch's.  The bonus goes to the
        ``.phrases`` subfield, normalized with ``sequence_b`` as seedsearch
        normalizes it, a quoted phrase to ``.exact``, with the field's b."""
        words = [p[0] for p in node.positions]
        idf = bm25_idf(self.state.size, _phrase_documents(self.plan, self.state, node, bonus))
        subfield, text = ((PHRASES_SUBFIELD, " ".join(marked_form(w) for w in words)) if bonus
                          else (EXACT_SUBFIELD, " ".join(words)))
        return any_of([{"match_phrase": {f"{name}.{subfield}": {
            "query": text,
            "boost": rounded(weight * node.boost * idf / sum(
                self.words.clause_idf(True, [w], {name: weight}) for w in words))}}}
            for name, weight in node.fields])

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


def _phrase_documents(plan: Plan, state: SearchState, node: PhraseNode, bonus: bool) -> int:
    """The documents seedsearch gives a phrase's idf from: those it occurs
    in, or for the phrase bonus the query's matches (as its filters and
    -words leave them: the plan run once, as search runs it) holding all
    its words."""
    if bonus:
        # The match mask is set before the bonuses, which need not run.
        matched = execute(replace(plan, bonus=None, proximity=None), state, [], 1).mask
        return int((phrase_candidates(node, state) & matched).sum())
    return len(phrase_documents(node, state, plan.ranking)[0])


def sequence_phrase(first: list[str], second: list[str], gap: int, weight: float) -> dict:
    """A ``match_phrase`` body for a sequence pair: ``second`` ``gap`` places
    after ``first``, as the query has them (the stop words between hold
    places), with ``gap - 1`` stop words the search analyzer drops between
    them, so the engine's phrase has the query's positions; and a slop of
    ``gap - 1`` (at least 1), so that adjacent words still count: the engine
    counts the pair from adjacent to ``2·gap - 1`` places apart, 1 at the
    query's own distance, as seedsearch does, and 1 / (1 + edits) either side
    of it, never in reverse; seedsearch counts 1 for every occurrence up to
    ``gap + 1`` apart (one symmetric slop cannot give that range exactly)."""
    filler = " ".join([GAP_FILLER] * (gap - 1))
    text = " ".join(part for part in (STACK.join(first), filler, STACK.join(second)) if part)
    return {"query": text, "slop": max(1, gap - 1), "boost": rounded(weight)}


def _each(convert, nodes) -> list[dict]:
    return [q for q in map(convert, nodes) if q is not None]
