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
a word's readings: its stems, the        a ``combined_fields`` per term over
stem without a one-letter prefix         ``title^2, text`` (``.exact`` for the
(لحكومة -> حكوم), the prefixed forms     word form), boosted by the reading's
it reaches (قلم -> بقلم), the ة/ه twin,   weight times the word's idf over the
both hamza spellings, the word form      term's (below), in a ``dis_max`` (tie
                                         breaker :data:`READINGS_TIE_BREAKER`)
its broken plural, other verb form       the same, at ``plural_weight`` /
                                         ``verb_weight``
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
the sequence bonus (word pairs in        ``match_phrase`` on the stems with a
order)                                   slop (:data:`SEQUENCE_WEIGHT`)
collection:, category:, date:            ``term`` / ``range`` in ``bool.filter``
=======================================  =========================================

One idf per word.  seedsearch scores a word as one BM25F term: the
frequencies of all its readings add up, and one idf, that of the documents
holding the word, applies.  The DSL scores each clause with its own idf, so
that a rare prefixed form (وقلم, in two documents) would outweigh the word
itself.  Each clause's boost therefore carries ``idf(word) / idf(clause)``,
both computed from the index at hand (Lucene's BM25 idf, the one seedsearch
uses), and a clause scores as the word's idf would score it.

What stays different: a plain word's clauses saturate one by one
(seedsearch saturates their sum once; ``dis_max`` stands in for it);
``combined_fields`` normalizes a document's length over its fields together
(seedsearch normalizes each field by its own length); the proximity bonus
is left out.  A term the exported analyzer would change is written as
``term`` queries, scored per field (stems and normalized forms come back
unchanged; none did in the measured sets).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..fields import DATE, TEXT_FIELDS
from ..index import Index
from ..search.kinds import TermKind, WordKind
from ..search.nodes import FilterNode, GroupNode, PhraseNode, Plan, TermScore, WordNode
from ..search.ranking import Ranking, bm25_idf
from ..search.scoring import term_documents, word_document_frequency
from ..search.state import SearchState
from ..text.normalize import HAMZA, WAW, YEH
from ..text.terms import exact_terms, ranked_terms
from .settings import STACK

__all__ = ["translate_plan", "planned_query"]

#: The subfield of the word forms (analyzer seedsearch_exact).
EXACT_SUBFIELD = "exact"
#: Readings filed in the exported ``.exact`` subfield (the word forms);
#: every other reading is a stem, in the ranked field.
_FORM_KINDS = frozenset({TermKind.FORM, TermKind.PREFIX, TermKind.FUZZY, TermKind.PHRASE})
#: How a word's reading clauses add up: the best one plus this share of the
#: others (``dis_max``).  seedsearch adds their frequencies and saturates
#: the sum once, so a document holding several readings gains less than
#: the sum of separately saturated clauses.  On xquad_ar (1,190 questions,
#: Lucene 8.7): a plain sum gave MRR@10 0.931 against seedsearch's 0.939,
#: top-10 overlap 0.85; 0.3 gave 0.937, 0.93; 0.5 gave 0.938, 0.92.
READINGS_TIE_BREAKER = 0.3
#: ... and of a fuzzy word's (its stems, form and closest neighbour): on the
#: demo hadith, 0 gave a top-10 overlap of 0.75 with seedsearch, 0.3 0.67.
FUZZY_TIE_BREAKER = 0.0
#: Readings whose seatless spellings (و ي for ؤ ئ) also look for the hamza on
#: the line (:meth:`_Writer._seated`): a prefix word's expansions and a fuzzy
#: word's neighbours come from the vocabulary, which holds both already.
_SEATED_KINDS = frozenset({TermKind.STEM, TermKind.FORM, TermKind.PLURAL, TermKind.VERB,
                           TermKind.PHRASE})
#: The most و/ي letters of a term tried as a seat (2**n - 1 look-ups).
MAX_SEATS = 3
_SEATS = (WAW, YEH)
#: The words whose readings go to the engine stacked, as one BM25F term
#: (see :data:`~.settings.RANKED_SEARCH`): a prefix word's expansions and a
#: fuzzy word's stems.  A plain word's readings are clauses of their own:
#: stacked, xquad_ar lost 0.002 MRR@10 and 0.035 top-10 overlap (the word
#: form, in the exact subfield, cannot join the stems' term, and a stacked
#: stem term outweighs it); on the demo hadith, stacking took prefix words
#: from 0.90 to 0.96 top-10 overlap, fuzzy words from 0.84 to 0.87.
_STACKED_WORDS = frozenset({WordKind.PREFIX, WordKind.FUZZY})
#: seedsearch's sequence bonus (consecutive query words found in order) as
#: ``match_phrase`` on the stems with a slop, at ``sequence_bonus`` times
#: this: on xquad_ar 2 took MRR@10 from 0.9373 to 0.9384 (seedsearch
#: 0.9390), top-10 overlap 0.935 -> 0.938, top-1 0.967 -> 0.973; 4 did
#: less.  The proximity bonus (any order, within 5 words, re-scoring the
#: best 20) has no stock equivalent and is left out.
SEQUENCE_WEIGHT = 2.0


