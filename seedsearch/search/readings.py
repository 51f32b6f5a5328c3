"""How one query word is read against an index's vocabulary.

A query word is searched under more than its light stem, where the index's
vocabulary says it should be:

* with or without a one-letter prefix (و ف ب ل ك): بقلم as ب + قلم, while
  وليد, فيلم and بريطانيا stay whole (:meth:`Readings.stem_groups`);
* with a final ة written ه, or ه written ة (:func:`final_heh_twin`);
* its broken plural or singular and its other verb form, when the index
  holds them (:meth:`Readings.morph_groups`, rules in
  :mod:`seedsearch.text.morph`), each weighted by the :class:`Ranking`;
* with the harakat it was typed with, for ``vowels=True``
  (:meth:`Readings.vowel_terms`);
* and, for the proximity bonus, the surface forms its stem may stand under
  in a text (:func:`surface_forms`).

Every reading is a *group*: a tuple of hamza spellings of one term.
"""

from __future__ import annotations

from collections.abc import Callable

from ..fields import TEXT, TEXT_FIELDS, VOWELS, TextField
from ..text.morph import (
    MAX_CANDIDATES,
    broken_plural_candidates,
    had_feminine,
    imperfect_candidates,
    perfect_candidates,
    verb_siblings,
)
from ..text.normalize import hamza_variants, prenormalize, vocalized
from ..text.stem import ONE_LETTER_PREFIXES, PRONOUN_SUFFIXES, stem
from ..text.terms import VOWEL_SEP, exact_terms, ranked_terms, split_terms, vowel_stem
from ..text.vowels import vowels_agree
from .kinds import TermKind
from .nodes import Vocabulary
from .ranking import Ranking

__all__ = ["Group", "Readings", "final_heh_twin", "surface_forms", "SOUND_PLURAL_ENDINGS",
           "prefixed_groups"]

#: The hamza spellings of one term.
Group = tuple[str, ...]

#: The fields a word's stem readings are counted in (see :meth:`Readings.freq`).
_STEM_FIELDS = tuple(f for spec in TEXT_FIELDS.values() for f in (spec.ranked, spec.exact))

#: A form with a one-letter prefix at least this share as common as the bare
#: form is read as a word of its own (see :meth:`Readings._own_word`).
PREFIX_SHARE = 0.5
#: ... and held by at least this many documents (fewer say too little).
OWN_WORD_DOCS = 20

#: The shortest stem a query word reaches with و ف ب ل ك attached.
MIN_PREFIXED_STEM = 3

#: Sound plural endings the light stemmer strips that a broken plural may
#: also end in (قوانين, ميادين): see :meth:`Readings.morph_groups`.
SOUND_PLURAL_ENDINGS = ("\u064a\u0646", "\u0648\u0646", "\u0627\u0646")


def _hamza_below(pre: str, norm: str, stem: str) -> bool:
    """Whether ``stem`` begins, in the word as typed (``pre``, its letters
    as written; ``norm``, normalized), with إ."""
    at = norm.find(stem)
    return at >= 0 and len(pre) == len(norm) and pre[at:at + 1] == "\u0625"


