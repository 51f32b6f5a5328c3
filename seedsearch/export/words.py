"""Planned words as query DSL clauses (see :mod:`.planned`).

Each reading of a word (:class:`~seedsearch.search.nodes.TermScore`) becomes
clauses over the exported fields, weighted as the plan weighs it and scaled
from the clause's idf to the word's.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from ..fields import TEXT_FIELDS
from ..search.kinds import TermKind, WordKind
from ..search.nodes import TermScore, WordNode
from ..search.ranking import Ranking, bm25_idf
from ..search.scoring import word_document_frequency
from ..search.state import SearchState
from ..text.normalize import HAMZA, WAW, YEH
from ..text.terms import exact_terms, ranked_terms
from .settings import EXACT_SUBFIELD, FORM_MARK, STACK, marked_form, verbatim

__all__ = ["Words", "EXACT_SUBFIELD", "any_of", "rounded", "stacked_forms"]

#: Readings that are stems, filed in the exported ranked field (seedsearch
#: reads them in its ranked and exact fields); every other reading (a prefix
#: word's expansions, fuzzy neighbours, a root's words) is a word form, in
#: the ``.exact`` subfield, but for the word form of a plain word, which the
#: ranked field also holds, marked (:data:`~.settings.RANKED_INDEX`), so
#: that it stacks with the stems.
_STEM_KINDS = frozenset({TermKind.STEM, TermKind.PLURAL, TermKind.VERB})
_MARKED_KINDS = frozenset({TermKind.FORM})
#: How a word's reading clauses of different weights (its stems and form,
#: its plural or verb reading) add up: the best one plus this share of the
#: others (``dis_max``).  seedsearch adds their frequencies and saturates
#: the sum once, so a document holding several readings gains less than
#: the sum of separately saturated clauses.  Chosen when each reading was a
#: clause (xquad_ar, Lucene 8.7: a plain sum gave MRR@10 0.931 against
#: seedsearch's 0.939, top-10 overlap 0.85; 0.3 gave 0.937, 0.93); since a
#: word's stems and form are one term, 0.6 and 1.0 moved no development
#: set's top-10 overlap by more than 0.007.
READINGS_TIE_BREAKER = 0.3
#: ... and of a fuzzy word's (its stems, form and closest neighbour): on the
#: demo hadith, 0.15 gave a top-10 overlap with seedsearch of 0.90 and top-1
#: agreement of 0.83; 0 gave 0.87 and 0.76, 0.3 0.89 and 0.81.
FUZZY_TIE_BREAKER = 0.15
#: Readings whose seatless spellings (و ي for ؤ ئ) also look for the hamza on
#: the line (:meth:`Words._seated`): a prefix word's expansions and a fuzzy
#: word's neighbours come from the vocabulary, which holds both already.
_SEATED_KINDS = frozenset({TermKind.STEM, TermKind.FORM, TermKind.PLURAL, TermKind.VERB,
                           TermKind.PHRASE})
#: Readings drawn from the vocabulary, whose spellings the planner may add
#: to (a prefix word's expansions with the article).
_VOCABULARY_KINDS = frozenset({TermKind.PREFIX, TermKind.FUZZY})
#: The engines' default ``indices.query.bool.max_clause_count``: Elasticsearch
#: 7 and OpenSearch 1 count it per boolean query, the engines on Lucene 9
#: (OpenSearch 2 and later) count every term of a query (Elasticsearch 8
#: sizes it from the heap).  The most terms times fields of one
#: combined_fields clause (a prefix word's 256 expansions with their article
#: forms over two fields may pass it; they are then one clause per field),
#: and of the rescore's word pairs (:func:`stacked_forms`).
MAX_CLAUSES = 1024
#: The most و/ي letters of a term tried as a seat (2**n - 1 look-ups).
MAX_SEATS = 3
_SEATS = (WAW, YEH)
#: The words whose readings of one weight go to the engine stacked, as one
#: BM25F term (see :data:`~.settings.RANKED_SEARCH`), saturated once as
#: seedsearch saturates them: a plain word's stems and its marked form, a
#: prefix word's expansions, a fuzzy word's stems.  Stacking a plain word's
#: took the misspelt keywords of the development sets from 0.832 to 0.857
#: top-10 overlap and news titles from 0.873 to 0.910 (its form in the
#: ranked field, Lucene 8.7 with CombinedFields.java); on the demo hadith,
#: stacking took prefix words from 0.90 to 0.96, fuzzy words from 0.84 to 0.87.
_STACKED_WORDS = frozenset({WordKind.PREFIX, WordKind.FUZZY, WordKind.PLAIN})

@dataclass(frozen=True)
class _Clause:
    """One explicit term of a word: in the ranked field or ``.exact``, with
    the reading's weight (field weights apart)."""
    exact: bool
    term: str
    weight: float
    closest: bool  # a fuzzy neighbour: the word takes the best of these


