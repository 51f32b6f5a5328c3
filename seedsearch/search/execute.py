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
its proximity bonus only the best ``PROXIMITY_WINDOW`` documents.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Iterator

import numpy as np
from whoosh import query as wq

from ..storage import backend
from ..text.edits import one_edit
from ..fields import (B, FACETS, K1, PROXIMITY_SPAN, PROXIMITY_WINDOW, TEXT_FIELDS, VOWELS,
                     bm25_idf)
from .plan import (FilterNode, GroupNode, PhraseNode, Plan, ProximityNode, Spelling, TermScore,
                   Vocabulary, WordNode)

__all__ = ["SearchState", "Outcome", "execute", "POSTINGS_CACHE"]

#: Decoded postings (document numbers) kept per searcher across queries.
POSTINGS_CACHE = 4_000_000

#: Document frequencies kept per searcher (a long-running server asks for
#: ever new terms; the cache starts again when it is full).
DF_CACHE = 500_000
#: Segment term infos kept per searcher (the same, smaller, as they are larger).
INFO_CACHE = 50_000

_NO_IDS = np.zeros(0, dtype=np.int64)
_NO_WEIGHTS = np.zeros(0, dtype=np.float64)


class SearchState(Vocabulary):
    """One open Whoosh searcher and what is cached for it: frequencies,
    decoded postings, field lengths, deletions and facet columns.  Hits,
    totals, facets and suggestions of a search all come from one state."""

    def __init__(self, searcher: Any):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.fieldnames = frozenset(self.reader.schema.names())
        self.leaves = backend.leaves(self.reader)
        self.size = self.reader.doc_count_all()
        self.live = (np.concatenate([backend.live_mask(r) for r, _ in self.leaves])
                     if self.leaves else np.zeros(0, dtype=bool))
        self._df: dict[tuple[str, str], int] = {}
        self._infos: dict[tuple[str, str], list[Any]] = {}
        self._postings: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._cached = 0
        self._lengths: dict[str, tuple[np.ndarray, float]] = {}
        self._facets: dict[str, tuple[np.ndarray, list[str]]] = {}

    def close(self) -> None:
        self.searcher.close()

    def up_to_date(self) -> bool:
        return self.searcher.up_to_date()

    # -- the vocabulary ---------------------------------------------------------
    def doc_frequency(self, fieldname: str, term: str) -> int:
        key = (fieldname, term)
        df = self._df.get(key)
        if df is None:
            df = sum(info.doc_frequency() for info in self._term_infos(key) if info is not None)
            if len(self._df) >= DF_CACHE:
                self._df.clear()
            self._df[key] = df
        return df

    def _term_infos(self, key: tuple[str, str]) -> list[Any]:
        """Each segment's Whoosh term info of ``key`` (None where absent):
        one look-up serves both the frequency and the postings."""
        infos = self._infos.get(key)
        if infos is None:
            if key[0] in self.fieldnames:
                infos = [backend.term_info(r, *key) for r, _ in self.leaves]
            else:
                infos = [None] * len(self.leaves)
            if len(self._infos) >= INFO_CACHE:
                self._infos.clear()
            self._infos[key] = infos
        return infos

    def iter_prefix(self, fieldname: str, prefix: str) -> Iterator[tuple[str, int]]:
        if fieldname not in self.fieldnames:
            return
        for tbytes, info in self.reader.iter_prefix(fieldname, prefix):
            yield (tbytes.decode("utf-8") if isinstance(tbytes, bytes) else tbytes,
                   info.doc_frequency())

    def probably_held(self, fieldname: str, terms: list[str]) -> list[np.ndarray | None]:
        """Per segment, whether it probably holds each of ``terms`` (by its
        flat file's term keys, hashed once for all segments; None for a
        segment without that file)."""
        keys = backend.term_keys(fieldname, terms)
        return [backend.has_keys(r, keys) for r, _ in self.leaves]

    def terms_within(self, fieldname: str, text: str, maxdist: int,
                     prefix: int = 1) -> Iterator[str]:
        """Terms within ``maxdist`` edits that share the first ``prefix``
        letters.  One edit: the candidates (:func:`~seedsearch.text.edits.one_edit`)
        are looked up in each segment's term keys.  More, or a segment
        without keys: each segment walks its word list with Whoosh's
        automaton (Whoosh's multi-segment reader would compute the distance
        to every word)."""
        if fieldname not in self.fieldnames:
            return iter(())
        if maxdist == 1:
            candidates = sorted(one_edit(text, prefix))
            found = self.probably_held(fieldname, candidates)
            if all(f is not None for f in found):
                # A key may collide: the document frequency (the look-up
                # every caller makes next, and caches) confirms.
                return iter([t for i, t in enumerate(candidates)
                             if any(f[i] for f in found if f is not None)
                             and self.doc_frequency(fieldname, t)])
        within = (t for r, _ in self.leaves
                  for t in r.terms_within(fieldname, text, maxdist, prefix=prefix))
        return iter(dict.fromkeys(within))

    # -- arrays -------------------------------------------------------------------
    def postings(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Global document numbers and frequencies of one term."""
        key = (fieldname, term)
        hit = self._postings.get(key)
        if hit is not None:
            self._postings.move_to_end(key)
            return hit
        if fieldname not in self.fieldnames or not self.doc_frequency(fieldname, term):
            return self._remember(key, _NO_IDS, _NO_WEIGHTS)
        parts = [backend.postings(r, fieldname, term, info)
                 for (r, _), info in zip(self.leaves, self._term_infos(key))]
        return self._remember(key, *self._joined(parts))

    def _joined(self, parts: list[tuple]) -> tuple[np.ndarray, np.ndarray]:
        """Per-segment postings as global document numbers and weights."""
        ids = np.concatenate([p[0] + off for p, (_, off) in zip(parts, self.leaves)])
        return ids, np.concatenate([p[1] for p in parts])

    def _remember(self, key: tuple[str, str], ids: np.ndarray,
                  weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        self._postings[key] = (ids, weights)
        self._cached += len(ids) + 1
        while self._cached > POSTINGS_CACHE and len(self._postings) > 1:
            _, (old, _) = self._postings.popitem(last=False)
            self._cached -= len(old) + 1
        return ids, weights

    def lengths(self, fieldname: str) -> tuple[np.ndarray, float]:
        """Every document's length in ``fieldname`` and the field's mean length."""
        hit = self._lengths.get(fieldname)
        if hit is None:
            if self.leaves and fieldname in self.fieldnames:
                arr = np.concatenate([backend.lengths(r, fieldname) for r, _ in self.leaves])
            else:
                arr = np.zeros(self.size)
            mean = self.reader.field_length(fieldname) / self.size if self.size else 0.0
            hit = self._lengths[fieldname] = (arr, mean or 1.0)
        return hit

    def facet_counts(self, mask: np.ndarray) -> dict[str, dict[str, int]]:
        """Value -> matching documents, for each facet, most frequent first."""
        out = {}
        for name in FACETS:
            codes, labels = self._facet_column(name)
            counts: np.ndarray | list[int] = (
                np.bincount(codes[mask], minlength=len(labels)) if labels else [])
            pairs = [(labels[i], int(c)) for i, c in enumerate(counts) if c and labels[i]]
            out[name] = dict(sorted(pairs, key=lambda kv: (-kv[1], kv[0])))
        return out

    def _facet_column(self, name: str) -> tuple[np.ndarray, list[str]]:
        hit = self._facets.get(name)
        if hit is None:
            codes_of: dict[str, int] = {}
            values = (v for r, _ in self.leaves for v in backend.column_values(r, name)) \
                if name in self.fieldnames else iter(())
            codes = np.fromiter((codes_of.setdefault(v, len(codes_of)) for v in values),
                                dtype=np.int64, count=self.size if name in self.fieldnames else 0)
            if not codes.size:
                codes = np.zeros(self.size, dtype=np.int64)
                codes_of = {"": 0}
            hit = self._facets[name] = (codes, list(codes_of))
        return hit


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
    every_filter = plan.filters + filters
    if plan.root is None:
        score = np.zeros(n)
        mask = state.live.copy() if every_filter else np.zeros(n, dtype=bool)
    else:
        score, mask = _evaluate(plan.root, state)
        mask &= state.live
    for f in every_filter:
        mask &= _filter_mask(f, state)
    score[~mask] = 0.0
    if plan.bonus:
        # The proximity window must see the phrase bonus of all its documents.
        _phrase_bonus(plan.bonus, state, score, mask,
                      k if plan.proximity is None else max(k, PROXIMITY_WINDOW))
    if plan.proximity is not None:
        _proximity_bonus(plan.proximity, state, score, mask)
    top = _top(score, mask, k)
    return Outcome(top, score[top], mask)


# -- nodes ----------------------------------------------------------------------
def _evaluate(node: Any, state: SearchState) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(node, WordNode):
        return _word(node, state)
    if isinstance(node, GroupNode):
        return _group(node, state)
    if isinstance(node, PhraseNode):
        return _phrase(node, state)
    if isinstance(node, FilterNode):
        return np.zeros(state.size), _filter_mask(node, state)
    raise TypeError(f"unknown plan node {node!r}")


def _group(node: GroupNode, state: SearchState) -> tuple[np.ndarray, np.ndarray]:
    n = state.size
    score = np.zeros(n)
    if node.must:
        mask = np.ones(n, dtype=bool)
        for child in node.must:
            s, m = _evaluate(child, state)
            score += s
            mask &= m
        for child in node.should:
            score += _evaluate(child, state)[0]
    elif node.should:
        mask = np.zeros(n, dtype=bool)
        for child in node.should:
            s, m = _evaluate(child, state)
            score += s
            mask |= m
    else:
        mask = state.live.copy()
    for child in node.must_not:
        mask &= ~_evaluate(child, state)[1]
    score[~mask] = 0.0
    return score, mask


def _word(node: WordNode, state: SearchState) -> tuple[np.ndarray, np.ndarray]:
    score = np.zeros(state.size)
    for ts in node.scores:
        _bm25(state, ts.field, _frequencies(state, ts), ts.boost, score)
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


def _bm25(state: SearchState, fieldname: str, tf: np.ndarray, boost: float,
          out: np.ndarray) -> None:
    """Add ``boost`` × BM25 of the frequencies ``tf`` (field ``fieldname``) to ``out``."""
    idx = np.flatnonzero(tf)
    if not idx.size:
        return
    lengths, mean = state.lengths(TEXT_FIELDS[fieldname].exact)
    df = idx.size
    idf = bm25_idf(state.size, df)
    f = tf[idx]
    out[idx] += (boost * idf * (K1 + 1)) * f / (f + K1 * (1 - B + B * lengths[idx] / mean))


def _filter_mask(node: FilterNode, state: SearchState) -> np.ndarray:
    mask = np.zeros(state.size, dtype=bool)
    if node.values:
        for value in node.values:
            mask[state.postings(node.field, value)[0]] = True
    elif node.field in state.fieldnames:
        q = wq.DateRange(node.field, node.start, node.end, endexcl=True)
        docs = np.fromiter(q.docs(state.searcher), dtype=np.int64)
        mask[docs] = True
    return mask


# -- phrases ----------------------------------------------------------------------
def _phrase_scores(node: PhraseNode, state: SearchState) -> tuple[np.ndarray, np.ndarray]:
    """The phrase's score where all its words occur (the candidates)."""
    spec = TEXT_FIELDS[node.field]
    total = np.zeros(state.size)
    present = np.ones(state.size, dtype=bool)
    for spellings in node.positions:
        tf = _frequencies(state, TermScore(node.field, (Spelling(spec.exact, spellings),),
                                           node.boost, "phrase"))
        present &= tf > 0
        if not present.any():
            break
        _bm25(state, node.field, tf, node.boost, total)
    total[~present] = 0.0
    return total, present


def _phrase(node: PhraseNode, state: SearchState) -> tuple[np.ndarray, np.ndarray]:
    score, candidates = _phrase_scores(node, state)
    docs = np.flatnonzero(candidates & state.live)
    mask = np.zeros(state.size, dtype=bool)
    mask[docs[_verify(node, state, docs)]] = True
    score[~mask] = 0.0
    return score, mask


def _phrase_bonus(nodes: list[PhraseNode], state: SearchState, score: np.ndarray,
                  mask: np.ndarray, k: int) -> None:
    """Add each phrase's score to the documents where it occurs, reading
    positions only for documents whose score with the bonus could still
    reach the top ``k``."""
    bonuses = [(node, *_phrase_scores(node, state)) for node in nodes]
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
        ok = docs[_verify(node, state, docs)]
        score[ok] += bonus[ok]


def _verify(node: PhraseNode, state: SearchState, docs: np.ndarray) -> np.ndarray:
    """For each (ascending) global document number, whether the phrase's
    words stand at consecutive positions in it: each word's positions in
    the candidates become (candidate, position the phrase would start at)
    keys, and the words' keys are intersected."""
    ok = np.zeros(len(docs), dtype=bool)
    if not len(docs):
        return ok
    field = TEXT_FIELDS[node.field].exact
    for leaf, sel, local in _by_segment(state, docs):
        keys = np.zeros(0, dtype=np.int64)
        for i, spellings in enumerate(node.positions):
            word_keys = _start_keys(state, leaf, field, spellings, local, i)
            keys = word_keys if i == 0 else np.intersect1d(keys, word_keys, assume_unique=True)
            if not keys.size:
                break
        ok[sel[np.unique(keys >> 32)]] = True
    return ok


def _start_keys(state: SearchState, leaf: int, field: str, spellings: tuple[str, ...],
                local: np.ndarray, i: int) -> np.ndarray:
    """``row << 32 | start``, ascending and unique, for every place where
    the phrase's word ``i`` (any of its ``spellings``) stands at position
    ``start + i`` in the candidate ``local[row]`` of segment ``leaf``."""
    parts = []
    for term in spellings:
        found = _positions_in(state, leaf, field, term, local)
        if found is None:
            continue
        row_of, where = found
        starts = where - i
        keep = starts >= 0
        parts.append((row_of[keep] << 32) | starts[keep])
    if len(parts) == 1:
        return parts[0]  # rows ascend, and positions within a row
    return np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)