@dataclass(frozen=True)
class _Clause:
    """One explicit term of a word: in the ranked field or ``.exact``, with
    the reading's weight (field weights apart)."""
    exact: bool
    term: str
    weight: float
    closest: bool  # a fuzzy neighbour: the word takes the best of these


def planned_query(query: str, index: Any, *, strict: bool = False, combined: bool = True
                  ) -> dict:
    """The ``query`` part of the search body: ``query`` planned against
    ``index`` (an open :class:`~seedsearch.Index` or its folder)."""
    ix = index if isinstance(index, Index) else Index.open(Path(index))
    try:
        plan, state = ix._plan_with_state(query, strict=strict)
        return translate_plan(plan, state, combined=combined)
    finally:
        if ix is not index:
            ix.close()


def translate_plan(plan: Plan, state: SearchState, *, combined: bool = True) -> dict:
    """``plan`` (made against ``state``) as a query DSL query."""
    return _Writer(plan, state, combined).top()


class _Writer:
    def __init__(self, plan: Plan, state: SearchState, combined: bool):
        self.plan = plan
        self.state = state
        self.ranking: Ranking = plan.ranking
        self.combined = combined
        self.n = state.size

    # -- the whole query -----------------------------------------------------
    def top(self) -> dict:
        filters = [self._filter(f) for f in self.plan.filters]
        root = self._group(self.plan.root) if self.plan.root is not None else None
        bonuses = [self._phrase(self.plan.bonus)] if self.plan.bonus is not None else []
        bonuses += self._sequence()
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
            return self._word(node)
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
                body["must"] = [_any(should)]
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

    # -- words ------------------------------------------------------------------
    def _word(self, node: WordNode) -> dict | None:
        idf = bm25_idf(self.n, word_document_frequency(node, self.state))
        # Terms of one weight, subfield and fields: one stacked clause for
        # the words of _STACKED_WORDS, one clause each otherwise.
        groups: dict[tuple[bool, float, bool], dict[str, dict[str, float]]] = {}
        for ts in node.scores:
            for clause in self._clauses(ts):
                key = (clause.exact, clause.weight, clause.closest)
                fields = groups.setdefault(key, {}).setdefault(clause.term, {})
                fields[ts.field] = self.ranking.weight(ts.field)
        summed: list[dict] = []
        closest: list[dict] = []
        stacking = node.kind in _STACKED_WORDS
        for (exact, weight, near), terms in groups.items():
            stacked = stacking and not near
            stacks: dict[tuple[tuple[str, float], ...], list[str]] = {}
            for term, fields in terms.items():
                stacks.setdefault(tuple(fields.items()), []).append(term)
            for fields_key, stack in stacks.items():
                if node.kind == WordKind.PREFIX:
                    for name, w in fields_key:
                        for part in ([stack] if stacked else [[t] for t in stack]):
                            one = {name: w}
                            q = self._terms(exact, part, one,
                                            weight * idf / self._idf(exact, part, one))
                            (closest if near else summed).append(q)
                    continue
                fields = dict(fields_key)
                # A fuzzy word takes its closest neighbour: one clause each.
                for part in ([stack] if stacked else [[t] for t in stack]):
                    q = self._terms(exact, part, fields, weight * idf / self._idf(exact, part, fields))
                    (closest if near else summed).append(q)
        if closest:
            summed.append(closest[0] if len(closest) == 1 else
                          {"dis_max": {"queries": closest, "tie_breaker": 0.0}})
        if len(summed) > 1:
            tie = FUZZY_TIE_BREAKER if node.kind == WordKind.FUZZY else READINGS_TIE_BREAKER
            return {"dis_max": {"queries": summed, "tie_breaker": tie}}
        return _any(summed)

    def _clauses(self, ts: TermScore) -> Iterable[_Clause]:
        spec = TEXT_FIELDS[ts.field]
        reading = ts.boost / self.ranking.weight(ts.field)
        exact = ts.kind in _FORM_KINDS
        for sp in ts.spellings:
            if sp.field not in (spec.ranked, spec.exact):
                continue  # a field the export does not hold
            terms = list(sp.terms)
            if len(terms) == 1 and ts.kind in _SEATED_KINDS:
                terms += self._seated(terms[0], (sp.field,))
            for term in terms:
                yield _Clause(exact, term, reading * sp.weight, ts.combine == "max")

    def _seated(self, term: str, fieldnames: tuple[str, ...]) -> list[str]:
        """The spellings with a hamza on the line that the seatless ``term``
        may stand for (مسوول for مسؤول: مسءول), those ``fieldnames`` hold.

        seedsearch files a word with ؤ or ئ under both spellings, so مسوول
        finds مسؤولية there; the export files it under one (ء), so the
        translation writes the other spelling out, where the index has it.
        """
        seats = [i for i, c in enumerate(term) if c in _SEATS]
        if not seats or HAMZA in term or len(seats) > MAX_SEATS:
            return []
        out = []
        for chosen in range(1, 1 << len(seats)):
            letters = list(term)
            for bit, at in enumerate(seats):
                if chosen >> bit & 1:
                    letters[at] = HAMZA
            spelling = "".join(letters)
            if any(self.state.doc_frequency(name, spelling) for name in fieldnames):
                out.append(spelling)
        return out

    def _idf(self, exact: bool, terms: list[str], fields: dict[str, float]) -> float:
        """The idf the engine gives a clause: the largest document frequency
        of its terms in its fields (as combined_fields computes it)."""
        df = 0
        for name in fields:
            spec = TEXT_FIELDS[name]
            held = (spec.exact,) if exact else (spec.ranked, spec.exact)
            for term in terms:
                # The export files a seated hamza on the line only: a
                # seatless term there is the documents written without one.
                seated = tuple(self._seated(term, held))
                df = max(df, term_documents(self.state, held, term, seated))
        return bm25_idf(self.n, df)

    def _terms(self, exact: bool, terms: list[str], fields: dict[str, float],
               boost: float) -> dict:
        """One clause for ``terms`` at one position (stacked with
        :data:`STACK`), or ``term`` queries for terms the exported analyzer
        would change."""
        names = {name: (f"{name}.{EXACT_SUBFIELD}" if exact else name) for name in fields}
        analyse = (lambda t: exact_terms(t)[:1]) if exact else ranked_terms
        kept = [t for t in terms if analyse(t) == (t,) and STACK not in t]
        subs = []
        for term in terms:
            if term not in kept:
                subs += [{"term": {names[name]: {"value": term, "boost": _round(boost * weight)}}}
                         for name, weight in fields.items()]
        if kept:
            weighted = [f"{names[name]}^{weight:g}" for name, weight in fields.items()]
            body: dict = {"query": STACK.join(kept), "fields": weighted}
            if not self.combined:
                body["type"] = "cross_fields"
            if not math.isclose(boost, 1.0):
                body["boost"] = _round(boost)
            subs.insert(0, {"combined_fields" if self.combined else "multi_match": body})
        return _any(subs) or {"match_none": {}}

    # -- phrases and filters -----------------------------------------------------
    def _sequence(self) -> list[dict]:
        """The plain query's consecutive word pairs, in order, as phrases
        with a slop on the stems (seedsearch's sequence bonus)."""
        near = self.plan.proximity
        if near is None or not near.sequence_boost:
            return []
        out = []
        for a, b, gap in near.sequence:
            # The engine's phrase idf is the sum of its terms'; seedsearch
            # weighs the pair by the smaller.
            scale = min(near.idfs[a], near.idfs[b]) / (near.idfs[a] + near.idfs[b])
            out.append({"match_phrase": {near.field: {
                "query": f"{near.labels[a]} {near.labels[b]}", "slop": gap,
                "boost": _round(near.sequence_boost * SEQUENCE_WEIGHT * scale)}}})
        return out


    def _phrase(self, node: PhraseNode) -> dict | None:
        text = " ".join(p[0] for p in node.positions)
        return _any([{"match_phrase": {f"{name}.{EXACT_SUBFIELD}": {
            "query": text, "boost": _round(weight * node.boost)}}} for name, weight in node.fields])

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


def _any(subs: list[dict]) -> dict | None:
    if not subs:
        return None
    return subs[0] if len(subs) == 1 else {"bool": {"should": subs, "minimum_should_match": 1}}


def _round(x: float) -> float:
    """A boost, to six significant digits (the JSON stays readable)."""
    return float(f"{x:.6g}")
