"""seedsearch's analyzers as OpenSearch/Elasticsearch index settings.

:func:`analysis_settings` returns the ``analysis`` section of the body of
``PUT /NAME`` (:func:`.mappings.index_settings`), built on two analyzers:
``seedsearch_ranked`` (the light stems, stop words out:
:func:`seedsearch.text.terms.ranked_terms`) and ``seedsearch_exact`` (the
normalized word forms: :func:`seedsearch.text.terms.exact_terms`); the
others are their chains put together: :data:`RANKED_INDEX` (stem and
marked form at each word, and a vowelled accusative's form),
:data:`MARKED_FORMS` (the marked forms alone, for ``.phrases``), and the
two search analyzers.

Every rule is *generated* from seedsearch's own tables, so the two sides
cannot drift apart:

=================================  =========================================  =====================
seedsearch source                  exported as                                component
=================================  =========================================  =====================
NFKC of presentation forms         one mapping per character                  ``mapping``
NFC of U+0653-U+0655 after         reordering of the harakat before them,     ``pattern_replace``
a letter                           one regex per composition (``unicodedata``) (char filter)
``normalize._UTHMANI_RULES``       the same regexes, in order                 ``pattern_replace``
``normalize._LETTER_MAP``          one mapping per character                  ``mapping``
``analysis.WORD_PATTERN``          the same regex, ``\\w`` as ``\\p{L}\\p{N}_``   ``pattern`` tokenizer
``str.casefold``                   lower case                                 ``lowercase``
``SILENT_DAGGER_*``, dagger -> ا   lookbehind regex, then a replace-all       ``pattern_replace``
``STOP_WORDS`` (+ و ف ب ل ك)        every spelling ``fold`` maps to them       ``stop``
``stem._GOD_FORMS``                wrapped in ``<…>`` so no rule cuts them    ``pattern_replace``
``ARTICLE_PREFIXES``, guards       one anchored alternation                   ``pattern_replace``
``PRONOUN_SUFFIXES``, ت -> ة       two anchored alternations, the first       ``pattern_replace``
(not a plural's ات)                with a lookahead for the plural's ات and
                                   ``SINGULARS_IN_ALEF_TEH``
ة, ``PLURAL_SUFFIXES``             one anchored alternation                   ``pattern_replace``
``normalize._FOLD_TABLE``          one class per result letter                ``pattern_replace``
``hamza_variants``                 ؤ ئ -> ء (one spelling, not two)           ``pattern_replace``
``terms._accusative_alef_dropped`` the alef of a tanwin marked with a letter   ``pattern_replace``
                                   (:data:`ACCUSATIVE_MARK`) before the harakat
                                   go, dropped by the ranked chain, ا again in
                                   the exact chain
=================================  =========================================  =====================

The text fields are indexed with :data:`RANKED_INDEX`: at each word, its
stem (``·`` for a stop word) and its normalized form between two ``=``, so
that a query can ask for a word's stems and its very form as one term, as
seedsearch scores them; a vowelled accusative (شَدِيدًا, stem شديد) also
its form unmarked (شديدا), which seedsearch's stem reading of the bare
شديدا finds among the forms.  They search with twins of the two analyzers
(``search_analyzer``) that also split terms joined by ``|`` into terms at one
position, with ``pattern_capture``, and read a marked form as it is; the
index-aware query translation writes a word's readings that way (see
:data:`RANKED_SEARCH`).

Only stock components that are one-to-one Lucene analysis factories are used
(``mapping`` = MappingCharFilterFactory, ``pattern_replace`` =
PatternReplaceCharFilterFactory / PatternReplaceFilterFactory, ``pattern`` =
PatternTokenizerFactory, ``pattern_capture`` = PatternCaptureGroupFilterFactory,
``stemmer_override`` = StemmerOverrideFilterFactory, ``lowercase``, ``stop``),
so no plugin is needed and
the test suite can run the very same chain in Lucene.  Where the result
differs from seedsearch is listed in the README ("Moving to OpenSearch or
Elasticsearch").
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from ..text import normalize as _norm
from ..text import stem as _stem
from ..text.stopwords import STOP_WORDS
from ..text.terms import _IN_WORD, ACCUSATIVE_MIN_LEN, ALEF_MARKS, FATHATAN, HAMZA_ABOVE
from . import stemming
from .patterns import char_class, pattern_replace

__all__ = ["analysis_settings", "RANKED", "EXACT", "RANKED_INDEX", "RANKED_SEARCH",
           "EXACT_SEARCH", "STACK", "EXACT_SUBFIELD", "FORM_MARK", "STOP_PLACE", "marked_form",
           "verbatim", "PHRASES_SUBFIELD", "MARKED_FORMS"]

#: The subfield of each text field that holds its word forms (``text.exact``).
EXACT_SUBFIELD = "exact"
#: The subfield that holds them again, marked (=الرءيس=), for the two
#: dependence bonuses (the phrase bonus and the word pairs in order), which
#: seedsearch normalizes by length with its own ``sequence_b``, not the
#: field's b: a similarity of their own (:mod:`.mappings`).
PHRASES_SUBFIELD = "phrases"
#: Its analyzer: EXACT's chain, each form between two FORM_MARKs, as the
#: ranked field files them beside the stems; searched with RANKED_SEARCH.
MARKED_FORMS = "seedsearch_marked_forms"

#: Analyzer names in the exported settings.
RANKED = "seedsearch_ranked"
EXACT = "seedsearch_exact"
#: The search analyzers of the same fields: the same chains, except that
#: terms joined by :data:`STACK` (صلا|صلاه|بصلا) are one token split into
#: terms at one position, which ``combined_fields`` scores as one BM25F
#: term (synonyms: their frequencies add up, one saturation).  The
#: index-aware translation (:mod:`.planned`) writes a word's readings so;
#: text without the sign is analysed exactly as by RANKED / EXACT.
RANKED_SEARCH = "seedsearch_ranked_search"
EXACT_SEARCH = "seedsearch_exact_search"
STACK = "|"
#: The analyzer that indexes the text fields: at each word RANKED's stem and
#: EXACT's form between two :data:`FORM_MARK` (``رءيس`` and ``=الرءيس=``), so
#: that a query writes ``رءيس|=الرءيس=``, one ``combined_fields`` term that
#: saturates once, as seedsearch adds a form to its stems (a form in
#: ``.exact`` would be a clause of its own).  The marks keep every anchored
#: stemmer rule off the form; the fold, hamza and accusative rules apply.
RANKED_INDEX = "seedsearch_ranked_index"
FORM_MARK = "="
#: A stop word's token in RANKED_INDEX, beside its marked form: every word is
#: two tokens, and a length (:data:`.mappings.SIMILARITY`) counts stop words
#: too, as seedsearch's does.  Not a word character: no query reaches it.
STOP_PLACE = "\u00b7"  # ·


def marked_form(form: str) -> str:
    """The term of the normalized word form ``form`` in a ranked field."""
    return f"{FORM_MARK}{form}{FORM_MARK}"


def verbatim(stem: str) -> str:
    """``stem`` as :data:`RANKED_SEARCH` gives it back when the stemmer rules
    would cut it again (وامه, whose ه they read as a pronoun): between the
    guards that keep the name of God whole, which every anchored rule skips."""
    return f"{stemming.GUARD_OPEN}{stem}{stemming.GUARD_CLOSE}"


#: The marks normalize.py composes with the letter before them (NFC).
_NFC_MARKS = ("\u0653", "\u0654", "\u0655")
#: Harakat and Qur'anic marks that may stand between a letter and those.
_MARKS = tuple(chr(c) for c in (*range(0x064B, 0x0660), *range(0x0610, 0x061B))) \
    + (_norm.DAGGER_ALEF,)
#: Stands for the alef that carries an accusative's tanwin (خَيْرًا) from the
#: char filters, which still see the harakat, to the token filters, which do
#: not: a letter of no Arabic text (U+08A0), kept by every rule before them.
ACCUSATIVE_MARK = "\u08a0"


# -- helpers ---------------------------------------------------------------
def _escape(text: str) -> str:
    """A mapping-rule side: every character as \\uXXXX (marks and zero-width
    characters stay visible, and no space is trimmed away)."""
    return "".join(f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else c for c in text)


def _rule(key: str, value: str) -> str:
    return f"{_escape(key)} => {_escape(value)}"


def _java_replacement(repl: str) -> str:
    """A Python ``re.sub`` replacement (``\\1``) in Java's syntax (``$1``)."""
    out = repl.replace("$", "\\$")
    return re.sub(r"\\(\d)", r"$\1", out)