# -- proximity --------------------------------------------------------------------
def _proximity_bonus(node: ProximityNode, state: SearchState, score: np.ndarray,
                     mask: np.ndarray) -> None:
    """Re-score the best ``PROXIMITY_WINDOW`` documents: each pair of query
    words gains, per occurrence pair d ≤ ``PROXIMITY_SPAN`` words apart,
    1/d², saturated like a term frequency and weighted by the pair's smaller
    idf.  The window does not depend on ``k``, and a bonus only raises a
    window document's score, so every page reads one ranking."""
    window = _top(score, mask, PROXIMITY_WINDOW)
    if len(window) == 0:
        return
    rows, where, word = _word_positions(node, state, window)
    if len(rows) < 2:
        return
    # Sort by (document, position): a pair within the span is then at most
    # span places apart (twice that if two words share a position).
    order = np.lexsort((word, where, rows))
    rows, where, word = rows[order], where[order], word[order]
    n_words = len(node.words)
    acc = np.zeros((len(window), n_words, n_words))
    for step in range(1, min(2 * PROXIMITY_SPAN, len(rows) - 1) + 1):
        a, b = slice(0, len(rows) - step), slice(step, len(rows))
        d = where[b] - where[a]
        ok = (rows[a] == rows[b]) & (d > 0) & (d <= PROXIMITY_SPAN) & (word[a] != word[b])
        if not ok.any():
            continue
        lo = np.minimum(word[a][ok], word[b][ok])
        hi = np.maximum(word[a][ok], word[b][ok])
        np.add.at(acc, (rows[a][ok], lo, hi), 1.0 / d[ok].astype(np.float64) ** 2)
    idf = np.asarray(node.idfs)
    pair_idf = np.minimum.outer(idf, idf)
    bonus = (pair_idf * acc * (K1 + 1) / (acc + K1)).sum(axis=(1, 2))
    score[window] += node.boost * bonus


