"""Parse -> plan -> **execute**: score a plan over one searcher's arrays.

Scoring is term-at-a-time over dense arrays, one slot per document of the
searcher: each :class:`~seedsearch.search.plan.TermScore` reads its posting lists
whole (a bounded cache keeps the decoded ones of recent queries), sums or
maxes their frequencies, and adds its BM25 score for every document at once.
Groups combine (score, match) arrays: must is an AND, should an OR (or a
bonus beside a must), must-not a subtraction.  The ranking is a total order,
score descending then document number, and the top ``k`` of it is computed
exactly for every ``k``, so page ``p`` at limit ``L`` is always ranks
``(p-1)·L+1 … p·L`` of one ranking.

Positions are read only for phrases and proximity: every candidate of a
phrase query; for the phrase bonus of a plain query only the candidates
whose best possible score (with the bonus) could reach the top ``k``; for
its proximity bonus only the best ``proximity_window`` documents.
Every weight is the plan's :class:`~seedsearch.search.ranking.Ranking`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..fields import TEXT_FIELDS, VOWELS
from .kinds import TermKind
from .nodes import (
    FilterNode,
    GroupNode,
    PhraseNode,
    Plan,
    ProximityNode,
    Spelling,
    TermScore,
    WordNode,
)
from .positions import verify_phrase, word_positions
from .ranking import Ranking, bm25_idf
from .state import SearchState

__all__ = ["Outcome", "execute"]


@dataclass(frozen=True)
class Outcome:
    """The top ``k`` documents (global numbers, best first), their scores,
    and the match mask over every document."""
    top: np.ndarray
    scores: np.ndarray
    mask: np.ndarray

    @property
    def total(self) -> int:
        return int(self.mask.sum())


def execute(plan: Plan, state: SearchState, filters: list[FilterNode], k: int) -> Outcome:
    """Run ``plan`` (with extra ``filters``) and keep the top ``k``."""
    n = state.size
    rk = plan.ranking
    every_filter = plan.filters + filters
    if plan.root is None:
        score = np.zeros(n)
        mask = state.live.copy() if every_filter else np.zeros(n, dtype=bool)
    else:
        score, mask = _evaluate(plan.root, state, rk)
        mask &= state.live
    for f in every_filter:
        mask &= _filter_mask(f, state)
    score[~mask] = 0.0
    if plan.bonus:
        # The proximity window must see the phrase bonus of all its documents.
        _phrase_bonus(plan.bonus, state, rk, score, mask,
                      k if plan.proximity is None else max(k, rk.proximity_window))
    if plan.proximity is not None:
        _proximity_bonus(plan.proximity, state, rk, score, mask)
    top = _top(score, mask, k)
    return Outcome(top, score[top], mask)


# -- nodes ----------------------------------------------------------------------
def _evaluate(node: Any, state: SearchState, rk: Ranking) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(node, WordNode):
        return _word(node, state, rk)
    if isinstance(node, GroupNode):
        return _group(node, state, rk)
    if isinstance(node, PhraseNode):
        return _phrase(node, state, rk)
    if isinstance(node, FilterNode):
        return np.zeros(state.size), _filter_mask(node, state)
    raise TypeError(f"unknown plan node {node!r}")


def _group(node: GroupNode, state: SearchState, rk: Ranking) -> tuple[np.ndarray, np.ndarray]:
    n = state.size
    score = np.zeros(n)
    if node.must:
        mask = np.ones(n, dtype=bool)
        for child in node.must:
            s, m = _evaluate(child, state, rk)
            score += s
            mask &= m
        for child in node.should:
            score += _evaluate(child, state, rk)[0]
    elif node.should:
        mask = np.zeros(n, dtype=bool)
        for child in node.should:
            s, m = _evaluate(child, state, rk)
            score += s
            mask |= m
    else:
        mask = state.live.copy()
    for child in node.must_not:
        mask &= ~_evaluate(child, state, rk)[1]
    score[~mask] = 0.0
    return score, mask


def _word(node: WordNode, state: SearchState, rk: Ranking) -> tuple[np.ndarray, np.ndarray]:
    score = np.zeros(state.size)
    for ts in node.scores:
        _bm25(state, rk, ts.field, _frequencies(state, ts), ts.boost, score)
    mask = score > 0
    if node.vowel_terms is not None:
        allowed = np.zeros(state.size, dtype=bool)
        for term in node.vowel_terms:
            allowed[state.postings(VOWELS, term)[0]] = True
        mask &= allowed
        score[~mask] = 0.0
    return score, mask


def _frequencies(state: SearchState, ts: TermScore) -> np.ndarray:
    """Per document, the term's frequency: its spellings summed or maxed
    (the spellings of one occurrence always maxed).  A posting list holds
    each document once, so its entries are combined by plain indexing."""
    tf = np.zeros(state.size)
    combine_max = ts.combine == "max"
    for sp in ts.spellings:
        found = [p for p in (state.postings(sp.field, t) for t in sp.terms) if len(p[0])]
        if not found:
            continue
        if len(found) == 1:
            ids, values = found[0]
        else:
            one = np.zeros(state.size)
            for ids, weights in found:
                one[ids] = np.maximum(one[ids], weights)
            ids = np.flatnonzero(one)
            values = one[ids]
        if sp.weight != 1.0:
            values = values * sp.weight
        if combine_max:
            tf[ids] = np.maximum(tf[ids], values)
        else:
            tf[ids] += values
    return tf


def _bm25(state: SearchState, rk: Ranking, fieldname: str, tf: np.ndarray, boost: float,
          out: np.ndarray) -> None:
    """Add ``boost`` × BM25 of the frequencies ``tf`` (field ``fieldname``) to ``out``."""
    idx = np.flatnonzero(tf)
    if not idx.size:
        return
    lengths, mean = state.lengths(TEXT_FIELDS[fieldname].exact)
    df = idx.size
    idf = bm25_idf(state.size, df)
    f = tf[idx]
    k1, b = rk.k1, rk.b
    out[idx] += (boost * idf * (k1 + 1)) * f / (f + k1 * (1 - b + b * lengths[idx] / mean))


def _filter_mask(node: FilterNode, state: SearchState) -> np.ndarray:
    mask = np.zeros(state.size, dtype=bool)
    if node.values:
        for value in node.values:
            mask[state.postings(node.field, value)[0]] = True
    elif node.field in state.fieldnames:
        mask[state.date_docs(node.field, node.start, node.end)] = True
    return mask


# -- phrases ----------------------------------------------------------------------
def _phrase_scores(node: PhraseNode, state: SearchState,
                   rk: Ranking) -> tuple[np.ndarray, np.ndarray]:
    """The phrase's score where all its words occur (the candidates)."""
    spec = TEXT_FIELDS[node.field]
    total = np.zeros(state.size)
    present = np.ones(state.size, dtype=bool)
    for spellings in node.positions:
        tf = _frequencies(state, TermScore(node.field, (Spelling(spec.exact, spellings),),
                                           node.boost, TermKind.PHRASE))
        present &= tf > 0
        if not present.any():
            break
        _bm25(state, rk, node.field, tf, node.boost, total)
    total[~present] = 0.0
    return total, present