def _java_word_class(py_class_body: str) -> str:
    """Python's ``\\w`` (Unicode letters and digits, underscore) for Java."""
    return py_class_body.replace(r"\w", r"\p{L}\p{N}_")


# -- char filters: the per-character rules of normalize.py ---------------------
def _presentation_mapping() -> dict:
    """NFKC of every presentation form and ligature (ﷲ -> الله, ﻻ -> لا).

    A ligature that NFKC spells with spaces (ﷺ) is kept as one word.
    """
    rules = []
    for block in (range(0xFB50, 0xFE00), range(0xFE70, 0xFF00)):
        for code in block:
            c = chr(code)
            if c in _norm.ZERO_WIDTH:
                continue
            nfkc = unicodedata.normalize("NFKC", c).replace(" ", "")
            if nfkc and nfkc != c:
                rules.append(_rule(c, nfkc))
    return {"type": "mapping", "mappings": rules}


def _nfc_reordering() -> list[dict]:
    """NFC's canonical ordering around U+0653-U+0655: harakat of a lower
    combining class move before them (ـٔـَ -> ـَـٔ), as NFC does first."""
    out = []
    for mark in sorted(_NFC_MARKS, key=unicodedata.combining, reverse=True):
        ccc = unicodedata.combining(mark)
        lower = [m for m in _MARKS if 0 < unicodedata.combining(m) < ccc]
        out.append(pattern_replace("(" + mark + ")(" + char_class(lower) + "+)", "$2$1",
                                   char_filter=True))
    return out


