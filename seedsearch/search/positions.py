"""Word positions of candidate documents: phrase checks and proximity.

Positions are read only where a ranking needs them: the candidates of a
phrase, and the few documents the proximity bonus re-scores.  Each reads a
term's position lists for one segment (from its flat file, or decoded from
Whoosh's blocks) and gathers the positions of the given documents with a
few numpy operations.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ..fields import TEXT_FIELDS
from ..storage import reading
from ..storage.blocks import EMPTY_IDS
from .nodes import ProximityNode
from .state import SearchState

__all__ = ["phrase_counts", "word_positions", "term_positions"]


def phrase_counts(positions: tuple[tuple[str, ...], ...], fieldname: str, state: SearchState,
                  docs: np.ndarray) -> np.ndarray:
    """For each (ascending) global document number, how many times the
    phrase (per position, the spellings of its word) stands at consecutive
    positions in the text field ``fieldname`` (its exact field): each word's
    positions in the candidates become (candidate, position the phrase
    would start at) keys, and the words' keys are intersected.  In a
    segment whose positions cannot be read, a candidate counts once."""
    counts = np.zeros(len(docs), dtype=np.int64)
    if not len(docs):
        return counts
    field = TEXT_FIELDS[fieldname].exact
    for leaf, sel, local in _by_segment(state, docs):
        if not state.leaf_positions[leaf]:
            counts[sel] = 1  # no positions to read: every candidate has all the words
            continue
        keys = np.zeros(0, dtype=np.int64)
        for i, spellings in enumerate(positions):
            word_keys = _start_keys(state, leaf, field, spellings, local, i)
            keys = word_keys if i == 0 else np.intersect1d(keys, word_keys, assume_unique=True)
            if not keys.size:
                break
        counts[sel] = np.bincount(keys >> 32, minlength=len(sel))
    return counts


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


def word_positions(node: ProximityNode, state: SearchState,
                    docs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row in ``docs``, position, word) of every occurrence of the node's
    words (any of their surface forms) in the given documents."""
    field = TEXT_FIELDS[node.field].exact
    segments = [s for s in _by_segment(state, docs) if state.leaf_positions[s[0]]]
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for w, forms in enumerate(node.words):
        held = state.probably_held(field, list(forms))
        for leaf, sel, local in segments:
            mask = held[leaf]
            terms = [f for j, f in enumerate(forms) if mask is None or mask[j]]
            found = _positions_of_any(state, leaf, field, terms, local)
            if found is not None:
                rows, where = found
                parts.append((sel[rows], where, np.full(len(rows), w)))
    if not parts:
        return EMPTY_IDS, EMPTY_IDS, EMPTY_IDS
    rows, where, word = (np.concatenate(p) for p in zip(*parts))
    # One position may be held by two spellings of one word: count it once.
    keep = np.unique(np.stack([rows, where, word]), axis=1)
    return keep[0], keep[1], keep[2]


def term_positions(state: SearchState, fieldname: str, term: str,
                   docs: np.ndarray) -> dict[int, list[int]]:
    """Global document number -> the positions of ``term`` in the text
    field ``fieldname`` (its exact field), for the ascending ``docs``."""
    field = TEXT_FIELDS[fieldname].exact
    out: dict[int, list[int]] = {}
    for leaf, sel, local in _by_segment(state, docs):
        found = _positions_in(state, leaf, field, term, local)
        if found is not None:
            for row, where in zip(*found):
                out.setdefault(int(docs[sel[row]]), []).append(int(where))
    return out


def _by_segment(state: SearchState,
                docs: np.ndarray) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """For each segment holding some of the ascending global ``docs``: its
    index in ``state.leaves``, where those documents stand in ``docs``, and
    their numbers local to the segment."""
    for leaf, (segreader, offset) in enumerate(state.leaves):
        sel = np.flatnonzero((docs >= offset) & (docs < offset + segreader.doc_count_all()))
        if sel.size:
            yield leaf, sel, docs[sel] - offset


def _positions_of_any(state: SearchState, leaf: int, field: str, terms: list[str],
                      local: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(row in ``local``, position) of every occurrence of any of ``terms``
    in the documents ``local`` (ascending) of segment ``leaf``; None when
    none occurs.  The terms' lists are searched together: each posting gets
    the key ``list << 32 | document`` (ascending, as the lists are), and one
    search finds every (list, document) pair of the candidates."""
    segreader = state.leaves[leaf][0]
    lists = []
    for term in terms:
        found = reading.term_positions(segreader, field, term, state.term_refs((field, term))[leaf])
        if found is not None and len(found[0]):
            lists.append(found)
    if not lists:
        return None
    # Lists read from one flat file share its positions array; lists decoded
    # from Whoosh's blocks each bring their own, laid end to end here.
    shared = all(p is lists[0][3] for *_, p in lists)
    shift = np.zeros(len(lists), dtype=np.int64)
    if not shared:
        shift[1:] = np.cumsum([len(p) for *_, p in lists])[:-1]
    positions = lists[0][3] if shared else np.concatenate([p for *_, p in lists])
    sizes = np.array([len(ids) for ids, *_ in lists])
    owner = np.repeat(np.arange(len(lists), dtype=np.int64), sizes)
    keys = (owner << 32) | np.concatenate([ids for ids, *_ in lists]).astype(np.int64)
    first = np.concatenate([f for _, f, _, _ in lists]).astype(np.int64) + np.repeat(shift, sizes)
    counts = np.concatenate([c for _, _, c, _ in lists]).astype(np.int64)
    wanted = ((np.arange(len(lists), dtype=np.int64) << 32)[:, None] | local[None, :]).ravel()
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    hit = np.flatnonzero(keys[at] == wanted)
    at = at[hit]
    n = counts[at]
    total = int(n.sum())
    if not total:
        return None
    rows = np.repeat(hit % len(local), n)
    where = np.repeat(first[at] - (np.cumsum(n) - n), n) + np.arange(total)
    return rows, positions[where].astype(np.int64)


def _positions_in(state: SearchState, leaf: int, field: str, term: str,
                  local: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(row in ``local``, position) of every occurrence of ``term`` in the
    documents ``local`` (ascending) of segment ``leaf``; None when it occurs
    in none.  The term's place comes from the state's cache (the same look-up
    that served its document frequency and postings)."""
    segreader = state.leaves[leaf][0]
    lists = reading.term_positions(segreader, field, term,
                                   state.term_refs((field, term))[leaf])
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