class Readings:
    """The readings of query words against one vocabulary (and the shipped
    lexicon of known stems, which stands in for a small index's)."""

    def __init__(self, vocab: Vocabulary, ranking: Ranking,
                 lexicon: Callable[[str], bool] | None = None):
        self.vocab = vocab
        self.ranking = ranking
        self.lexicon = lexicon

    def freq(self, spec: TextField, term: str) -> int:
        """Documents with ``term`` as a stem of ``spec`` (either index field)."""
        return (self.vocab.doc_frequency(spec.ranked, term)
                + self.vocab.doc_frequency(spec.exact, term))

    def df(self, term: str) -> int:
        """Documents holding ``term`` as a stem in any text field."""
        return sum(self.freq(spec, term) for spec in TEXT_FIELDS.values())

    def _known(self, term: str) -> bool:
        return self.lexicon is not None and self.lexicon(term)

    def stem_groups(self, text: str) -> list[Group]:
        """The query word's stems (each a tuple of hamza spellings), read
        with and without one-letter prefixes where the vocabulary says so.

        A letter و ف ب ل ك may be a prefix (بقلم = ب + قلم) or part of the
        word (وليد, فيلم, بريطانيا).  A prefix is stripped only where the
        rest is itself a known word:

        * a query word with such a letter (لحكومة) also searches the stem
          without it (حكوم) when that is more frequent in the index;
        * a query word (قلم) also searches its prefixed forms (بقلم, وقلم…, as
          filed: :func:`prefixed_groups`) when it is a known word (of the index
          or the shipped lexicon) or occurs after two different prefixes: ليد,
          unknown alone and seen only in وليد, does not reach وليد;
        * neither reading applies where the prefixed form is a word of its
          own (:meth:`_own_word`): احد does not reach واحد, nor واحد احد;
        * a two-letter stem (بر) reaches no prefixed form: with a letter it
          has a root's length, and كبر, وبر are words of their own.
        """
        ranked = ranked_terms(text)
        if not ranked:
            return []
        groups = [ranked]
        twin = final_heh_twin(text)
        twin_terms = ranked_terms(twin) if twin is not None else ()
        split = split_terms(text)
        prefixed = [prefixed_groups(p, ranked) for p in ONE_LETTER_PREFIXES
                    if min(map(len, ranked)) >= MIN_PREFIXED_STEM]
        self.vocab.prefetch(_STEM_FIELDS, [*ranked, *twin_terms, *(split or ()),
                                           *(t for gs in prefixed for g in gs for t in g)])
        # Only a stem of three letters or more: الله read as اللة is not له.
        if twin_terms and twin_terms != ranked and all(len(t) >= 3 for t in twin_terms):
            groups.append(twin_terms)
        freq = self.freq
        if split and max(freq(TEXT, t) for t in split) > max(freq(TEXT, t) for t in ranked) \
                and not self._own_word(ranked, split):
            groups.append(split)
        # Pronoun forms the index has; the prefixed form alone tells its own word.
        found = [[gs[0], *(g for g in gs[1:] if any(map(self.df, g)))] for gs in prefixed
                 if any(freq(TEXT, t) for g in gs for t in g) and not self._own_word(gs[0], ranked)]
        if found:
            known = any(freq(spec, t) for spec in TEXT_FIELDS.values() for t in ranked) or \
                any(self._known(t) for t in ranked)
            if known or len({gs[0][0][0] for gs in found}) >= 2:
                groups += [g for gs in found for g in gs]
        return groups

    def _own_word(self, prefixed: Group, bare: Group) -> bool:
        """Whether a form with a one-letter prefix is a word of its own
        rather than the bare form with و ف ب ل ك attached.  A conjunction
        or preposition attaches to a minority of a word's occurrences: in the
        137,000-document bench corpus وقال and فقال are each a third as
        common as قال, والله 8% of الله, بكتاب 6% of كتاب.  A form at least
        :data:`PREFIX_SHARE` as common as the bare one is read as its own
        word: واحد (0.74 of احد), وحده, وجه, ولد, كلام, كبير.  A form held by
        fewer than :data:`OWN_WORD_DOCS` documents says too little (in a
        small collection بقلم and القلم are one document each), and the
        prefix reading applies, as it does when the bare form is not in the
        index at all (the shipped lexicon, which holds بكتاب and واحد alike,
        cannot tell them apart)."""
        whole = max(self.freq(TEXT, t) for t in prefixed)
        base = max(self.freq(TEXT, t) for t in bare)
        return base > 0 and whole >= OWN_WORD_DOCS and whole >= PREFIX_SHARE * base

    def morph_groups(self, text: str, groups: list[Group]) -> list[tuple[TermKind, float, Group]]:
        """The word's broken plural or singular and, for an imperfect verb,
        its perfect, as ``(kind, weight, group)``; only stems the index
        holds (see :mod:`seedsearch.text.morph` for the rules and guards)."""
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

        def term_of(cand: str) -> str:
            # The index files a word under its stem: قوانين under قوان.
            return hamza_variants(stem(cand))[0]

        def keep(found: dict[str, int], cand: str) -> None:
            term = term_of(cand)
            if term not in have and len(term) >= 3 and (df := self.df(term)):
                found[term] = df

        forms = [(broken_plural_candidates(s, had_feminine(pre, s), _hamza_below(pre, norm, s)),
                  imperfect_candidates(s, pre), verb_siblings(s), perfect_candidates(s, pre))
                 for s in bases if len(s) >= 3]
        self.vocab.prefetch(_STEM_FIELDS, [
            t for plurals, perfect, siblings, perfects in forms
            for t in (*map(term_of, (*plurals, *perfect, *perfects)), *siblings)])
        for plurals, perfect, siblings, perfects in forms:
            for cand in plurals:
                keep(plural, cand)
            if perfect and any(self.df(t) or self._known(t) for t in siblings):
                for cand in perfect:
                    keep(verb, cand)
            for cand in perfects:
                keep(verb, cand)
        out = []
        for kind, weight, found in ((TermKind.PLURAL, self.ranking.plural_weight, plural),
                                    (TermKind.VERB, self.ranking.verb_weight, verb)):
            best = sorted(found, key=lambda t: -found[t])[:MAX_CANDIDATES]
            if best and weight > 0:
                out.append((kind, weight, tuple(best)))
        return out

    def vowel_terms(self, text: str, groups: list[Group] | None
                    ) -> tuple[tuple[str, ...], tuple[frozenset[str], str, str]]:
        """The vowels-field terms that agree with the harakat of ``text``,
        and the check highlights apply to its matches (ranked terms, stem,
        vocalized word); ``groups`` are the word's stem groups if known."""
        key = vowel_stem(text)
        wanted = vocalized(text)
        prefix = key + VOWEL_SEP
        word_stem = stem(text)
        ok = tuple(t for t, _ in self.vocab.iter_prefix(VOWELS, prefix)
                   if (v := t[len(prefix):]) == "" or vowels_agree(v, wanted, word_stem))
        if groups is None:  # exact=True planned no stems; highlights still need them
            groups = self.stem_groups(text)
        return ok, (frozenset(t for g in groups for t in g), word_stem, wanted)