def _nfc_compositions() -> list[dict]:
    """NFC of a letter + U+0653/U+0654/U+0655 (و + ٔ -> ؤ), also across
    harakat that canonical ordering lets through."""
    out = []
    for mark in _NFC_MARKS:
        ccc = unicodedata.combining(mark)
        between = [m for m in _MARKS if 0 < unicodedata.combining(m) < ccc]
        for code in range(0x0600, 0x0700):
            composed = unicodedata.normalize("NFC", chr(code) + mark)
            if len(composed) == 1:
                out.append(pattern_replace(
                    re.escape(chr(code)) + "(" + char_class(between) + "*)" + mark,
                    composed + "$1", char_filter=True))
    return out


def _uthmani() -> list[dict]:
    return [pattern_replace(p.pattern, _java_replacement(r), char_filter=True)
            for p, r in _norm._UTHMANI_RULES]


def _accusative() -> list[dict]:
    """The word-final alef whose marks hold the tanwin of the accusative
    (in the run before it, which has no hamza above, or after it), as
    :data:`ACCUSATIVE_MARK`: ``terms._accusative_alef_dropped`` in Java."""
    marks = f"[{ALEF_MARKS}]"
    before = "[" + ALEF_MARKS.replace(HAMZA_ABOVE, "") + "]"
    run = f"(?:^|[^{ALEF_MARKS}]){before}{{0,8}}"
    end = f"{marks}*\u0640*(?![{_java_word_class(_IN_WORD)}])"
    return [pattern_replace(f"(?<={run}{FATHATAN}{before}{{0,8}}){_norm.ALEF}(?={end})",
                            ACCUSATIVE_MARK, char_filter=True),
            pattern_replace(f"(?<={run}){_norm.ALEF}(?={marks}*{FATHATAN}{end})",
                            ACCUSATIVE_MARK, char_filter=True)]


def _letter_mapping() -> dict:
    rules = [_rule(chr(k), v or "") for k, v in sorted(_norm._LETTER_MAP.items())]
    return {"type": "mapping", "mappings": rules}