def _phrase(node: PhraseNode, state: SearchState, rk: Ranking) -> tuple[np.ndarray, np.ndarray]:
    score, candidates = _phrase_scores(node, state, rk)
    docs = np.flatnonzero(candidates & state.live)
    mask = np.zeros(state.size, dtype=bool)
    mask[docs[verify_phrase(node, state, docs)]] = True
    score[~mask] = 0.0
    return score, mask


def _phrase_bonus(nodes: list[PhraseNode], state: SearchState, rk: Ranking, score: np.ndarray,
                  mask: np.ndarray, k: int) -> None:
    """Add each phrase's score to the documents where it occurs, reading
    positions only for documents whose score with the bonus could still
    reach the top ``k``."""
    bonuses = [(node, *_phrase_scores(node, state, rk)) for node in nodes]
    bonuses = [(node, b, present & mask) for node, b, present in bonuses if (present & mask).any()]
    if not bonuses:
        return
    best = score + sum(b for _, b, _ in bonuses)
    matches = np.flatnonzero(mask)
    if len(matches) > k:
        base = score[matches]
        threshold = np.partition(base, len(base) - k)[len(base) - k]
    else:
        threshold = -np.inf
    for node, bonus, candidates in bonuses:
        docs = np.flatnonzero(candidates & (best >= threshold))
        ok = docs[verify_phrase(node, state, docs)]
        score[ok] += bonus[ok]


# -- proximity --------------------------------------------------------------------
def _proximity_bonus(node: ProximityNode, state: SearchState, rk: Ranking, score: np.ndarray,
                     mask: np.ndarray) -> None:
    """Re-score the best ``proximity_window`` documents: each pair of query
    words gains, per occurrence pair d ≤ ``proximity_span`` words apart,
    1/d², saturated like a term frequency and weighted by the pair's smaller
    idf.  The window does not depend on ``k``, and a bonus only raises a
    window document's score, so every page reads one ranking."""
    window = _top(score, mask, rk.proximity_window)
    span = rk.proximity_span
    if len(window) == 0:
        return
    rows, where, word = word_positions(node, state, window)
    if len(rows) < 2:
        return
    # Sort by (document, position): a pair within the span is then at most
    # span places apart (twice that if two words share a position).
    order = np.lexsort((word, where, rows))
    rows, where, word = rows[order], where[order], word[order]
    n_words = len(node.words)
    acc = np.zeros((len(window), n_words, n_words))
    for step in range(1, min(2 * span, len(rows) - 1) + 1):
        a, b = slice(0, len(rows) - step), slice(step, len(rows))
        d = where[b] - where[a]
        ok = (rows[a] == rows[b]) & (d > 0) & (d <= span) & (word[a] != word[b])
        if not ok.any():
            continue
        lo = np.minimum(word[a][ok], word[b][ok])
        hi = np.maximum(word[a][ok], word[b][ok])
        np.add.at(acc, (rows[a][ok], lo, hi), 1.0 / d[ok].astype(np.float64) ** 2)
    idf = np.asarray(node.idfs)
    pair_idf = np.minimum.outer(idf, idf)
    bonus = (pair_idf * acc * (rk.k1 + 1) / (acc + rk.k1)).sum(axis=(1, 2))
    score[window] += node.boost * bonus


# -- ranking ------------------------------------------------------------------------
def _top(score: np.ndarray, mask: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` best matches: score descending, then document number."""
    docs = np.flatnonzero(mask)
    if len(docs) > k:
        s = score[docs]
        kth = np.partition(s, len(s) - k)[len(s) - k]
        docs = docs[s >= kth]
    order = np.lexsort((docs, -score[docs]))
    return docs[order][:k]
