"""A light Arabic stemmer: pure functions and affix tables, no Whoosh.

In the spirit of Larkey, Ballesteros and Connell's *light10* (Light Stemming
for Arabic Information Retrieval, 2007), the best light stemmer of the TREC
2001/2002 Arabic runs, with these changes, each found on real text:

=====================  ===============================  ===============================
Rule                   light10                          seedsearch
=====================  ===============================  ===============================
article ال             stripped from any word           only a bare-alef ال: ألمانيا,
                                                        ألعاب, ألف keep their alef-lam
article combinations   وال بال كال فال لل               also وبال فبال وكال ولل فلل; not
                                                        كال وكال before an ending only
                                                        (وكالات, وكالته: agency)
the name of God        الله -> له                       الله لله بالله والله -> الله
single و ف ب ل ك       و stripped if 3 letters remain    never by :func:`stem`: وليد,
                                                        فيلم, بريطانيا, لندن, كريم stay
                                                        whole; a query reads a word with
                                                        or without the letter where the
                                                        index's vocabulary says so
                                                        (:func:`prefix_split`)
ة / ه                  ة and ه stripped                 ة stripped if 3 letters remain
                                                        (مدرسة -> مدرس); a pronoun ه
                                                        only if 3 remain and no ا
                                                        precedes it (اتجاه, مياه stay)
ي                      stripped                         kept: it is the nisba ending
                                                        (سوري, روسي, عسكري) far more
                                                        often than "my"
pronouns               ها ه                             ها هم هما هن كم كما ه, then
                                                        a construct ت -> ة (سياستها
                                                        -> سياس, like سياسة), not in a
                                                        plural's ات (حكوماتهم -> حكوم)
نا                     kept                             stripped if 3 letters remain
                                                        (وطننا -> وطن, as Snowball's
                                                        noun step), not after ا و ي
                                                        (أحيانا, كورونا, فيينا) nor in
                                                        حدثنا أخبرنا أنبأنا
plurals and duals      ات ون ين ان (2 letters left)     ات (3 letters left), ون ين ان
                                                        (4 left: قانون, لبنان, بوتين,
                                                        سودان stay whole)
=====================  ===============================  ===============================

Every guard says how many letters must remain; ``MIN_STEM_LEN`` is the floor.
The stemmer works on :func:`seedsearch.text.normalize.prenormalize` output (so it
can see أ and ة) and returns the fully normalized stem.
"""

from __future__ import annotations

from functools import lru_cache

from .normalize import fold, prenormalize

__all__ = ["stem", "stem_prenormalized", "prefix_split", "ONE_LETTER_PREFIXES", "MIN_STEM_LEN"]

#: No rule leaves fewer letters than this.
MIN_STEM_LEN = 2

#: Definite article with the particles that attach before it, longest first.
#: Each entry: (prefix, letters that must remain after it).
ARTICLE_PREFIXES: tuple[tuple[str, int], ...] = (
    ("وبال", 2), ("فبال", 2), ("وكال", 2), ("فكال", 2),
    ("وال", 2), ("فال", 2), ("بال", 2), ("كال", 2),
    # ل + ال is written لل (لِلرَّئِيسِ); 3 letters must remain so that
    # للغة (ل + اللغة) is not cut to غة; see _strip_article.
    ("ولل", 3), ("فلل", 3), ("لل", 3),
    ("ال", 2),
)

#: The name of God and its prefixed forms: the article rule must not cut it.
GOD = "الله"
_GOD_FORMS = {"الله": GOD, "لله": GOD, "بالله": GOD, "والله": GOD, "فالله": GOD,
              "تالله": GOD, "ولله": GOD, "فلله": GOD, "اللهم": "اللهم"}

#: Conjunctions and prepositions written attached to the next word.
ONE_LETTER_PREFIXES = ("و", "ف", "ب", "ل", "ك")

#: Pronoun suffixes, longest first, with the letters that must remain.
#: ك ("your", masc. sg.) and ي ("my") are left out: ملك, شريك, تحرك and
#: the nisba adjectives (سوري) end in them far more often.
#: نا ("our", "us", "we") needs 3 letters left, as in the Snowball Arabic
#: stemmer's noun step (a word of 5 letters or more), and is kept after a
#: long vowel (see ``NA_AFTER_LONG_VOWEL``) and in the isnad formulas (``NA_KEEP``).
PRONOUN_SUFFIXES: tuple[tuple[str, int], ...] = (
    ("هما", 3), ("كما", 3),
    ("ها", 3), ("هم", 3), ("هن", 3), ("كم", 3), ("نا", 3),
    ("ه", 3),
)