# -- token filters ---------------------------------------------------------------
def _word_pattern() -> str:
    body = _java_word_class(_IN_WORD)
    return "[" + body + "]+(?:\\.[\\p{L}\\p{N}_][" + body + "]*)*"


def _silent_dagger() -> dict:
    """The dagger alef of هٰذا ذٰلك الرحمٰن… removed (imla'i writes no alef)."""
    prefix = _norm.SILENT_DAGGER_PREFIX
    alts = [f"(?<=^{prefix}{before}){_norm.DAGGER_ALEF}(?={after})"
            for before, after in _norm.SILENT_DAGGER_WORDS]
    return pattern_replace("|".join(alts))


def _unfold(word: str) -> list[str]:
    """Every spelling that ``normalize.fold`` turns into ``word``."""
    sources = stemming.folded_from()
    choices = [[c, *sources.get(c, [])] for c in word]
    return ["".join(p) for p in itertools.product(*choices)]


def _stop_words() -> list[str]:
    """Prenormalized spellings of the stop words, also with و ف ب ل ك
    attached (terms._is_stop), because the stemmer below still needs أ and ة."""
    words = set()
    for stop in STOP_WORDS:
        for form in _unfold(stop):
            words.add(form)
            for p in _stem.ONE_LETTER_PREFIXES:
                if len(p + form) >= 3:
                    words.add(p + form)
    # أيضًا is a stop word with its tanwin too (the stop test reads the whole word).
    words |= {w[:-1] + ACCUSATIVE_MARK for w in words if w.endswith(_norm.ALEF)}
    return sorted(words)


