"""Query tree -> Whoosh query, with the terms each field should highlight.

Ranking (BM25F per field, scores summed over fields):

* every word searches its light stem (in the ranked field, or in the exact
  field for words that are their own stem) and its normalized form in the
  exact field, weighted ``EXACT_BOOST``, so القواعد ranks a document with
  that very word above one with only قاعدة.  The exact match is a bonus on
  top of the stem match, not a second full vote: weighting it as much as
  the stem over-rewards surface identity against the other forms of the
  same word (MRR@10 on xquad_ar when chosen: 0.930 at 1.0, 0.935 at 0.5);
* title matches weigh ``TITLE_BOOST`` times text matches;
* the spelling variants of one word (hamza seats) count once per field
  (``DisjunctionMax``), never twice;
* a plain query of several words is an OR of them, so a missing word never
  empties the result, plus the whole phrase as a bonus clause.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from whoosh import query as wq

from .normalize import hamza_variants, has_harakat, normalize, vocalized
from .query import MUST, MUST_NOT, SHOULD, DateRange, Group, Keyword, Phrase, Word
from .schema import SEARCH_FIELDS
from .terms import VOWEL_SEP, exact_terms, is_stopped, ranked_terms, split_terms, vowel_stem
from .stem import ONE_LETTER_PREFIXES, stem
from .vowels import vowels_agree

__all__ = ["Compiler", "Compiled", "EXACT_BOOST", "TITLE_BOOST", "PHRASE_BOOST",
           "MAX_EXPANSIONS", "MAX_QUERY_WORDS", "MAX_FUZZY"]

EXACT_BOOST = 0.5
TITLE_BOOST = 2.0
PHRASE_BOOST = 2.0
#: A prefix or fuzzy term expands to at most this many indexed words.
MAX_EXPANSIONS = 256
#: Words read from the vocabulary while looking for the most frequent ones.
MAX_SCAN = 20_000
#: Words of one query beyond this are ignored (a pasted book stays fast).
MAX_QUERY_WORDS = 64
MAX_FUZZY = 2


@dataclass
class Compiled:
    query: wq.Query | None
    #: field name -> terms to highlight (ranked and exact field names alike).
    highlight: dict[str, set[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: plain words of the query (checked for spelling suggestions).
    plain_words: list[str] = field(default_factory=list)
    #: top-level field:value and date: clauses, applied as filters.
    filters: list[wq.Query] = field(default_factory=list)
    #: vowels=True: (ranked terms, stem, vocalized query word) per vowelled word.
    vowel_checks: list[tuple[frozenset, str, str]] = field(default_factory=list)


class Compiler:
    """Compile one parsed query against one open reader."""

    def __init__(self, reader, *, exact: bool = False, vowels: bool = False):
        self.reader = reader
        self.exact = exact
        self.vowels = vowels
        self.out = Compiled(None)
        self.words_seen = 0
        self.keep_stops = False
        self.has_vowel_field = "text_vowels" in reader.schema

    # -- public -----------------------------------------------------------
    def compile(self, group: Group) -> Compiled:
        # A query made only of stop words searches them in the exact fields.
        self.keep_stops = self._only_stop_words(group)
        self.out.query = self._group(group, top=True)
        return self.out

    # -- helpers ----------------------------------------------------------
    def _mark(self, fieldname, terms):
        self.out.highlight.setdefault(fieldname, set()).update(terms)

    def _fields(self, name):
        if name in SEARCH_FIELDS:
            return [name]
        return list(SEARCH_FIELDS)

    @staticmethod
    def _stem_query(name, stems, boost=1.0):
        """A stem in the ranked field, or as a word of its own in the exact
        field (where the index keeps words that are their own stem)."""
        pairs = [(f, t) for t in dict.fromkeys(stems) for f in (name, SEARCH_FIELDS[name])]
        return wq.DisjunctionMax([wq.Term(f, t) for f, t in pairs], boost=boost)

    @staticmethod
    def _one_of(fieldname, terms, boost=1.0):
        terms = list(dict.fromkeys(terms))
        if len(terms) == 1:
            return wq.Term(fieldname, terms[0], boost=boost)
        return wq.DisjunctionMax([wq.Term(fieldname, t) for t in terms], boost=boost)

    def _ranked(self, text):
        """The query word's stems, read with and without one-letter prefixes
        where the index's vocabulary says so.

        A letter و ف ب ل ك may be a prefix (بقلم = ب + قلم) or part of the
        word (وليد, فيلم, بريطانيا).  The index is the lexicon: a prefix is
        "strip[ped] only where the rest is itself a known word":

        * a query word with such a letter (لحكومة) also searches the stem
          without it (حكوم) when that stem is more frequent in the index;
        * a query word (قلم) also searches its prefixed forms (بقلم, وقلم…)
          when it is itself a known word of the index, or when it occurs
          after two different prefixes.  ليد, unknown alone and seen only in
          وليد, does not reach وليد.
        """
        ranked = ranked_terms(text)
        if not ranked:
            return ranked
        reader = self.reader

        def freq(fieldname, term):  # a stem lives in the ranked or the exact field
            return (reader.doc_frequency(fieldname, term)
                    + reader.doc_frequency(SEARCH_FIELDS[fieldname], term))

        extra = []
        split = split_terms(text)
        if split and max(freq("text", t) for t in split) > max(freq("text", t) for t in ranked):
            extra += split
        prefixed = [p + t for t in ranked for p in ONE_LETTER_PREFIXES]
        found = [t for t in prefixed if freq("text", t)]
        known = any(freq("text", t) or freq("title", t) for t in ranked)
        if found and (known or len({t[0] for t in found}) >= 2):
            extra += found
        return ranked + tuple(t for t in dict.fromkeys(extra) if t not in ranked)

    def _only_stop_words(self, group):
        words = [c.node for c in _walk(group) if isinstance(c.node, Word)]
        return bool(words) and all(is_stopped(w.text) for w in words if w.kind == "plain")

    # -- nodes ------------------------------------------------------------
    def _group(self, group: Group, top=False):
        must, should, must_not = [], [], []
        plain = []
        for clause in group.clauses:
            q = self._node(clause.node, positive=clause.occur != MUST_NOT)
            if q is None:
                continue
            if top and clause.occur == MUST and isinstance(clause.node, (Keyword, DateRange)):
                # collection:news, date:2024 narrow the search; they do not
                # turn the other words optional.
                self.out.filters.append(q)
                continue
            {MUST: must, SHOULD: should, MUST_NOT: must_not}[clause.occur].append(q)
            if (clause.occur == SHOULD and isinstance(clause.node, Word)
                    and clause.node.kind == "plain" and clause.node.field is None):
                plain.append(clause.node.text)
        if top and len(plain) >= 2:
            bonus = self._phrase_query(tuple(plain), None, boost=PHRASE_BOOST, mark=False)
            if bonus is not None:
                should.append(bonus)
        if must:
            q = must[0] if len(must) == 1 else wq.And(must)
            if should:
                q = wq.AndMaybe(q, should[0] if len(should) == 1 else wq.Or(should))
        elif should:
            q = should[0] if len(should) == 1 else wq.Or(should)
        elif must_not or (top and self.out.filters):
            q = wq.Every()
        else:
            return None
        if must_not:
            q = wq.AndNot(q, must_not[0] if len(must_not) == 1 else wq.Or(must_not))
        return q

    def _node(self, node, positive):
        if isinstance(node, Group):
            return self._group(node)
        if isinstance(node, Word):
            return self._word(node, positive)
        if isinstance(node, Phrase):
            return self._phrase_query(node.words, node.field, mark=positive)
        if isinstance(node, Keyword):
            return wq.Term(node.field, node.value)
        if isinstance(node, DateRange):
            return wq.DateRange("date", node.start, node.end, endexcl=True) \
                if (node.start or node.end) else None
        return None

    def _word(self, word: Word, positive: bool):
        self.words_seen += 1
        if self.words_seen > MAX_QUERY_WORDS:
            if self.words_seen == MAX_QUERY_WORDS + 1:
                self.out.warnings.append(
                    f"only the first {MAX_QUERY_WORDS} words of the query were searched")
            return None
        if word.kind == "prefix":
            return self._expanded(word, self._prefix_terms, positive)
        if word.kind == "fuzzy":
            return self._expanded(word, self._fuzzy_terms, positive)
        exact = exact_terms(word.text)
        ranked = () if self.exact else self._ranked(word.text)
        if not ranked and not self.exact and not self.keep_stops:
            return None  # a stop word in a query that has other words
        if positive and word.field is None:
            self.out.plain_words.append(word.text)
        subs = []
        for name in self._fields(word.field):
            boost = TITLE_BOOST if name == "title" else 1.0
            if ranked:
                subs.append(self._stem_query(name, ranked, boost))
                if positive:
                    self._mark(name, ranked)
            if exact:
                subs.append(self._one_of(SEARCH_FIELDS[name], exact, boost * EXACT_BOOST))
                if positive:
                    self._mark(SEARCH_FIELDS[name], exact)
        if not subs:
            return None
        q = subs[0] if len(subs) == 1 else wq.Or(subs)
        if self.vowels and has_harakat(word.text):
            q = self._vowel_filter(word.text, q)
        return q

    def _vowel_filter(self, text, q):
        if not self.has_vowel_field:
            self.out.warnings.append(
                "this index was created with vowels=False: diacritics were ignored")
            return q
        key = vowel_stem(text)
        wanted = vocalized(text)
        prefix = key + VOWEL_SEP
        terms = (t.decode("utf-8") for t, _ in self.reader.iter_prefix("text_vowels", prefix))
        ok = [t for t in terms
              if (v := t[len(prefix):]) == "" or vowels_agree(v, wanted, stem(text))]
        self.out.vowel_checks.append((frozenset(self._ranked(text)), stem(text), wanted))
        if not ok:
            return wq.NullQuery
        return wq.And([q, wq.Or([wq.Term("text_vowels", t) for t in ok])])

    # -- prefix and fuzzy -------------------------------------------------
    def _expanded(self, word, finder, positive):
        """A prefix or fuzzy word: expanded once, against the vocabulary of
        its field (the text's, for an unfielded word: it holds nearly every
        title word too, and scanning a vocabulary is the costly part)."""
        forms = hamza_variants(normalize(word.text))
        source = SEARCH_FIELDS[word.field or "text"]
        terms = list(dict.fromkeys(t for form in forms for t in finder(source, form, word)))
        subs = []
        for name in self._fields(word.field):
            exact_field = SEARCH_FIELDS[name]
            if terms:
                boost = TITLE_BOOST if name == "title" else 1.0
                subs.append(wq.Or([wq.Term(exact_field, t) for t in terms], boost=boost))
                if positive:
                    self._mark(exact_field, terms)
        if not subs:
            return wq.NullQuery
        return subs[0] if len(subs) == 1 else wq.Or(subs)

    def _most_frequent(self, pairs, what):
        """Keep the MAX_EXPANSIONS most frequent of (doc frequency, term) pairs."""
        kept = []
        for n, pair in enumerate(pairs):
            if n >= MAX_SCAN:
                break
            kept.append(pair)
        if len(kept) > MAX_EXPANSIONS:
            warning = (f"{what} matches more than {MAX_EXPANSIONS} words; "
                       f"searched the {MAX_EXPANSIONS} most frequent")
            if warning not in self.out.warnings:
                self.out.warnings.append(warning)
            kept.sort(key=lambda p: -p[0])
            kept = kept[:MAX_EXPANSIONS]
        return [t for _, t in kept]

    def _prefix_terms(self, fieldname, norm, word):
        pairs = ((info.doc_frequency(), text.decode("utf-8"))
                 for text, info in self.reader.iter_prefix(fieldname, norm))
        return self._most_frequent(pairs, f"{word.text}*")

    def _fuzzy_terms(self, fieldname, norm, word):
        distance = word.distance
        if distance > MAX_FUZZY:
            warning = f"fuzzy distance ~{distance} lowered to ~{MAX_FUZZY}"
            if warning not in self.out.warnings:
                self.out.warnings.append(warning)
            distance = MAX_FUZZY
        distance = max(0, min(distance, len(norm) // 2))
        found = self.reader.terms_within(fieldname, norm, distance, prefix=1) \
            if distance else [norm]
        pairs = ((self.reader.doc_frequency(fieldname, t), t) for t in found)
        return self._most_frequent(((f, t) for f, t in pairs if f),
                                   f"{word.text}~{word.distance}")

    # -- phrases ------------------------------------------------------------
    def _phrase_query(self, words, fieldname, boost=1.0, mark=True):
        positions = [exact_terms(w) for w in words]
        positions = [p for p in positions if p]
        if not positions:
            return None
        subs = []
        for name in self._fields(fieldname):
            exact_field = SEARCH_FIELDS[name]
            fboost = boost * (TITLE_BOOST if name == "title" else 1.0)
            if len(positions) == 1:
                subs.append(self._one_of(exact_field, positions[0], fboost))
            elif all(len(p) == 1 for p in positions):
                subs.append(wq.Phrase(exact_field, [p[0] for p in positions], boost=fboost))
            else:
                subs.append(wq.Sequence([self._one_of(exact_field, p) for p in positions],
                                        boost=fboost))
            if mark:
                self._mark(exact_field, {t for p in positions for t in p})
        return subs[0] if len(subs) == 1 else wq.Or(subs)


def _walk(group: Group):
    for clause in group.clauses:
        if isinstance(clause.node, Group):
            yield from _walk(clause.node)
        else:
            yield clause