class Words:
    """Writes planned words: their readings as clauses scaled to the word's
    idf, with what the export needs to know of the index (the seated
    spellings of a seatless word, the document frequencies it will see)."""

    def __init__(self, state: SearchState, ranking: Ranking, combined: bool):
        self.state = state
        self.ranking = ranking
        self.combined = combined
        self.n = state.size

    def word(self, node: WordNode) -> dict | None:
        """The clauses of one planned word."""
        idf = bm25_idf(self.n, word_document_frequency(node, self.state))
        # Terms of one weight and subfield: one stacked clause for the words
        # of _STACKED_WORDS, one clause each otherwise; every clause over all
        # the fields the word is searched in, whose lengths seedsearch adds
        # into one (a term a field lacks just matches nothing there).
        fields = {ts.field: self.ranking.weight(ts.field) for ts in node.scores}
        groups: dict[tuple[bool, float, bool], dict[str, None]] = {}  # ordered sets
        for ts in node.scores:
            for clause in self._clauses(ts):
                groups.setdefault((clause.exact, clause.weight, clause.closest), {})[clause.term] = None
        summed: list[dict] = []
        closest: list[dict] = []
        stacking = node.kind in _STACKED_WORDS
        for (exact, weight, near), terms in groups.items():
            stack = list(terms)
            # A fuzzy word takes its closest neighbour: one clause each.
            for part in ([stack] if stacking and not near else [[t] for t in stack]):
                for some in _within_clause_limit(part, fields):
                    boost = _boost_of(weight, self.ranking.k1) * idf
                    q = self._terms(exact, part, some, boost / self.clause_idf(exact, part, some))
                    (closest if near else summed).append(q)
        if closest:
            summed.append(closest[0] if len(closest) == 1 else
                          {"dis_max": {"queries": closest, "tie_breaker": 0.0}})
        if len(summed) > 1:
            tie = FUZZY_TIE_BREAKER if node.kind == WordKind.FUZZY else READINGS_TIE_BREAKER
            return {"dis_max": {"queries": summed, "tie_breaker": tie}}
        return any_of(summed)

    def _clauses(self, ts: TermScore) -> Iterable[_Clause]:
        spec = TEXT_FIELDS[ts.field]
        reading = ts.boost / self.ranking.weight(ts.field)
        marked = ts.kind in _MARKED_KINDS
        exact = ts.kind not in _STEM_KINDS and not marked
        for sp in ts.spellings:
            if sp.field not in (spec.ranked, spec.exact):
                continue  # a field the export does not hold
            terms = list(sp.terms)
            if ts.kind in _VOCABULARY_KINDS:
                # The article reading of an expansion (الكتابتها) where the
                # index has none: it matches nothing, so it is not written.
                terms = [t for t in terms if self.state.doc_frequency(sp.field, t)]
            if len(terms) == 1 and ts.kind in _SEATED_KINDS:
                terms += self._seated(terms[0], (sp.field,))
            # A stem reading's word form that is not itself a stem (وامه,
            # read as و + امه): the form, marked, in the ranked field.
            form = marked or (not exact and sp.field == spec.exact)
            for term in terms:
                if form and (marked or not _is_stem(term)):
                    term = marked_form(term)
                yield _Clause(exact, term, reading * sp.weight, ts.combine == "max")

    def _seated(self, term: str, fieldnames: tuple[str, ...]) -> list[str]:
        """The spellings with a hamza on the line that the seatless ``term``
        may stand for (مسوول for مسؤول: مسءول), those ``fieldnames`` hold.

        seedsearch files a word with ؤ or ئ under both spellings, so مسوول
        finds مسؤولية there; the export files it under one (ء), so the
        translation writes the other spelling out, where the index has it
        as a seated word's: in documents that hold the seatless spelling
        too.  The export cannot tell ؤ from ئ: ميشر, seedsearch's spelling
        of مئشر, must not bring in مءشر where the index holds only مؤشر.
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
            if any(self.state.doc_frequency(name, spelling)
                   and _share_documents(self.state, name, term, spelling) for name in fieldnames):
                out.append(spelling)
        return out

    def clause_idf(self, exact: bool, terms: list[str], fields: dict[str, float]) -> float:
        """The idf the engine gives a clause: the largest document frequency
        of its terms in its fields, among the documents that have the field
        most held (as combined_fields computes it: ``title:`` alone counts
        only the documents with a title)."""
        n = max(self.state.documents_with(name) for name in fields) or self.n
        df = 0
        for name in fields:
            spec = TEXT_FIELDS[name]
            for term in terms:
                # An exported stem: the words seedsearch files under it in
                # either field, or in its ranked field only when it is no
                # word's own stem; a marked form: seedsearch's exact term.
                held: tuple[str, ...]
                if exact or _is_marked(term):
                    term, held = (term if exact else term[1:-1]), (spec.exact,)
                else:
                    held = (spec.ranked, spec.exact) if _is_stem(term) else (spec.ranked,)
                # The export files a seated hamza on the line only: a
                # seatless term there is the documents written without one.
                seated = tuple(self._seated(term, held))
                df = max(df, _term_documents(self.state, held, term, seated))
        return bm25_idf(n, df)

    def _terms(self, exact: bool, terms: list[str], fields: dict[str, float],
               boost: float) -> dict:
        """One clause for ``terms`` at one position (stacked with
        :data:`STACK`), or ``term`` queries for terms the exported analyzer
        would change."""
        names = {name: (f"{name}.{EXACT_SUBFIELD}" if exact else name) for name in fields}
        written = {t: _written(t, exact) for t in terms}
        kept = [w for w in written.values() if w is not None]
        subs = []
        for term in terms:
            if written[term] is None:
                subs += [{"term": {names[name]: {"value": term, "boost": rounded(boost * weight)}}}
                         for name, weight in fields.items()]
        if kept:
            weighted = [f"{names[name]}^{weight:g}" for name, weight in fields.items()]
            body: dict = {"query": STACK.join(kept), "fields": weighted}
            if not self.combined:
                body["type"] = "cross_fields"
            if not math.isclose(boost, 1.0):
                body["boost"] = rounded(boost)
            subs.insert(0, {"combined_fields" if self.combined else "multi_match": body})
        return any_of(subs) or {"match_none": {}}


def stacked_forms(writer: Words, fieldname: str, forms_of: tuple[tuple[str, ...], ...],
                  uses: Mapping[int, int], budget: int) -> list[tuple[list[str], float]]:
    """Per word, the surface forms (as the proximity bonus looks for them)
    the field holds, as the ranked field's marked forms (to be stacked at
    one position, ``=ف1=|=ف2=``), and the idf the engine gives them in a
    phrase, the sum of their idfs ([] and 0 where it holds none).  Word ``i``
    is written ``uses[i]`` times; past ``budget`` terms in all, each word
    keeps its most frequent forms (the engines count every term of a query
    against their clause limit)."""
    exact = TEXT_FIELDS[fieldname].exact
    held: list[list[tuple[int, str]]] = []
    for forms in forms_of:
        found = []
        for form in forms:
            df = writer.state.doc_frequency(exact, form)
            term = _written(marked_form(form), False) if df else None
            if term is not None:
                found.append((df, term))
        held.append(sorted(found, key=lambda x: -x[0]))
    most = max((len(h) for h in held), default=0)
    while most > 1 and sum(uses.get(i, 0) * min(len(h), most)
                           for i, h in enumerate(held)) > budget:
        most -= 1
    out = []
    for h in held:
        kept = [term for _, term in h[:most]]
        out.append((kept, sum(writer.clause_idf(False, [t], {fieldname: 1.0}) for t in kept)))
    return out


def _within_clause_limit(terms: list[str], fields: dict[str, float]) -> list[dict[str, float]]:
    """``fields`` as one clause's, or one field a clause when the terms
    times the fields would pass :data:`MAX_CLAUSES`."""
    if len(terms) * len(fields) <= MAX_CLAUSES or len(fields) == 1:
        return [fields]
    return [{name: weight} for name, weight in fields.items()]


def _is_marked(term: str) -> bool:
    return len(term) > 2 and term[0] == term[-1] == FORM_MARK


def _is_stem(term: str) -> bool:
    """Whether the ranked analyzer gives ``term`` back as it is."""
    return ranked_terms(term) == (term,)


def _written(term: str, exact: bool) -> str | None:
    """``term`` as the exported search analyzer will give it back (itself,
    or a stem the rules would cut, guarded), or None if it cannot."""
    marked = not exact and _is_marked(term)
    inner = term[1:-1] if marked else term
    if STACK in inner or exact_terms(inner)[:1] != (inner,):
        return None
    if exact or marked or _is_stem(term):
        return term
    return verbatim(term)


def any_of(subs: list[dict]) -> dict | None:
    if not subs:
        return None
    return subs[0] if len(subs) == 1 else {"bool": {"should": subs, "minimum_should_match": 1}}


def rounded(x: float) -> float:
    """A boost, to six significant digits (the JSON stays readable)."""
    return float(f"{x:.6g}")


def _boost_of(weight: float, k1: float) -> float:
    """seedsearch weighs a reading's frequency (``weight`` · tf, then one
    saturation); a DSL boost weighs a clause's score.  The boost that makes
    one occurrence in a document of average length score alike: a question's
    frame or a plural at 0.25 is boosted 0.38 (on the dev sets' index, top-10
    overlap +0.001 to +0.005 on all five sets against a boost of 0.25; the
    demo's questions agree on the first hit once more in 100)."""
    return weight * (k1 + 1) / (k1 + weight)


def _share_documents(state: SearchState, fieldname: str, one: str, other: str) -> bool:
    """Whether some document holds both terms in the index field."""
    return bool(np.intersect1d(state.postings(fieldname, one)[0],
                               state.postings(fieldname, other)[0]).size)


def _term_documents(state: SearchState, fieldnames: tuple[str, ...], term: str,
                   unless: tuple[str, ...] = ()) -> int:
    """How many documents hold ``term`` in any of the index fields
    ``fieldnames`` and none of the terms ``unless``."""
    found = np.zeros(state.size, dtype=bool)
    for name in fieldnames:
        found[state.postings(name, term)[0]] = True
    for name in fieldnames:
        for other in unless:
            found[state.postings(name, other)[0]] = False
    return int(found.sum())