# -- assembly --------------------------------------------------------------------
def analysis_settings() -> dict:
    """The ``settings.analysis`` section: components and the analyzers (the
    two, the index analyzer of the ranked fields and the search twins)."""
    stop_words = _stop_words()
    char_filter = {"seedsearch_presentation": _presentation_mapping()}
    names = ["seedsearch_presentation"]
    for i, spec in enumerate(_accusative(), 1):  # on the word as written, as terms.py reads it
        char_filter[f"seedsearch_accusative_{i}"] = spec
        names.insert(i - 1, f"seedsearch_accusative_{i}")
    for i, spec in enumerate(_nfc_reordering() + _nfc_compositions() + _uthmani(), 1):
        char_filter[f"seedsearch_compose_{i:02d}"] = spec
        names.append(f"seedsearch_compose_{i:02d}")
    char_filter["seedsearch_letters"] = _letter_mapping()
    names.append("seedsearch_letters")

    filters: dict[str, dict] = {
        "seedsearch_silent_dagger": _silent_dagger(),
        "seedsearch_dagger": pattern_replace(_norm.DAGGER_ALEF, _norm.ALEF),
        "seedsearch_stop": {"type": "stop", "stopwords": stop_words, "ignore_case": False},
        # The ranked field drops the tanwin's alef (words long enough), the exact field keeps it.
        "seedsearch_accusative_drop": pattern_replace(
            f"^(.{{{ACCUSATIVE_MIN_LEN - 1},}}){ACCUSATIVE_MARK}$", "$1"),
        "seedsearch_accusative_keep": pattern_replace(ACCUSATIVE_MARK, _norm.ALEF),
    }
    pre = ["lowercase", "seedsearch_silent_dagger", "seedsearch_dagger"]
    stem_chain = []
    for i, spec in enumerate(stemming.guard_god_filters(), 1):
        filters[f"seedsearch_guard_{i}"] = spec
        stem_chain.append(f"seedsearch_guard_{i}")
    filters["seedsearch_article"] = stemming.article_filter()
    filters["seedsearch_construct"], filters["seedsearch_pronoun"] = stemming.pronouns_filters()
    filters["seedsearch_endings"] = stemming.endings_filter()
    filters["seedsearch_unguard"] = pattern_replace(
        "^" + re.escape(stemming.GUARD_OPEN) + "(.*)" + re.escape(stemming.GUARD_CLOSE) + "$",
        "$1")
    stem_chain += ["seedsearch_article", "seedsearch_construct", "seedsearch_pronoun",
                   "seedsearch_endings", "seedsearch_unguard"]
    fold = []
    for i, spec in enumerate(stemming.fold_filters(), 1):
        filters[f"seedsearch_fold_{i}"] = spec
        fold.append(f"seedsearch_fold_{i}")
    filters["seedsearch_hamza"] = stemming.hamza_seats_filter()
    fold.append("seedsearch_hamza")

    word = _word_pattern()
    stack = re.escape(STACK)
    mark = re.escape(FORM_MARK)
    # A query's term is a word, a marked form (=الرئيس=) or a guarded stem
    # (<وامه>), several joined by STACK.
    guarded = f"{re.escape(stemming.GUARD_OPEN)}(?:{word}){re.escape(stemming.GUARD_CLOSE)}"
    term = f"{mark}(?:{word}){mark}|{guarded}|{word}"
    tokenizer = {"seedsearch_words": {"type": "pattern", "pattern": word, "group": 0},
                 "seedsearch_stacked_words": {"type": "pattern", "group": 0,
                                              "pattern": f"(?:{term})(?:{stack}(?:{term}))*"}}
    # pattern_capture emits every match of its pattern at the token's position.
    filters["seedsearch_stack"] = {"type": "pattern_capture", "preserve_original": False,
                                   "patterns": [f"([^{stack}]+)"]}
    # The word, then its marked copy at the same position (RANKED_INDEX).
    filters["seedsearch_form_copy"] = pattern_replace("^(.+)$", f"$1{STACK}{FORM_MARK}$1{FORM_MARK}")
    # The marked form alone (MARKED_FORMS).
    filters["seedsearch_form_mark"] = pattern_replace("^(.+)$", f"{FORM_MARK}$1{FORM_MARK}")
    # A stop word's own token becomes STOP_PLACE in RANKED_INDEX (one-to-one,
    # a dictionary lookup: stemmer_override), after its copy is made.
    filters["seedsearch_stop_place"] = {"type": "stemmer_override", "rules": [
        f"{w} => {STOP_PLACE}" for w in stop_words]}
    # A vowelled accusative (شَدِيدًا) is filed under its stem (شديد), and its
    # form (=شديدا=); seedsearch's stems are read from its forms too, where
    # they coincide, so a bare شديدا, whose stem keeps the alef, counts it as
    # stem and form; here a third token, its form guarded off the stemmer.
    filters["seedsearch_accusative_copy"] = pattern_replace(
        f"^(.{{{ACCUSATIVE_MIN_LEN - 1},}}){ACCUSATIVE_MARK}$",
        f"$0{STACK}{stemming.GUARD_OPEN}$1{_norm.ALEF}{stemming.GUARD_CLOSE}")
    tail = ["seedsearch_accusative_drop", "seedsearch_accusative_keep"] + stem_chain + fold
    ranked = pre + ["seedsearch_stop"] + tail
    exact = pre + ["seedsearch_accusative_keep"] + fold
    analyzer = {
        RANKED: {"type": "custom", "char_filter": names, "tokenizer": "seedsearch_words",
                 "filter": ranked},
        RANKED_INDEX: {"type": "custom", "char_filter": names, "tokenizer": "seedsearch_words",
                       "filter": pre + ["seedsearch_form_copy", "seedsearch_stack",
                                        "seedsearch_stop_place", "seedsearch_accusative_copy",
                                        "seedsearch_stack"] + tail},
        EXACT: {"type": "custom", "char_filter": names, "tokenizer": "seedsearch_words",
                "filter": exact},
        MARKED_FORMS: {"type": "custom", "char_filter": names, "tokenizer": "seedsearch_words",
                       "filter": exact + ["seedsearch_form_mark"]},
        RANKED_SEARCH: {"type": "custom", "char_filter": names,
                        "tokenizer": "seedsearch_stacked_words",
                        "filter": ["seedsearch_stack"] + ranked},
        EXACT_SEARCH: {"type": "custom", "char_filter": names,
                       "tokenizer": "seedsearch_stacked_words",
                       "filter": ["seedsearch_stack"] + exact},
    }
    return {"char_filter": char_filter, "tokenizer": tokenizer, "filter": filters,
            "analyzer": analyzer}