def _word_positions(node: ProximityNode, state: SearchState,
                    docs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row in ``docs``, position, word) of every occurrence of the node's
    words (any of their surface forms) in the given documents."""
    field = TEXT_FIELDS[node.field].exact
    segments = list(_by_segment(state, docs))
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for w, forms in enumerate(node.words):
        held = state.probably_held(field, list(forms))
        for leaf, sel, local in segments:
            mask = held[leaf]
            for j, form in enumerate(forms):
                if mask is not None and not mask[j]:
                    continue
                found = _positions_in(state, leaf, field, form, local)
                if found is not None:
                    rows, where = found
                    parts.append((sel[rows], where, np.full(len(rows), w)))
    if not parts:
        return _NO_IDS, _NO_IDS, _NO_IDS
    rows, where, word = (np.concatenate(p) for p in zip(*parts))
    # One position may be held by two spellings of one word: count it once.
    keep = np.unique(np.stack([rows, where, word]), axis=1)
    return keep[0], keep[1], keep[2]


def _by_segment(state: SearchState,
                docs: np.ndarray) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """For each segment holding some of the ascending global ``docs``: its
    index in ``state.leaves``, where those documents stand in ``docs``, and
    their numbers local to the segment."""
    for leaf, (segreader, offset) in enumerate(state.leaves):
        sel = np.flatnonzero((docs >= offset) & (docs < offset + segreader.doc_count_all()))
        if sel.size:
            yield leaf, sel, docs[sel] - offset


def _positions_in(state: SearchState, leaf: int, field: str, term: str,
                  local: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(row in ``local``, position) of every occurrence of ``term`` in the
    documents ``local`` (ascending) of segment ``leaf``; None when it occurs
    in none.  The term's info comes from the state's cache (the same look-up
    that served its document frequency and postings)."""
    segreader = state.leaves[leaf][0]
    lists = backend.term_positions(segreader, field, term,
                                   state._term_infos((field, term))[leaf])
    if lists is None:
        return None
    ids, first, counts, positions = lists
    at = np.minimum(np.searchsorted(ids, local), len(ids) - 1)
    rows = np.flatnonzero(ids[at] == local)
    n = counts[at[rows]]
    total = int(n.sum())
    if not total:
        return None
    # Gather each row's run of positions: positions[first : first + n].
    where = np.repeat(first[at[rows]] - (np.cumsum(n) - n), n) + np.arange(total)
    return np.repeat(rows.astype(np.int64), n), positions[where].astype(np.int64)


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
