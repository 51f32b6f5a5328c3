"""Parse -> **plan** -> execute: a query tree becomes a plan of BM25 terms
(the data classes are in :mod:`.nodes`).

The plan says, for every query word, which index terms count and how (see
:class:`~seedsearch.search.nodes.TermScore`), and is plain data:
:meth:`~seedsearch.search.nodes.Plan.explain` prints it and
:mod:`.scoring` runs it.  Planning reads only the index's vocabulary (term
frequencies, prefix and fuzzy expansions), never a posting list.  Every
weight comes from the :class:`~seedsearch.search.ranking.Ranking` given.

Ranking: for a query word and a text field (title, text), one BM25 term
whose occurrences are the word's stems, wherever the index files them (the
ranked field, or the exact field for a word that is its own stem), with the
word's prefixed forms when the prefix decision allows (:mod:`.readings`);
plus, as a bonus weighted ``exact_bonus``, the very word form.  The
hamza-seat spellings of one occurrence count once (the largest of their
frequencies), so مسئول and مسؤول score alike.  Each field's matches weigh
its weight.  A plain query of several words is an OR of them (a missing
word never empties the result), plus the whole phrase, weighted
``phrase_bonus``, for the documents where it occurs, and a proximity bonus.
A word's broken plural or singular and its other verb form, when the index
holds them, are terms of their own weighted ``plural_weight`` and
``verb_weight``, with an idf never above the word's.  Prefix and fuzzy
words expand within a budget (:mod:`.expansion`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..fields import DATE, TEXT, VOWELS, TextField
from ..text.edits import edit_distance
from ..text.normalize import has_harakat
from ..text.questions import question_content, question_frame
from ..text.terms import exact_terms, is_stopped
from .expansion import Expansions
from .kinds import MORPH_KINDS, Occur, TermKind, WordKind
from .limits import MAX_QUERY_WORDS, words_note
from .nodes import (
    FilterNode,
    GroupNode,
    PhraseNode,
    Plan,
    ProximityNode,
    Spelling,
    TermScore,
    Vocabulary,
    WordNode,
)
from .notices import Notice, NoticeCode
from .query import (
    DateRange,
    Group,
    Keyword,
    Phrase,
    Word,
    only_stop_words,
    plain_words,
    quoted_with_words,
    sentence_words,
)
from .ranking import DEFAULT_RANKING, Ranking, bm25_idf
from .readings import Group as Spellings
from .readings import Readings, surface_forms
from .rootwords import root_word

__all__ = ["plan_query", "MAX_QUERY_WORDS"]

#: A plain word held by fewer documents may be a slip of a commoner word
#: (كرونا, in 3 documents of the bench corpus, for كورونا): «did you mean»
#: weighs it against its neighbours (:mod:`.suggest`).
RARE_WORD_DOCS = 10


def plan_query(query: str, group: Group, vocab: Vocabulary, *, exact: bool = False,
               vowels: bool = False, lexicon: Callable[[str], bool] | None = None,
               ranking: Ranking = DEFAULT_RANKING) -> Plan:
    """Plan the parsed ``group`` of ``query`` against ``vocab``."""
    return _Planner(query, vocab, exact=exact, vowels=vowels, lexicon=lexicon,
                    ranking=ranking).plan(group)


class _Planner:
    """One query's planning: groups and clauses, phrases and the bonuses of
    a plain query (its words are planned by :class:`_Words`)."""

    def __init__(self, query: str, vocab: Vocabulary, *, exact: bool, vowels: bool,
                 lexicon: Callable[[str], bool] | None, ranking: Ranking):
        self.vocab = vocab
        self.ranking = ranking
        self.out = Plan(query, None, ranking=ranking)
        if vowels and VOWELS not in vocab.fieldnames:
            # Exactly the search without vowels=True, and say so.
            self.out.warn(Notice(NoticeCode.VOWELS_IGNORED))
            vowels = False
        self.words = _Words(self.out, vocab, exact=exact, vowels=vowels, lexicon=lexicon)

    def plan(self, group: Group) -> Plan:
        for note in group.notes:  # what the reading left out (see .limits)
            self.out.warn(note)
        self.words.keep_stops = only_stop_words(group)
        self.out.root = self._group(group, top=True)
        return self.out

    # -- groups -----------------------------------------------------------
    def _group(self, group: Group, top: bool = False) -> GroupNode | None:
        node = GroupNode()
        plain = sentence_words(group)
        frame = self._frame(group) if top else set()
        for at, clause in enumerate(group.clauses):
            positive = clause.occur != Occur.MUST_NOT
            child = self._node(clause.node, positive)
            if child is None:
                continue
            if at in frame and isinstance(child, WordNode):
                node.extra.append(_scaled(child, self.ranking.frame_weight))
                continue
            if top and clause.occur == Occur.MUST and isinstance(child, FilterNode):
                # collection:news, date:2024 narrow the search; they do not
                # turn the other words optional.
                self.out.filters.append(child)
                continue
            node.children(clause.occur).append(child)
        if top:
            # «ما حكم صيام يوم الجمعة»: the bonuses read «صيام يوم الجمعة».
            plain = question_content(plain)
        if top and len(plain) >= 2:
            if self.ranking.phrase_bonus > 0:
                bonus = self._phrases(tuple(plain), None, self.ranking.phrase_bonus)
                self.out.bonus = bonus if isinstance(bonus, PhraseNode) else None
            if self.ranking.proximity_bonus > 0 or self.ranking.sequence_bonus > 0:
                self.out.proximity = self._proximity(plain)
        for phrase in quoted_with_words(group):
            node.should += self._quoted_words(phrase)
        if not (node.must or node.should or node.must_not):
            return None
        return node

    def _quoted_words(self, phrase: Phrase) -> list[Any]:
        """The words of a quoted phrase that is one part of a longer query,
        searched as words too: in Metzler and Croft's sequential dependence
        model (SIGIR 2005) an ordered window adds to its words' evidence, it
        does not take its place, and a verse quoted inside a sentence ranked
        below the documents holding the sentence's other words, where the
        sentence unquoted found it first.  A quoted word is its very form,
        and a phrase alone (beside filters and excluded words too) or
        required stays only the phrase."""
        planned = [self.words.plan(Word(w, phrase.field), True) for w in phrase.words]
        return [n for n in planned if n is not None]

    def _frame(self, group: Group) -> set[int]:
        """Clause numbers of the words that frame a question (see
        :mod:`seedsearch.text.questions`), unless they are all it asks."""
        words = plain_words(group)
        at, texts = zip(*words) if words else ((), ())
        frame = {at[i] for i in question_frame(list(texts))}
        content = [i for i, t in zip(at, texts) if i not in frame and not is_stopped(t)]
        return frame if content else set()

    def _node(self, node: Any, positive: bool) -> Any:
        if isinstance(node, Group):
            return self._group(node)
        if isinstance(node, Word):
            return self.words.plan(node, positive)
        if isinstance(node, Phrase):
            return self._phrases(node.words, node.field, 1.0, mark=positive)
        if isinstance(node, Keyword):
            return FilterNode(node.field, values=(node.value,))
        if isinstance(node, DateRange):
            return FilterNode(DATE, start=node.start, end=node.end) \
                if (node.start or node.end) else None
        return None

    # -- phrases ------------------------------------------------------------
    def _proximity(self, words: list[str]) -> ProximityNode | None:
        """The proximity bonus of a plain query's words (stop words left
        out), read in the text field: each word's stem written out in the
        surface forms the exact field may hold (see :func:`surface_forms`),
        and its idf."""
        n = getattr(self.vocab, "size", 0)
        # One entry per stem: يُحِبَّ and يُحِبُّ (or يحب twice) are one word,
        # whose occurrences must not pair with each other.
        by_stem: dict[Spellings, tuple[str, list[Spellings]]] = {}
        order: list[tuple[int, int]] = []  # (place in the query, word) of each content word
        for place, w in enumerate(words):
            g = self.words.groups.get(w)
            if g:
                by_stem.setdefault(g[0], (w, g))
                order.append((place, list(by_stem).index(g[0])))
        found = list(by_stem.values())
        if len(found) < 2 or not n:
            return None
        forms = tuple(surface_forms(w, g) for w, g in found)
        idfs = tuple(bm25_idf(n, max(self.words.readings.freq(TEXT, t) for grp in g for t in grp))
                     for _, g in found)
        sequence = tuple((a, b, q - p) for (p, a), (q, b) in zip(order, order[1:]) if a != b)
        weight = self.ranking.weight(TEXT.name)
        return ProximityNode(TEXT.name, forms, idfs, weight * self.ranking.proximity_bonus,
                             tuple(w for w, _ in found), sequence,
                             weight * self.ranking.sequence_bonus)

    def _phrases(self, words: tuple[str, ...], fieldname: str | None, boost: float,
                 mark: bool = True) -> WordNode | PhraseNode | None:
        fields = self.ranking.searched(fieldname)
        node, positions = phrase_node(words, fields, boost)
        if mark and positions:
            self.out.phrase_marks.append((tuple(spec.name for spec, _ in fields), positions,
                                          self.out.item()))
        return node


class _Words:
    """Plans the words of one query: plain, prefix and fuzzy words, with the
    readings of :class:`Readings` and the expansions of :class:`Expansions`;
    warnings and highlights go into the plan ``out``."""

    def __init__(self, out: Plan, vocab: Vocabulary, *, exact: bool, vowels: bool,
                 lexicon: Callable[[str], bool] | None):
        self.out = out
        self.vocab = vocab
        self.exact = exact
        self.vowels = vowels
        self.ranking = out.ranking
        self.readings = Readings(vocab, out.ranking, lexicon)
        self.expansions = Expansions(vocab, out.warn)
        self.seen = 0
        #: A query made only of stop words searches them in the exact fields.
        self.keep_stops = False
        #: The stem groups of each plain query word (for the proximity bonus).
        self.groups: dict[str, list[Spellings]] = {}

    def plan(self, word: Word, positive: bool) -> WordNode | GroupNode | None:
        self.seen += 1
        if self.seen > MAX_QUERY_WORDS:  # a tree the parser did not make
            self.out.warn(words_note())
            return None
        if word.kind == WordKind.PREFIX:
            return self._prefix_word(word, positive)
        if word.kind == WordKind.ROOT:
            return root_word(self, word, positive)
        exact = exact_terms(word.text)
        groups = [] if self.exact else self.readings.stem_groups(word.text)
        if not groups and not self.exact and not self.keep_stops:
            return None  # a stop word in a query that has other words
        if groups and positive and word.kind == WordKind.PLAIN and word.field is None:
            self.groups[word.text] = groups
        node = WordNode(word.text, word.kind, [])
        item = self.out.item()
        alternatives = self.readings.morph_groups(word.text, groups) if (
            groups and positive and not (self.vowels and has_harakat(word.text))) else []
        for spec, weight in self.ranking.searched(word.field):
            if groups:
                spellings = tuple(Spelling(f, g) for g in groups for f in (spec.ranked, spec.exact))
                node.scores.append(TermScore(spec.name, spellings, weight, TermKind.STEM))
                if positive:
                    self.out.mark(spec.ranked, (t for g in groups for t in g), item)
                    self.out.mark(spec.exact, (t for g in groups for t in g), item)
                for kind, alt_weight, alt in alternatives:
                    # A part of the word's term: the word's own idf applies.
                    node.scores.append(TermScore(
                        spec.name, tuple(Spelling(f, alt) for f in (spec.ranked, spec.exact)),
                        weight * alt_weight, kind))
                    self.out.mark(spec.ranked, alt, item)
                    self.out.mark(spec.exact, alt, item)
            if exact:
                boost = weight * (self.ranking.exact_bonus if groups else 1.0)
                node.scores.append(TermScore(spec.name, (Spelling(spec.exact, exact),),
                                             boost, TermKind.FORM))
                if positive:
                    self.out.mark(spec.exact, exact, item)
        if word.kind == WordKind.FUZZY:
            self._add_fuzzy(node, word, positive, item)
        if not node.scores:
            return None
        # «Did you mean» is about the word as typed: a plural or verb form
        # found for a misspelt word (الجماعت -> جمعت) does not make it known.
        if positive and word.field is None and word.kind == WordKind.PLAIN:
            own = max((self.vocab.doc_frequency(s.field, t)
                       for ts in node.scores if ts.kind not in MORPH_KINDS
                       for s in ts.spellings for t in s.terms), default=0)
            if own < RARE_WORD_DOCS:
                self.out.spelling_checks.append((word.text, own))
        if self.vowels and has_harakat(word.text):
            node.vowel_terms = self._vowel_terms(word.text, groups or None)
        return node

    def _vowel_terms(self, text: str, groups: list[Spellings] | None) -> tuple[str, ...]:
        """The vowel-field terms that agree with the harakat of ``text``."""
        terms, check = self.readings.vowel_terms(text, groups)
        self.out.vowel_checks.append(check)
        return terms

    def _prefix_word(self, word: Word, positive: bool) -> WordNode | None:
        """A prefix word: its expansions in the exact field (see
        :meth:`Expansions.prefix`), one term per field."""
        groups = self.expansions.prefix(word.text, word.field)
        if groups is None:
            return None
        node = WordNode(word.text, WordKind.PREFIX, [])
        item = self.out.item()
        for spec, weight in self.ranking.searched(word.field):
            node.scores.append(TermScore(spec.name, tuple(Spelling(spec.exact, g) for g in groups),
                                         weight, TermKind.PREFIX))
            if positive:
                self.out.mark(spec.exact, (t for g in groups for t in g), item)
        return node

    def _add_fuzzy(self, node: WordNode, word: Word, positive: bool, item: int) -> None:
        """A fuzzy word: the plain word's terms (already in ``node``), and its
        neighbours in the exact field, weighted by edit distance; a document
        scores by its closest neighbour."""
        norm, neighbours = self.expansions.fuzzy(word.text, word.distance, word.field,
                                                 f"{word.text}~{word.distance}")
        if not neighbours:
            return
        for spec, weight in self.ranking.searched(word.field):
            spellings = tuple(
                Spelling(spec.exact, (t,),
                         self.ranking.fuzzy_weight(int(edit_distance(norm, t))))
                for t in neighbours)
            node.scores.append(TermScore(spec.name, spellings, weight, TermKind.FUZZY, "max"))
            if positive:
                self.out.mark(spec.exact, neighbours, item)


def _scaled(node: WordNode, factor: float) -> WordNode:
    """``node`` with every part weighted ``factor`` times as much."""
    node.scores = [replace(ts, boost=ts.boost * factor) for ts in node.scores]
    return node


def phrase_node(words: tuple[str, ...], fields: list[tuple[TextField, float]], boost: float
                ) -> tuple[WordNode | PhraseNode | None, tuple[tuple[str, ...], ...]]:
    """The node of a phrase over ``fields`` (a word node for a phrase of one
    word), and the exact terms of each of its words (for highlights)."""
    positions = tuple(p for p in (exact_terms(w) for w in words) if p)
    if not positions:
        return None, ()
    if len(positions) == 1:
        return WordNode(words[0], WordKind.PHRASE, [
            TermScore(spec.name, (Spelling(spec.exact, positions[0]),), weight * boost,
                      TermKind.FORM) for spec, weight in fields]), positions
    return PhraseNode(tuple((spec.name, weight) for spec, weight in fields), positions,
                      boost), positions