NA = "\u0646\u0627"
#: نا after ا و ي is mostly not "our": the accusative of a word in ن
#: (أحيانا, مجانا, إيمانا), or a name (كورونا, فيينا, يقينا).
NA_AFTER_LONG_VOWEL = frozenset("\u0627\u0648\u064a")
#: The isnad formulas of hadith stay whole, so that حدثنا (he told us) in
#: every chain does not file under حدث (event) next to the news; with و or
#: ف before them too (وحدثنا, فأنبأنا), as a chain joins its narrators.
_ISNAD_FORMULAS = ("حدثنا", "حدثتنا", "أخبرنا", "أخبرتنا", "أنبأنا", "أنبأتنا")
NA_KEEP = frozenset(fold(conj + w) for w in _ISNAD_FORMULAS for conj in ("", "و", "ف"))

#: A sound feminine plural keeps its ت before a pronoun (حكوماتهم is
#: حكومات + هم, سياراتنا is سيارات + نا, قواتها is قوات + ها): the construct
#: rule (ت -> ة) does not apply, and the word stems as the bare plural does,
#: meeting حكومات and حكومة.  Only the nouns in اة (صلاته, مباراتهم), a list
#: (:data:`SINGULARS_IN_ALEF_TEH`), keep the construct reading, also after
#: up to this many one-letter prefixes (بحياته, وبصلاته).
PLURAL_PREFIXES_MAX = 2
#: The nouns in اة.  The short ones are a closed class: nouns of a root whose
#: last radical is و or ي (صلاة, حياة, زكاة, قناة) and the broken plurals
#: فُعاة of such verbs' active participles (قاض -> قضاة, داع -> دعاة).  The
#: longer ones have productive shapes, of which the list holds the common
#: members: the verbal noun of form III (مُفاعَلة) of such a verb, written
#: مفاعاة (ساوى -> مساواة, عانى -> معاناة); مَفْعَلة, a verbal noun or a noun
#: of place (مرضاة, مأساة, منجاة), and مِفْعَلة, an instrument (مصفاة, مرآة,
#: مخلاة); plus التوراة, مشكاة, مولاة (the feminine of مولى) and امرأة
#: (امراته, written without its hamza).  From the grammar's rules, not from a
#: corpus; any other word in ات before a pronoun is read as a plural.  Left
#: out: short words whose letters are also a common plural's (بناته is بنات +
#: ه, "his daughters", far more often than بناة + ه) or become one after a
#: prefix letter (حداة: وحداته is وحدات + ه).
SINGULARS_IN_ALEF_TEH = frozenset(fold(w) for w in (
    "صلاة", "حياة", "زكاة", "ذكاة", "قناة", "فتاة", "نواة", "وفاة", "نجاة", "أداة",
    "حصاة", "فلاة", "غداة", "مهاة", "لهاة", "شاة", "مناة",
    "قضاة", "دعاة", "رماة", "غزاة", "ولاة", "رعاة", "بغاة", "حماة", "هداة", "سعاة",
    "مشاة", "عراة", "طغاة", "غلاة", "رواة", "سقاة", "عصاة", "نحاة",
    "حفاة", "قساة", "دهاة", "أساة", "سراة", "تقاة",
    "مباراة", "مساواة", "معاناة", "مراعاة", "مواساة", "مؤاساة", "محاكاة", "مناجاة",
    "موالاة", "مداراة", "ملاقاة", "مجاراة", "مكافاة", "مناداة", "مداواة", "مقاضاة",
    "محاباة", "مغالاة", "مباهاة", "مواراة", "موافاة", "مؤاخاة", "مجافاة", "معافاة",
    "مصافاة", "موازاة", "محاذاة", "مماشاة", "مجازاة", "مفاداة", "مداناة", "معاداة",
    "مبالاة", "محاماة", "مقاساة", "مماراة", "مراءاة", "منافاة", "مناواة", "معاطاة",
    "مساقاة",
    "مأساة", "مرآة", "مرضاة", "مرقاة", "مسعاة", "منجاة", "ملهاة", "مرساة", "مدعاة",
    "مرماة", "مصفاة", "مقلاة", "مهواة", "مخلاة", "مكواة", "مشواة",
    "توراة", "مشكاة", "مولاة", "امرأة",
))

#: Sound plural and dual endings with the letters that must remain.
PLURAL_SUFFIXES: tuple[tuple[str, int], ...] = (
    ("ات", 3),  # حكومات -> حكوم (as حكومة -> حكوم)
    ("ون", 4), ("ين", 4),  # لاعبون -> لاعب; قانون, بوتين stay
    ("ان", 4),  # لاعبان -> لاعب; لبنان, سودان stay
)

