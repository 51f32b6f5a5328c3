"""Parse -> plan -> **execute**: score a plan over one searcher's arrays.

The model is BM25F (Robertson, Zaragoza and Taylor, "Simple BM25 extension
to multiple weighted fields", CIKM 2004) as Lucene's CombinedFieldQuery and
Elasticsearch's ``combined_fields`` compute it: the text fields are read as
one field, whose length is the sum of theirs, each times its weight.  For
each query word, its frequency in a document is one sum over its readings in
every text field:

    tf(d) = Σ_reading  weight · freq_field(d) / (1 - b + b · L(d) / avgL)
    L(d)  = Σ_field  w_field · len_field(d)

over the fields the word is searched in (a field's length counts its words,
stop words too; b is the reading's field's, the same for both by default),
where a reading is the word's stems, its very form, its broken plural or
verb form, or a fuzzy neighbour, in the title or the text, and its weight is
the field's weight times the reading's (:class:`~.ranking.Ranking`).  The
word's score is then ``idf · (k1 + 1) · tf / (k1 + tf)``: one saturation, and
one idf from the documents that hold the word itself (its stems or, without
them, its form) in any field, counted under the first hamza spelling of each
(the one every seat shares, so مسؤول and مسئول score alike).  A title match
therefore raises a word's frequency, not its score twice; a word found in
the title and the text saturates once.

A quoted phrase is one such term whose frequency is the phrase's
occurrences, each field's count divided by that field's own length norm
(as the engines' ``match_phrase`` on each field normalizes it).  A plain
query of several words adds the whole phrase as a bonus term (weighted
``phrase_bonus``; its idf is that of the documents holding all its words,
the most a phrase's can be), and a proximity bonus (:func:`_proximity_bonus`).

Scoring is term-at-a-time over dense arrays, one slot per document of the
searcher.  Groups combine (score, match) arrays: must is an AND, should an
OR (or a bonus beside a must), must-not a subtraction.  The ranking is a
total order, score descending then document number, and the top ``k`` of it
is computed exactly for every ``k``, so page ``p`` at limit ``L`` is always
ranks ``(p-1)·L+1 … p·L`` of one ranking.

Positions are read only for phrases and proximity: every candidate of a
phrase query; for the phrase bonus of a plain query only the candidates
whose best possible score (with the bonus) could reach the top ``k``; for
its proximity bonus only the best ``proximity_window`` documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..fields import TEXT_FIELDS, VOWELS
from .kinds import TermKind
from .nodes import FilterNode, GroupNode, PhraseNode, Plan, ProximityNode, Spelling, TermScore, WordNode
from .positions import phrase_counts, word_positions
from .ranking import Ranking, bm25_idf
from .state import SearchState

__all__ = ["Outcome", "execute", "phrase_candidates", "phrase_documents", "word_document_frequency"]

#: The hamza on the line, under which the index files a hamza of any seat.
HAMZA = "\u0621"  # ء

#: The readings that make a word's own document frequency (its idf).
_PRIMARY = frozenset({TermKind.STEM, TermKind.PREFIX, TermKind.ROOT})
_FORM_ONLY = frozenset({TermKind.FORM})


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
    if plan.bonus is not None:
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
    for child in node.extra:
        score += _evaluate(child, state, rk)[0]
    score[~mask] = 0.0
    return score, mask


def _primary_kinds(node: WordNode) -> frozenset[TermKind]:
    """The readings whose documents make the word's document frequency: its
    stems (or prefix expansions, or root words), else its very form."""
    return _PRIMARY if any(ts.kind in _PRIMARY for ts in node.scores) else _FORM_ONLY


def _word(node: WordNode, state: SearchState, rk: Ranking) -> tuple[np.ndarray, np.ndarray]:
    """The word's BM25F score and match mask (see the module's docstring)."""
    tf = np.zeros(state.size)
    primary = _primary_kinds(node)
    own = np.zeros(state.size, dtype=bool)
    # One length over the fields the word is searched in (title: only there).
    weights = tuple((name, rk.weight(name)) for name in sorted({ts.field for ts in node.scores}))
    for ts in node.scores:
        freq, canonical, at = _frequencies(state, ts)
        if ts.kind in primary:
            own |= canonical
        if at.size:  # a document listed twice gets the same value twice: added once
            tf[at] += ts.boost * freq[at] / state.combined_norms(weights, rk.b_of(ts.field))[at]
    mask = tf > 0
    if node.vowel_terms is not None:
        allowed = np.zeros(state.size, dtype=bool)
        for term in node.vowel_terms:
            allowed[state.postings(VOWELS, term)[0]] = True
        mask &= allowed
    df = int(own.sum()) or int(np.count_nonzero(tf))
    score = np.zeros(state.size)
    _saturate(tf, mask, bm25_idf(state.size, df), rk.k1, score)
    return score, mask


def word_document_frequency(node: WordNode, state: SearchState) -> int:
    """The document frequency :func:`_word` gives ``node`` (its idf's):
    the documents holding one of its primary readings, or, without them,
    any of its terms.  The index-aware export writes it into its boosts."""
    primary = _primary_kinds(node)
    own = np.zeros(state.size, dtype=bool)
    held = np.zeros(state.size, dtype=bool)
    for ts in node.scores:
        _, canonical, at = _frequencies(state, ts)
        if ts.kind in primary:
            own |= canonical
        held[at] = True
    return int(own.sum()) or int(held.sum())


def _saturate(tf: np.ndarray, mask: np.ndarray, idf: float, k1: float,
              out: np.ndarray) -> None:
    """Add ``idf · (k1 + 1) · tf / (k1 + tf)`` to ``out`` where ``mask``."""
    idx = np.flatnonzero(mask)
    f = tf[idx]
    out[idx] += idf * (k1 + 1) * f / (k1 + f)


def _frequencies(state: SearchState,
                 ts: TermScore) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per document, the reading's frequency (its spellings summed or maxed;
    the hamza spellings of one occurrence always maxed), whether the
    document holds one of them as the index files every seat of a hamza
    (on the line, ء): the document frequency counts those, so that مسؤولية
    and مسئولية, whose seatless spellings differ, count the same documents;
    and the documents with a frequency (some perhaps twice: scanning the
    whole array for them cost more than the rest at 100,000 documents).
    A posting list holds each document once, so its entries are combined by
    plain indexing."""
    tf = np.zeros(state.size)
    canonical = np.zeros(state.size, dtype=bool)
    touched: list[np.ndarray] = []
    combine_max = ts.combine == "max"
    for sp in ts.spellings:
        postings = [state.postings(sp.field, t) for t in sp.terms]
        on_line = [p for t, p in zip(sp.terms, postings) if HAMZA in t] or postings
        for ids, _ in on_line:
            canonical[ids] = True
        found = [p for p in postings if len(p[0])]
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
        touched.append(ids)
    at = touched[0] if len(touched) == 1 else (
        np.concatenate(touched) if touched else np.zeros(0, dtype=np.int64))
    return tf, canonical, at


def _filter_mask(node: FilterNode, state: SearchState) -> np.ndarray:
    mask = np.zeros(state.size, dtype=bool)
    if node.values:
        for value in node.values:
            mask[state.postings(node.field, value)[0]] = True
    elif node.field in state.fieldnames:
        mask[state.date_docs(node.field, node.start, node.end)] = True
    return mask


# -- phrases ----------------------------------------------------------------------
def phrase_candidates(node: PhraseNode, state: SearchState) -> np.ndarray:
    """The documents holding every word of the phrase in one of its fields."""
    found = np.zeros(state.size, dtype=bool)
    for fieldname, _ in node.fields:
        spec_exact = TEXT_FIELDS[fieldname].exact
        present = np.ones(state.size, dtype=bool)
        for spellings in node.positions:
            freq, _, _ = _frequencies(state, TermScore(fieldname, (Spelling(spec_exact, spellings),),
                                                    1.0, TermKind.PHRASE))
            present &= freq > 0
            if not present.any():
                break
        found |= present
    return found


def _phrase_tf(node: PhraseNode, state: SearchState, rk: Ranking, docs: np.ndarray,
               b: float | None = None) -> np.ndarray:
    """The phrase's BM25F frequency in each of ``docs`` (ascending), each
    field's count divided by its length norm with ``b`` (the field's own
    when None)."""
    tf = np.zeros(len(docs))
    for fieldname, weight in node.fields:
        counts = phrase_counts(node.positions, fieldname, state, docs)
        at = np.flatnonzero(counts)
        if at.size:
            # Only where the phrase occurs: with b = 1 an empty field's norm
            # is 0, and 0/0 would make the whole frequency NaN.
            norm = state.norms(fieldname, rk.b_of(fieldname) if b is None else b)
            tf[at] += weight * counts[at] / norm[docs[at]]
    return tf


def phrase_documents(node: PhraseNode, state: SearchState, rk: Ranking) -> tuple[np.ndarray, np.ndarray]:
    """The live documents a quoted phrase occurs in (every candidate is
    checked, so its document frequency is exact), and its frequency there."""
    docs = np.flatnonzero(phrase_candidates(node, state) & state.live)
    tf = _phrase_tf(node, state, rk, docs)
    return docs[tf > 0], tf[tf > 0]


def _phrase(node: PhraseNode, state: SearchState, rk: Ranking) -> tuple[np.ndarray, np.ndarray]:
    """A quoted phrase, one term: :func:`phrase_documents`' frequencies."""
    docs, tf = phrase_documents(node, state, rk)
    mask, full = np.zeros(state.size, dtype=bool), np.zeros(state.size)
    mask[docs], full[docs] = True, tf
    score = np.zeros(state.size)
    _saturate(full, mask, bm25_idf(state.size, int(mask.sum())), rk.k1, score)
    score *= node.boost
    return score, mask


def _phrase_bonus(node: PhraseNode, state: SearchState, rk: Ranking, score: np.ndarray,
                  mask: np.ndarray, k: int) -> None:
    """Add the phrase's term to the documents where it occurs, reading
    positions only for documents whose score with the largest bonus the
    phrase can give could still reach the top ``k``."""
    candidates = phrase_candidates(node, state) & mask
    n_candidates = int(candidates.sum())
    if not n_candidates:
        return
    idf = bm25_idf(state.size, n_candidates)
    ceiling = node.boost * idf * (rk.k1 + 1)
    matches = np.flatnonzero(mask)
    if len(matches) > k:
        base = score[matches]
        threshold = np.partition(base, len(base) - k)[len(base) - k]
    else:
        threshold = -np.inf
    docs = np.flatnonzero(candidates & (score + ceiling >= threshold))
    tf = _phrase_tf(node, state, rk, docs, rk.sequence_b)
    hit = tf > 0
    score[docs[hit]] += node.boost * idf * (rk.k1 + 1) * tf[hit] / (rk.k1 + tf[hit])


# -- proximity --------------------------------------------------------------------
def _proximity_bonus(node: ProximityNode, state: SearchState, rk: Ranking, score: np.ndarray,
                     mask: np.ndarray) -> None:
    """Re-score the best ``proximity_window`` documents: each pair of query
    words gains, per occurrence pair d ≤ ``proximity_span`` words apart,
    1/d², saturated like a term frequency and weighted by the pair's smaller
    idf (Rasolofo and Savoy, ECIR 2003).  The window does not depend on
    ``k``, and a bonus only raises a window document's score, so every page
    reads one ranking."""
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
    # The query's consecutive pairs: pair number by (first, second) word,
    # and how far apart the second may follow the first.
    pair_of = np.full((n_words, n_words), -1)
    reach = np.zeros(max(1, len(node.sequence)), dtype=np.int64)
    for i, (first, second, gap) in enumerate(node.sequence):
        pair_of[first, second], reach[i] = i, gap + 1
    # Every (occurrence, a later occurrence up to ``steps`` places on) pair at
    # once: the pairs of one document are those steps, since rows are sorted.
    steps = min(max(2 * span, 2 * int(reach.max())), len(rows) - 1)
    a = np.repeat(np.arange(len(rows) - 1), steps)
    b = a + np.tile(np.arange(1, steps + 1), len(rows) - 1)
    inside = b < len(rows)
    a, b = a[inside], b[inside]
    d = where[b] - where[a]
    same = (rows[a] == rows[b]) & (d > 0) & (word[a] != word[b])
    ok = same & (d <= span)
    lo = np.minimum(word[a][ok], word[b][ok])
    hi = np.maximum(word[a][ok], word[b][ok])
    cell = (rows[a][ok] * n_words + lo) * n_words + hi
    acc = np.bincount(cell, weights=1.0 / d[ok].astype(np.float64) ** 2,
                      minlength=len(window) * n_words * n_words
                      ).reshape(len(window), n_words, n_words)
    pair = pair_of[word[a], word[b]]
    hit = same & (pair >= 0)
    hit[hit] &= d[hit] <= reach[pair[hit]]
    in_order = np.bincount(rows[a][hit] * len(node.sequence) + pair[hit],
                           minlength=len(window) * len(node.sequence)
                           ).astype(np.float64).reshape(len(window), len(node.sequence))
    idf = np.asarray(node.idfs)
    pair_idf = np.minimum.outer(idf, idf)
    bonus = (pair_idf * acc * (rk.k1 + 1) / (acc + rk.k1)).sum(axis=(1, 2))
    score[window] += node.boost * bonus
    if node.sequence and node.sequence_boost:
        norm = np.broadcast_to(state.norms(node.field, rk.sequence_b)[window][:, None],
                               in_order.shape)
        tf = np.divide(in_order, norm, out=np.zeros_like(in_order), where=in_order > 0)
        seq_idf = np.array([idf[f] + idf[s] for f, s, _ in node.sequence])
        score[window] += node.sequence_boost * (
            seq_idf * tf * (rk.k1 + 1) / (tf + rk.k1)).sum(axis=1)


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
