"""The planning of a ``root:`` word (see :mod:`.plan`): the notices a
root's letters or word give, and the one BM25F term over the indexed words
of its root (:meth:`.expansion.Expansions.root`)."""

from __future__ import annotations

from typing import Any

from ..text.root_query import is_root_letters, looks_like_root, parse_root, roots_near
from ..text.roots import known_roots, roots_of, skeleton
from ..text.terms import exact_terms
from .kinds import TermKind, WordKind
from .nodes import GroupNode, Spelling, TermScore, WordNode
from .notices import Notice, NoticeCode
from .query import Word
from .ranking import bm25_idf

__all__ = ["root_word"]


def root_word(words: Any, word: Word, positive: bool) -> WordNode | GroupNode | None:
    """A root word (``root:كتب``, ``root:يكتبون``): one BM25F term over
    the indexed words of its root (:meth:`Expansions.root`), a word's
    frequency weighted up to ``root_rare_weight`` times as its rarity
    against the root's commonest word, and ``root_second_weight`` where
    the root is only the word's second reading.  A word typed (not the
    root's letters) is also searched as itself, with its own idf, among the
    documents the root matches: a document holding it ranks above those
    holding only its relatives (its stems and readings, which may belong to
    other roots, match nothing themselves).  A value with no root is
    searched as a word."""
    what = f"root:{word.text}"
    roots = parse_root(word.text)
    words.seen -= 1  # the word's own reading below counts as this one
    if roots is None:
        words.out.warn(Notice(NoticeCode.ROOT_UNKNOWN, {"value": word.text}))
        return words.plan(Word(word.text), positive) if exact_terms(word.text) else None
    as_letters = is_root_letters(word.text, roots)
    readings = roots if as_letters else roots_of(word.text)
    if not as_letters and looks_like_root(word.text):
        # root letters the list lacks (a slip: كتبب), read as a word: say so
        near = roots_near(word.text, roots[0])
        if near:
            words.out.warn(Notice(NoticeCode.ROOT_MISSPELT,
                                  {"value": word.text, "root": roots[0], "near": near[0]}))
        elif len(skeleton(word.text.strip())) == 4:
            words.out.warn(Notice(NoticeCode.ROOT_NOT_LISTED, {"value": word.text, "root": roots[0]}))
    elif as_letters and roots[0] not in known_roots():  # ك-ت-ب-ب: no indexed word has it
        offer = {"near": s[0]} if (s := roots_near(roots[0], "")) else {}
        code = NoticeCode.ROOT_LETTERS_MISSPELT if offer else NoticeCode.ROOT_LETTERS_UNLISTED
        words.out.warn(Notice(code, {"value": word.text, "root": roots[0], **offer}))
    if len(readings) > 1:
        words.out.warn(Notice(NoticeCode.ROOT_AMBIGUOUS,
                              {"value": word.text, "first": readings[0], "second": readings[1]}))
    found, computed = words.expansions.root(roots, what)
    if computed:
        words.out.warn(Notice(NoticeCode.ROOTS_COMPUTED, {"segments": computed}))
    typed = None
    if positive and not as_letters:
        typed = words.plan(Word(word.text, None, WordKind.PHRASE), positive)
    if not found:
        return None
    node = WordNode(word.text, WordKind.ROOT, [], roots=roots)
    n = getattr(words.vocab, "size", 0) or 1
    top = bm25_idf(n, max(df for _, df, _ in found))
    rk = words.ranking
    item = words.out.item()
    for spec, weight in words.ranking.searched(None):
        spellings = tuple(
            Spelling(spec.exact, group,
                     min(rk.root_rare_weight, bm25_idf(n, max(df, 1)) / top)
                     * (rk.root_second_weight if rank else 1.0))
            for group, df, rank in found)
        node.scores.append(TermScore(spec.name, spellings, weight, TermKind.ROOT))
        if positive:
            words.out.mark(spec.exact, (t for g, _, _ in found for t in g), item)
    # The word typed ranks the root's documents; it matches none of its own.
    return node if typed is None else GroupNode(should=[node], extra=[typed],
                                                    extra_label="the word typed (ranks only)")
