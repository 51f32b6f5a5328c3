"""Parse -> **plan** -> execute: a query tree becomes a plan of BM25 terms
(the data classes are in :mod:`.plan_nodes`).

The plan says, for every query word, which index terms count and how (see
:class:`TermScore`), and is plain data: :func:`explain` prints it and
:mod:`.execute` runs it.  Planning reads only the index's vocabulary (term
frequencies, prefix and fuzzy expansions), never a posting list.

Ranking: for a query word and a text field (title, text), one BM25 term
whose occurrences are the word's stems, wherever the index files them (the
ranked field, or the exact field for a word that is its own stem), with the
word's prefixed forms when the prefix decision below allows; plus, as a bonus
weighted ``EXACT_BONUS``, the very word form.  The hamza-seat spellings of one
occurrence count once (the largest of their frequencies), so مسئول and مسؤول
score alike.  Title matches weigh ``TITLE.boost``.  A plain query of several
words is an OR of them (a missing word never empties the result), plus the
whole phrase, weighted ``PHRASE_BONUS``, for the documents where it occurs.
A word's broken plural or singular and its other verb form (:mod:`.morph`),
when the index holds them, are terms of their own weighted ``PLURAL_WEIGHT``
and ``VERB_WEIGHT``, with an idf never above the word's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any

from whoosh.support.levenshtein import distance as levenshtein

from ..fields import (EXACT_BONUS, PHRASE_BONUS, PROXIMITY_BONUS, TEXT, TEXT_FIELDS, VOWELS,
                     TextField, bm25_idf)
from ..text.morph import (MAX_CANDIDATES, broken_plural_candidates, had_feminine,
                    imperfect_candidates, perfect_candidates, verb_siblings)
from ..text.normalize import hamza_variants, has_harakat, normalize, prenormalize, vocalized
from .nodes import (FilterNode, GroupNode, PhraseNode, Plan, ProximityNode, Spelling,
                         TermScore, Vocabulary, WordNode, filter_nodes)
from .query import (MUST, MUST_NOT, SHOULD, DateRange, Group, Keyword, Phrase, Word,
                    only_stop_words)
from ..text.stem import ONE_LETTER_PREFIXES, stem
from ..text.terms import VOWEL_SEP, exact_terms, ranked_terms, split_terms, vowel_stem
from ..text.vowels import vowels_agree

__all__ = ["Spelling", "TermScore", "WordNode", "PhraseNode", "ProximityNode", "FilterNode",
           "GroupNode", "Plan", "Vocabulary", "plan_query", "fuzzy_prefix", "filter_nodes", "MAX_QUERY_WORDS", "MAX_EXPANSIONS",
           "MAX_SCAN", "QUERY_EXPANSIONS", "QUERY_SCAN", "MAX_FUZZY"]

#: Words of one query beyond this are ignored (a pasted book stays fast).
MAX_QUERY_WORDS = 64
#: A prefix or fuzzy word expands to at most this many indexed words ...
MAX_EXPANSIONS = 256
#: ... found among at most this many vocabulary entries read for it.
MAX_SCAN = 20_000
#: The whole query's prefix and fuzzy words together: expansions kept, and
#: vocabulary entries read.  Past either, further words expand to nothing.
QUERY_EXPANSIONS = 1_024
QUERY_SCAN = 60_000
MAX_FUZZY = 2
#: Weight of a fuzzy neighbour at edit distance 1 and 2 (the word itself, and
#: its stems, count fully: a fuzzy word finds all that the plain word finds).
FUZZY_WEIGHTS = {1: 0.5, 2: 0.25}
#: Weight of a word's broken plural or singular (قواعد for قاعدة) and of its
#: other verb form (تخلى for يتخلى, and back), each its own BM25 term, against
#: the word's stem at 1.  Tried on the six quality sets together at 0.15,
#: 0.25, 0.3, 0.35 and 0.5 (and as weighted spellings inside the stem's term
#: instead, which did worse): 0.25 was best overall (see the README).
PLURAL_WEIGHT = 0.25
VERB_WEIGHT = 0.25
#: The labels of those terms (in the plan and in ``explain()``).
MORPH_LABELS = ("plural", "verb")
#: Sound plural endings the light stemmer strips that a broken plural may
#: also end in (قوانين, ميادين): see ``_morph_groups``.
SOUND_PLURAL_ENDINGS = ("\u064a\u0646", "\u0648\u0646", "\u0627\u0646")


def fuzzy_prefix(norm: str) -> int:
    """How many leading letters a fuzzy neighbour must share with ``norm``:
    the first letter, or the article and the first letter after it (most
    nouns begin with ال, which would otherwise make every word with the
    article a candidate; a slip inside the article itself is rare)."""
    return 3 if norm.startswith("ال") and len(norm) >= 5 else 1


# -- planning -----------------------------------------------------------------
def plan_query(query: str, group: Group, vocab: Vocabulary, *, exact: bool = False,
               vowels: bool = False, lexicon: Callable[[str], bool] | None = None) -> Plan:
    """Plan the parsed ``group`` of ``query`` against ``vocab``."""
    return _Planner(query, vocab, exact=exact, vowels=vowels, lexicon=lexicon).plan(group)


class _Planner:
    def __init__(self, query: str, vocab: Vocabulary, *, exact: bool, vowels: bool,
                 lexicon: Callable[[str], bool] | None):
        self.vocab = vocab
        self.exact = exact
        self.vowels = vowels
        self.lexicon = lexicon
        self.out = Plan(query, None)
        self.words_seen = 0
        self.keep_stops = False
        self.expansions_left = QUERY_EXPANSIONS
        self.scan_left = QUERY_SCAN
        self.budget_spent = False
        self.expanded: dict[tuple, list[tuple[str, ...]]] = {}
        #: The stem groups of each plain query word (for the proximity bonus).
        self.word_groups: dict[str, list[tuple[str, ...]]] = {}

    def plan(self, group: Group) -> Plan:
        # A query made only of stop words searches them in the exact fields.
        self.keep_stops = only_stop_words(group)
        self.out.root = self._group(group, top=True)
        return self.out

    def _warn(self, message: str) -> None:
        if message not in self.out.warnings:
            self.out.warnings.append(message)

    def _mark(self, fieldname: str, terms: Iterable[str]) -> None:
        self.out.highlight.setdefault(fieldname, set()).update(terms)

    @staticmethod
    def _fields(name: str | None) -> list[TextField]:
        return [TEXT_FIELDS[name]] if name in TEXT_FIELDS else list(TEXT_FIELDS.values())

    def _freq(self, spec: TextField, term: str) -> int:
        """Documents with ``term`` as a stem of ``spec`` (either index field)."""
        return (self.vocab.doc_frequency(spec.ranked, term)
                + self.vocab.doc_frequency(spec.exact, term))

    # -- groups -----------------------------------------------------------
    def _group(self, group: Group, top: bool = False) -> GroupNode | None:
        node = GroupNode()
        plain = []
        for clause in group.clauses:
            if (clause.occur == SHOULD and isinstance(clause.node, Word)
                    and clause.node.kind == "plain" and clause.node.field is None):
                # Stop words too: the phrase is read in the exact field.
                plain.append(clause.node.text)
            positive = clause.occur != MUST_NOT
            child = self._node(clause.node, positive)
            if child is None:
                continue
            if top and clause.occur == MUST and isinstance(child, FilterNode):
                # collection:news, date:2024 narrow the search; they do not
                # turn the other words optional.
                self.out.filters.append(child)
                continue
            {MUST: node.must, SHOULD: node.should, MUST_NOT: node.must_not}[clause.occur] \
                .append(child)
        if top and len(plain) >= 2:
            self.out.bonus = self._phrases(tuple(plain), None, PHRASE_BONUS)
            self.out.proximity = self._proximity(plain)
        if not (node.must or node.should or node.must_not):
            return None
        return node

    def _node(self, node: Any, positive: bool) -> Any:
        if isinstance(node, Group):
            return self._group(node)
        if isinstance(node, Word):
            return self._word(node, positive)
        if isinstance(node, Phrase):
            phrases = self._phrases(node.words, node.field, 1.0, mark=positive)
            if not phrases:
                return None
            return phrases[0] if len(phrases) == 1 else GroupNode(should=list(phrases))
        if isinstance(node, Keyword):
            return FilterNode(node.field, values=(node.value,))
        if isinstance(node, DateRange):
            return FilterNode("date", start=node.start, end=node.end) \
                if (node.start or node.end) else None
        return None

    # -- words ------------------------------------------------------------
    def _word(self, word: Word, positive: bool) -> WordNode | None:
        self.words_seen += 1
        if self.words_seen > MAX_QUERY_WORDS:
            self._warn(f"only the first {MAX_QUERY_WORDS} words of the query were searched")
            return None
        if word.kind == "prefix":
            return self._prefix_word(word, positive)
        exact = exact_terms(word.text)
        groups = [] if self.exact else self._stem_groups(word.text)
        if not groups and not self.exact and not self.keep_stops:
            return None  # a stop word in a query that has other words
        if groups and positive and word.kind == "plain" and word.field is None:
            self.word_groups[word.text] = groups
        node = WordNode(word.text, word.kind, [])
        alternatives = self._morph_groups(word.text, groups) if (
            groups and positive and not (self.vowels and has_harakat(word.text))) else []
        for spec in self._fields(word.field):
            if groups:
                spellings = tuple(Spelling(f, g) for g in groups for f in (spec.ranked, spec.exact))
                node.scores.append(TermScore(spec.name, spellings, spec.boost, "stem"))
                if positive:
                    self._mark(spec.ranked, (t for g in groups for t in g))
                    self._mark(spec.exact, (t for g in groups for t in g))
                for label, weight, alt in alternatives:
                    # Its own term, so the word's idf stays its own.
                    node.scores.append(TermScore(
                        spec.name, tuple(Spelling(f, alt) for f in (spec.ranked, spec.exact)),
                        spec.boost * weight * self._idf_cap(spec, groups, alt), label))
                    self._mark(spec.ranked, alt)
                    self._mark(spec.exact, alt)
            if exact:
                boost = spec.boost * (EXACT_BONUS if groups else 1.0)
                node.scores.append(TermScore(spec.name, (Spelling(spec.exact, exact),),
                                             boost, "form"))
                if positive:
                    self._mark(spec.exact, exact)
        if word.kind == "fuzzy":
            self._add_fuzzy(node, word, positive)
        if not node.scores:
            return None
        # «Did you mean» is about the word as typed: a plural or verb form
        # found for a misspelt word (الجماعت -> جمعت) does not make it known.
        if positive and word.field is None and word.kind == "plain" and not any(
                self.vocab.doc_frequency(s.field, t)
                for ts in node.scores if ts.label not in MORPH_LABELS
                for s in ts.spellings for t in s.terms):
            self.out.unknown_words.append(word.text)
        if self.vowels and has_harakat(word.text):
            node.vowel_terms = self._vowel_terms(word.text, groups or None)
        return node

    def _stem_groups(self, text: str) -> list[tuple[str, ...]]:
        """The query word's stems (each a tuple of hamza spellings), read
        with and without one-letter prefixes where the vocabulary says so.

        A letter و ف ب ل ك may be a prefix (بقلم = ب + قلم) or part of the
        word (وليد, فيلم, بريطانيا).  A prefix is stripped only where the
        rest is itself a known word:

        * a query word with such a letter (لحكومة) also searches the stem
          without it (حكوم) when that stem is more frequent in the index;
        * a query word (قلم) also searches its prefixed forms (بقلم, وقلم…)
          when it is itself a known word (of the index, or of the shipped
          lexicon), or when it occurs after two different prefixes.  ليد,
          unknown alone and seen only in وليد, does not reach وليد.
        """
        ranked = ranked_terms(text)
        if not ranked:
            return []
        groups = [ranked]
        twin = _final_heh_twin(text)
        if twin is not None:
            # Only a stem of three letters or more: الله read as اللة is not له.
            groups += [g for g in (ranked_terms(twin),)
                       if g and g != ranked and all(len(t) >= 3 for t in g)]
        freq = self._freq
        split = split_terms(text)
        if split and max(freq(TEXT, t) for t in split) > max(freq(TEXT, t) for t in ranked):
            groups.append(split)
        prefixed = [tuple(p + t for t in ranked) for p in ONE_LETTER_PREFIXES]
        found = [g for g in prefixed if any(freq(TEXT, t) for t in g)]
        if found:
            known = any(freq(spec, t) for spec in TEXT_FIELDS.values() for t in ranked) or (
                self.lexicon is not None and any(self.lexicon(t) for t in ranked))
            if known or len({g[0][0] for g in found}) >= 2:
                groups += found
        return groups

    def _morph_groups(self, text: str,
                      groups: list[tuple[str, ...]]) -> list[tuple[str, float, tuple[str, ...]]]:
        """The word's broken plural or singular and, for an imperfect verb,
        its perfect, as ``(label, weight, group)``; only stems the index
        holds (see :mod:`.morph` for the rules and their guards)."""
        bases = [groups[0][0]]
        split = split_terms(text)
        if split and split in groups:
            bases.append(split[0])
        # قوانين stems to قوان (ين read as a sound plural): read the pattern on
        # the word itself too when the stemmer took ين ون ان off.
        norm = exact_terms(text)[0]  # groups is not empty, so neither is the word
        at = norm.find(bases[0])
        if at >= 0 and norm[at + len(bases[0]):] in SOUND_PLURAL_ENDINGS:
            bases.append(norm[at:])
        have = {t for g in groups for t in g}
        pre = prenormalize(text)
        plural: dict[str, int] = {}
        verb: dict[str, int] = {}

        def keep(found: dict[str, int], cand: str) -> None:
            # The index files a word under its stem: قوانين under قوان.
            term = hamza_variants(stem(cand))[0]
            if term not in have and len(term) >= 3 and (df := self._df(term)):
                found[term] = df

        for s in bases:
            if len(s) < 3:
                continue
            for cand in broken_plural_candidates(s, had_feminine(pre, s)):
                keep(plural, cand)
            perfect = imperfect_candidates(s, pre)
            if perfect and any(self._df(t) or (self.lexicon is not None and self.lexicon(t))
                               for t in verb_siblings(s)):
                for cand in perfect:
                    keep(verb, cand)
            for cand in perfect_candidates(s, pre):
                keep(verb, cand)
        out = []
        for label, weight, found in (("plural", PLURAL_WEIGHT, plural), ("verb", VERB_WEIGHT, verb)):
            best = sorted(found, key=lambda t: -found[t])[:MAX_CANDIDATES]
            if best and weight > 0:
                out.append((label, weight, tuple(best)))
        return out

    def _idf_cap(self, spec: TextField, groups: list[tuple[str, ...]],
                 alt: tuple[str, ...]) -> float:
        """A factor (at most 1) that keeps an alternative's idf from
        outweighing the word's own: a rare plural (قواعد in 2 documents)
        must not outrank a common singular (قاعدة in 500) at equal counts.
        Bounds from the vocabulary: the word's document frequency is at most
        the sum of its terms', the alternative's at least the largest."""
        n = getattr(self.vocab, "size", 0)
        if not n:
            return 1.0
        word_df = sum(self._freq(spec, t) for g in groups for t in g)
        alt_df = max(max(self.vocab.doc_frequency(spec.ranked, t),
                         self.vocab.doc_frequency(spec.exact, t)) for t in alt)
        if not alt_df:
            return 1.0
        return min(1.0, bm25_idf(n, word_df) / bm25_idf(n, alt_df))

    def _df(self, term: str) -> int:
        """Documents holding ``term`` as a stem in any text field."""
        return sum(self._freq(spec, term) for spec in TEXT_FIELDS.values())

    def _vowel_terms(self, text: str,
                     groups: list[tuple[str, ...]] | None) -> tuple[str, ...] | None:
        """The vowel-field terms that agree with the harakat of ``text``, or
        None (no restriction) when the index has no vowel data; ``groups``
        are the word's stem groups when the caller has them."""
        if VOWELS not in self.vocab.fieldnames:
            self._warn("this index was created with vowels=False: diacritics were ignored")
            return None
        key = vowel_stem(text)
        wanted = vocalized(text)
        prefix = key + VOWEL_SEP
        word_stem = stem(text)
        ok = tuple(t for t, _ in self.vocab.iter_prefix(VOWELS, prefix)
                   if (v := t[len(prefix):]) == "" or vowels_agree(v, wanted, word_stem))
        if groups is None:  # exact=True planned no stems; highlights still need them
            groups = self._stem_groups(text)
        self.out.vowel_checks.append((frozenset(t for g in groups for t in g), word_stem, wanted))
        return ok

    # -- prefix and fuzzy ---------------------------------------------------
    def _budget(self, what: str, scanned: int, kept: int) -> None:
        self.scan_left -= scanned
        self.expansions_left -= kept
        if (self.scan_left <= 0 or self.expansions_left <= 0) and not self.budget_spent:
            self.budget_spent = True
            self._warn(f"the query's prefix and fuzzy words reached their limit of "
                       f"{QUERY_EXPANSIONS} words and {QUERY_SCAN} vocabulary entries in "
                       f"all; {what} and the words after it were cut")

    def _reuse(self, key: tuple, what: str) -> None:
        """A word expanded earlier in the query: no vocabulary is read
        again, but its words count against the query's budget again."""
        kept = self.expanded[key][:max(0, self.expansions_left)]
        self.expanded[key] = kept
        self._budget(what, 0, len(kept))

    def _most_frequent(self, pairs: Iterable[tuple[int, Any]], what: str,
                       scanned: int | None = None) -> list[Any]:
        """The ``MAX_EXPANSIONS`` most frequent items of (frequency, item)
        pairs, reading at most ``MAX_SCAN`` of them (and the query's budget);
        ``scanned`` is the vocabulary read, when the caller counted it."""
        if self.expansions_left <= 0 or (scanned is None and self.scan_left <= 0):
            self._budget(what, 0, 0)
            return []
        kept = list(islice(pairs, max(0, min(MAX_SCAN, self.scan_left))))
        if scanned is None:
            scanned = len(kept)
        cap = min(MAX_EXPANSIONS, self.expansions_left)
        if len(kept) > cap:
            self._warn(f"{what} matches more than {cap} words; searched the {cap} most frequent")
            kept.sort(key=lambda p: -p[0])
            kept = kept[:cap]
        self._budget(what, scanned, len(kept))
        return [item for _, item in kept]

    def _prefix_word(self, word: Word, positive: bool) -> WordNode | None:
        """A prefix word: its expansions in the exact field, grouped so the
        hamza spellings of one word, and the word with the article, count
        once (مسؤولية, مسئولية, المسؤولية): most nouns of a text carry ال, so
        مسؤول* reaches المسؤولية as مسؤولية* does."""
        forms = hamza_variants(normalize(word.text))
        if not forms[0]:
            return None
        if len(forms[0]) >= 2 and not forms[0].startswith("\u0627\u0644"):
            forms += tuple("\u0627\u0644" + f for f in forms)
        key = ("prefix", forms, word.field)
        if key not in self.expanded:
            source = TEXT_FIELDS[word.field or TEXT.name].exact
            by_suffix: dict[str, int] = {}
            entries = ((form, term, df) for form in forms
                       for term, df in self.vocab.iter_prefix(source, form))
            scanned = 0
            for form, term, df in islice(entries, max(0, min(MAX_SCAN, self.scan_left))):
                suffix = term[len(form):]
                by_suffix[suffix] = by_suffix.get(suffix, 0) + df
                scanned += 1
            self.scan_left -= scanned
            suffixes = self._most_frequent(((df, s) for s, df in by_suffix.items()),
                                           f"{word.text}*", scanned=0)
            self.expanded[key] = [tuple(f + s for f in forms) for s in suffixes]
        else:
            self._reuse(key, f"{word.text}*")
        groups = self.expanded[key]
        node = WordNode(word.text, "prefix", [])
        for spec in self._fields(word.field):
            node.scores.append(TermScore(spec.name, tuple(Spelling(spec.exact, g) for g in groups),
                                         spec.boost, "prefix"))
            if positive:
                self._mark(spec.exact, (t for g in groups for t in g))
        return node

    def _add_fuzzy(self, node: WordNode, word: Word, positive: bool) -> None:
        """A fuzzy word: the plain word's terms (already in ``node``), and its
        neighbours in the exact field, weighted by edit distance; a document
        scores by its closest neighbour."""
        distance = word.distance
        if distance > MAX_FUZZY:
            self._warn(f"fuzzy distance ~{distance} lowered to ~{MAX_FUZZY}")
            distance = MAX_FUZZY
        norm = normalize(word.text)
        distance = max(0, min(distance, len(norm) // 2))
        if not distance:
            return
        key = ("fuzzy", norm, distance, word.field)
        if key not in self.expanded:
            source = TEXT_FIELDS[word.field or TEXT.name].exact
            own = set(exact_terms(word.text))
            found = (t for form in hamza_variants(norm)
                     for t in self.vocab.terms_within(source, form, distance,
                                                      fuzzy_prefix(form)))
            pairs = ((self.vocab.doc_frequency(source, t), t) for t in dict.fromkeys(found)
                     if t not in own)
            self.expanded[key] = [(t,) for t in
                                  self._most_frequent(((f, t) for f, t in pairs if f),
                                                      f"{word.text}~{word.distance}")]
        else:
            self._reuse(key, f"{word.text}~{word.distance}")
        neighbours = [g[0] for g in self.expanded[key]]
        if not neighbours:
            return
        for spec in self._fields(word.field):
            spellings = tuple(
                Spelling(spec.exact, (t,), FUZZY_WEIGHTS.get(levenshtein(norm, t), 0.25))
                for t in neighbours)
            node.scores.append(TermScore(spec.name, spellings, spec.boost, "fuzzy", "max"))
            if positive:
                self._mark(spec.exact, neighbours)

    # -- phrases ------------------------------------------------------------
    def _proximity(self, words: list[str]) -> ProximityNode | None:
        """The proximity bonus of a plain query's words (stop words left
        out), read in the text field: each word's stem written out in the
        surface forms the exact field may hold (see :func:`_surface_forms`),
        and its idf."""
        n = getattr(self.vocab, "size", 0)
        # One entry per stem: يُحِبَّ and يُحِبُّ (or يحب twice) are one word,
        # whose occurrences must not pair with each other.
        by_stem: dict[tuple[str, ...], tuple[str, list[tuple[str, ...]]]] = {}
        for w in words:
            g = self.word_groups.get(w)
            if g:
                by_stem.setdefault(g[0], (w, g))
        found = list(by_stem.values())
        if len(found) < 2 or not n:
            return None
        forms = tuple(_surface_forms(w, g) for w, g in found)
        idfs = tuple(bm25_idf(n, max(self._freq(TEXT, t) for grp in g for t in grp))
                     for _, g in found)
        return ProximityNode(TEXT.name, forms, idfs, TEXT.boost * PROXIMITY_BONUS,
                             tuple(w for w, _ in found))

    def _phrases(self, words: tuple[str, ...], fieldname: str | None, boost: float,
                 mark: bool = True) -> list[Any]:
        positions = tuple(p for p in (exact_terms(w) for w in words) if p)
        if not positions:
            return []
        out: list[Any] = []
        for spec in self._fields(fieldname):
            if mark:
                self._mark(spec.exact, (t for p in positions for t in p))
            if len(positions) == 1:
                out.append(WordNode(words[0], "phrase", [TermScore(
                    spec.name, (Spelling(spec.exact, positions[0]),), spec.boost * boost,
                    "form")]))
            else:
                out.append(PhraseNode(spec.name, positions, spec.boost * boost))
        return out


def _final_heh_twin(text: str) -> str | None:
    """The word with its final ة written ه, or its final ه written ة.

    People type الصلاه for الصلاة: the normalized forms agree, but the
    stemmer strips a feminine ة (صلا) and keeps a final ه that may be a
    pronoun (صلاه).  A query word is searched under both readings.
    """
    bare = text.rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640")
    if bare.endswith("\u0629"):
        return bare[:-1] + "\u0647"
    if bare.endswith("\u0647") and len(bare) >= 4:
        return bare[:-1] + "\u0629"
    return None


#: Particles and article written before a stem, and endings after it, from
#: which :func:`_surface_forms` writes a stem's likely surface forms.
#: The commonest only: each form costs a look-up per segment.
_FORM_PREFIXES = ("", "ال", "و", "وال", "ب", "بال", "ل", "لل")
_FORM_SUFFIXES = ("", "ه", "ات", "ون", "ين", "ان", "ها", "هم", "ته", "تها")


def _surface_forms(word: str, groups: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The exact-field terms under which ``word``'s stem may stand in a
    text: the stem (its first spelling: the exact field holds every
    hamza spelling at one position) with the article or a particle before it
    and a feminine, plural or pronoun ending after it (an ending only after
    three letters), and the word as written.  The surface form is what
    carries positions (the ranked field holds none); the executor keeps
    the forms the index has."""
    out = dict.fromkeys(exact_terms(word)[:1])
    s = groups[0][0]
    for e in _FORM_SUFFIXES if len(s) >= 3 else ("",):
        for p in _FORM_PREFIXES:
            out[p + s + e] = None
    return tuple(out)