TEH_MARBUTA = "\u0629"
TEH = "\u062a"
ALEF = "\u0627"
HEH = "\u0647"

#: ل + ال written لل before a word that starts with ل (للغة = ل + اللغة):
#: one ل is dropped when the word has at least this many letters.
LAM_MERGE = "لل"
LAM_MERGE_MIN_LEN = 4
#: The feminine ة is stripped when at least this many letters remain.
FEMININE_KEEP = 3
#: A ت left bare by a pronoun becomes ة in words at least this long.
CONSTRUCT_MIN_LEN = 4


#: وكالة (agency) reads as و + ك + ال + ة: an article with ك before it is
#: not stripped where only an ending would remain (وكالات, وكالته,
#: وكالاتها), so that those meet الوكالة; كالتمر, وكالجبال lose it.
KAF_ARTICLES = frozenset({"كال", "وكال", "فكال"})
ENDINGS_ONLY = frozenset(e + p for e in (TEH_MARBUTA, ALEF + TEH, TEH)
                         for p in ("", *(s for s, _ in PRONOUN_SUFFIXES)))


def _strip_article(word: str) -> str:
    for prefix, keep in ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= keep:
            if prefix in KAF_ARTICLES and word[len(prefix):] in ENDINGS_ONLY:
                continue
            return word[len(prefix):]
    if word.startswith(LAM_MERGE) and len(word) >= LAM_MERGE_MIN_LEN:
        # ل + اللغة -> للغة: the article's lam merged with the word's own.
        return word[1:]
    return word


def _is_plural(word: str) -> bool:
    """``word``, ending in ت before a pronoun, is a sound feminine plural
    (حكومات of حكوماتهم), not a noun in اة (مباراة of مباراتهم, حياة of
    بحياته)."""
    if not word.endswith(ALEF + TEH):
        return False
    singular = word[:-1] + TEH_MARBUTA
    for k in range(PLURAL_PREFIXES_MAX + 1):
        if fold(singular[k:]) in SINGULARS_IN_ALEF_TEH:
            return False
        if singular[k] not in ONE_LETTER_PREFIXES:
            break
    return True


def _strip_suffixes(word: str) -> str:
    for suffix, keep in PRONOUN_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            if suffix == HEH and word[-2] == ALEF:
                break  # اتجاه, مياه, انتباه: the heh is the root's
            if suffix == NA and (word[-3] in NA_AFTER_LONG_VOWEL or fold(word) in NA_KEEP):
                break  # أحيانا, كورونا, فيينا; حدثنا
            word = word[: -len(suffix)]
            if word.endswith(TEH) and len(word) >= CONSTRUCT_MIN_LEN and not _is_plural(word):
                # A ة before a pronoun is written ت: سياستها = سياسة + ها.
                word = word[:-1] + TEH_MARBUTA
            break
    if word.endswith(TEH_MARBUTA) and len(word) - 1 >= FEMININE_KEEP:
        return word[:-1]
    for suffix, keep in PLURAL_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """Return the light stem of one word, fully normalized.

    >>> stem("والرئيسُ"), stem("بالقواعد"), stem("سياستها"), stem("وليد")
    ('رئيس', 'قواعد', 'سياس', 'وليد')

    A hamza on its seat stays (رئيس); the index files the seatless spelling
    (رييس) beside it, see :func:`seedsearch.text.normalize.hamza_variants`.

    A word never stems to the empty string, and ``stem`` accepts any form:
    vowelled, Persian letters, presentation forms.
    """
    return stem_prenormalized(prenormalize(word))


@lru_cache(maxsize=1 << 17)
def stem_prenormalized(w: str) -> str:
    """:func:`stem` of a word that is already :func:`prenormalize`-d."""
    if w in _GOD_FORMS:
        return _GOD_FORMS[w]
    if len(w) <= MIN_STEM_LEN:
        return fold(w)
    return fold(_strip_suffixes(_strip_article(w)))


def prefix_split(word: str) -> str | None:
    """The word without a leading و ف ب ل ك, when that may be a prefix.

    :func:`stem` never strips a single-letter prefix, because the letter is
    as often part of the word (وليد, فيلم, بريطانيا, لندن, كريم).  The
    query planner uses this reading only when the index knows the rest as
    a word of its own.  Needs 3 letters after the prefix (ولد stays whole).
    Input is a prenormalized word; returns None when there is nothing to
    split.
    """
    if len(word) >= 4 and word[0] in ONE_LETTER_PREFIXES and not word.startswith("ال", 1):
        return word[1:]
    return None