def prefixed_groups(prefix: str, stems: Group) -> list[Group]:
    """The terms under which the index files ``stems`` (a stem's hamza
    spellings) with the one-letter ``prefix`` before them: the stems with the
    prefix, and, where the stemmer cuts those further, each pronoun's word
    forms that it files under the cut stem (a group of their own: two such
    forms in a document are two occurrences).

    A four-letter plural in ات keeps its ending (آيات -> ايات: two letters
    would be left), but with a prefix it has five and loses it (بآيات,
    بآياتنا -> باي), so ب + ايات found بآيات only by its form and never
    بِآيَاتِنَا, which 57 verses of the Qur'an hold.  The cut stem itself is
    not asked for: باي is also بأيكم's, كاي كائنا's.  (The stemmer cannot
    tell بآيات, ب + آيات, from كلمات, whose ك is the root's; the query, which
    knows it typed آيات, can.)
    """
    bare = tuple(dict.fromkeys(prefix + t for t in stems))
    cut = {term: stem(term) for term in bare}
    forms = (tuple(term + suffix for term in bare
                   if cut[term] != term and stem(term + suffix) == cut[term])
             for suffix, _ in PRONOUN_SUFFIXES)
    return [bare, *(g for g in forms if g)]


def final_heh_twin(text: str) -> str | None:
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
#: which :func:`surface_forms` writes a stem's likely surface forms.
#: The commonest only: each form costs a look-up per segment.
_FORM_PREFIXES = ("", "ال", "و", "وال", "ب", "بال", "ل", "لل")
_FORM_SUFFIXES = ("", "ه", "ات", "ون", "ين", "ان", "ها", "هم", "ته", "تها")


def surface_forms(word: str, groups: list[Group]) -> tuple[str, ...]:
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
