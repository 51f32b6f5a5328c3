"""Query-side morphology: a word's broken plural or singular, and the perfect
of an imperfect verb, as *candidates* the planner checks against the index.

Nothing here touches what is indexed; the planner (:mod:`seedsearch.search.readings`) asks these
functions for candidate stems of a query word, keeps only those the index's
vocabulary holds, and searches them beside the word, weighted below it.

Broken plurals
--------------

Arabic forms most plurals of nouns by changing the vowels and long letters
inside the word (قاعدة → قواعد, قلم → أقلام), not by a suffix a light stemmer
can strip.  :data:`BROKEN_PLURALS` lists the commonest of these patterns as
published in the standard grammars: W. Wright, *A Grammar of the Arabic
Language* (3rd ed., Cambridge 1896–98), vol. I, the chapter on the broken
plurals (*pluralia fracta*), and K. C. Ryding, *A Reference Grammar of Modern
Standard Arabic* (Cambridge 2005), the section on broken plural patterns.  Each
row is a published rule of Arabic grammar written out as a template; it is not
code or data taken from any project.

Templates are written with the radicals ف ع ل (a fourth radical is a second ل,
as in فعالل/فعلل) and are read on the *light stem* as :func:`seedsearch.text.stem.stem`
returns it: alef forms folded to ا, ى to ي, a seated hamza on the line (ء), and
the feminine ة already stripped, so the singular فاعلة and فاعل share one stem
(قاعدة and قاعد are both قاعد).  Only the bare letters are compared, so a
template says nothing about short vowels: فعل stands for فَعْل, فِعْل, فُعُل…

A template matches far more words than the rule is true of (مقاتل "fighter"
has the shape of the plural مفاعل; فعول is also a verbal noun: دخول, قبول), so a
candidate is never searched on its shape alone: the planner keeps it only
when the index holds it, at most :data:`MAX_CANDIDATES` of them, and weights it
below the word itself.

Verb forms
----------

The imperfect (المضارع) is the perfect's stem with a person prefix: ي ت ن أ
(Wright, vol. I, the imperfect of the derived forms; Ryding, the chapter on
the imperfect).  In forms V and VI the perfect is the imperfect without the
prefix (يتخلى → تخلى, يتعاون → تعاون); in the forms whose perfect begins with
a hamzat al-wasl (VII, VIII, X) the perfect writes an alef in its place
(ينسحب → انسحب, يجتمع → اجتمع, يستخدم → استخدم).  :func:`imperfect_candidates`
reads a query word that way, and :func:`perfect_candidates` the other way
(تخلى → يتخلى, استخدم → يستخدم).

Only the derived forms are read: at least :data:`VERB_MIN_REST` letters must
remain after the prefix.  A triliteral (form I) imperfect, يكتب → كتب, يبحث →
بحث, يسلم → سلم, meets a perfect that is as often a noun (كتب "books", بحث
"research", سلم "peace"); on the quality sets it cost more than it found
(at weight 0.25, with the forward reading only: spelling_variants MRR@10
0.869 → 0.865, news_title 0.900 → 0.899, the rest unchanged), so it is left
out.  A word beginning
with ي ت ن is as often not a verb at all (تونس, يمن, نيل, تحرير, the names
يزيد, يعقوب), so a perfect is offered only when

* the word is not one of the proper names on the pattern of a verb
  (:data:`VERB_SHAPED_NAMES`: the names the grammars list as diptotes "on the
  pattern of the verb", وزن الفعل, such as يزيد, يشكر, تغلب, أحمد, and a few
  common names like them);
* the word has neither the article nor a ة (اليمني, يمنية are nouns);

and the planner adds two more guards: the same stem is attested with a
*second* person prefix (يتخلى and تتخلى: a verb is conjugated, a name or a
verbal noun such as تحرير is not), and the perfect itself is in the index.
The alef ا (أ, "I") is never read off as a prefix: a word in أ is far more
often an elative (أكبر), a plural (أقلام, handled above) or a name (أحمد).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalize import fold, hamza_variants
from .stem import stem as light_stem
from .stopwords import STOP_WORDS

__all__ = ["BROKEN_PLURALS", "MAX_CANDIDATES", "VERB_PREFIXES", "VERB_MIN_REST",
           "VERB_SHAPED_NAMES", "broken_plural_candidates", "imperfect_candidates",
           "verb_siblings", "had_feminine",
           "perfect_candidates", "PERSON_PREFIXES"]

#: Broken plural -> singular templates (radicals ف ع ل, a 4th radical a second
#: ل), each with singulars and plurals it is true of.  Read on light stems
#: (see the module docstring), in both directions, with the singular's gender:
#: ``فاعل`` a masculine singular, ``فعيلة`` a feminine one, ``فاعل/ة`` either.
#: A plural is offered for a singular query word only of its gender (نسبة,
#: feminine, is not read as فعل → أفعال "أنساب"; كبير is not read as فعيلة →
#: فعائل "كبائر").  The plural أفعلة keeps its ة: its stem (أسلح) has the
#: shape of an elative or a verb (أدفع), so it is read only from a query word
#: written with the ة, towards its singular, never offered as a plural.
BROKEN_PLURALS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    # plural     singulars                     example (singular → plural)
    ("فواعل", ("فاعل/ة", "فوعل"), "قاعدة → قواعد, شارع → شوارع, جوهر → جواهر"),
    ("فواعيل", ("فاعول",), "قانون → قوانين, صاروخ → صواريخ"),
    ("مفاعل", ("مفعل/ة",), "مسجد → مساجد, مدرسة → مدارس, منطقة → مناطق"),
    ("مفاعيل", ("مفعول", "مفعال", "مفعيل"), "مشروع → مشاريع, مفتاح → مفاتيح, منديل → مناديل"),
    ("افعال", ("فعل",), "قلم → أقلام, عمل → أعمال, خبر → أخبار"),
    ("فعلاء", ("فعيل", "فاعل"), "وزير → وزراء, رئيس → رؤساء, عالم → علماء, شاعر → شعراء"),
    ("افعلاء", ("فعيل",), "صديق → أصدقاء, قريب → أقرباء"),
    ("فعول", ("فعل",), "علم → علوم, قلب → قلوب, درس → دروس"),
    ("افعلة", ("فعال", "فعيل"), "سلاح → أسلحة, سؤال → أسئلة, رغيف → أرغفة"),
    ("فعاءل", ("فعيلة", "فعالة"), "قبيلة → قبائل, رسالة → رسائل"),
    ("فعالل", ("فعلل/ة",), "درهم → دراهم, فندق → فنادق, جمجمة → جماجم"),
    ("فعاليل", ("فعلول", "فعليل", "فعلال"), "عصفور → عصافير, قنديل → قناديل, صندوق → صناديق"),
    ("افاعيل", ("افعولة",), "أسطورة → أساطير, أنشودة → أناشيد"),
)

#: At most this many plural/singular candidates per query word (the most
#: frequent in the index are kept).
MAX_CANDIDATES = 3

#: Letters a radical may be: the consonants and و ي, with the hamza on the
#: line (ء ؤ ئ); not ا, ى or ة, which the light stem does not hold as a
#: radical (a root in أ, أمير/أمراء, is left out: ا as a radical read أقلام as
#: فعلال, "plural" أقاليم).  The first radical may not be ي: a stem in ي is
#: far more often an imperfect verb (يكتب would otherwise read as فعلل,
#: "plural" يكاتب) than a noun of a root in ي (يتيم, ينبوع).
_LETTERS = "ءؤئبتثجحخدذرزسشصضطظعغفقكلمنهوي"
_RADICAL = f"([{_LETTERS}])"
_FIRST_RADICAL = f"([{_LETTERS[:-1]}])"
#: In the four-radical templates (فعلل, فعالل) the later radicals may not be
#: و or ي, which there are far more often long vowels: كبير is فعيل, not a
#: فعلل with "plural" كباير.
_STRONG_RADICAL = f"([{_LETTERS[:-2]}])"
_RADICALS = "فعل"
_FEM = "\u0629"


def _compile(body: str) -> re.Pattern[str]:
    quadriliteral = body.count("ل") == 2
    parts = [(_STRONG_RADICAL if quadriliteral else _RADICAL) if c in _RADICALS
             else re.escape(fold(c)) for c in body]
    parts[body.index("ف")] = _FIRST_RADICAL
    return re.compile("^" + "".join(parts) + "$")


def _fill(body: str, radicals: tuple[str, ...]) -> str:
    out, i = [], 0
    for c in body:
        if c in _RADICALS:
            out.append(radicals[i])
            i += 1
        else:
            out.append(fold(c))
    return "".join(out)


def _rules() -> list[tuple[re.Pattern[str], frozenset[bool], str, bool]]:
    """(pattern, the ``feminine`` values of a query word it applies to,
    template to fill, whether the template is the plural), plural ->
    singular then singular -> plural."""
    out = []
    for plural, singulars, _ in BROKEN_PLURALS:
        plural_fem = plural.endswith(_FEM)
        plural_body = plural.rstrip(_FEM)
        for singular in singulars:
            body = singular.split("/")[0].rstrip(_FEM)
            genders = (frozenset({False, True}) if singular.endswith("/" + _FEM)
                       else frozenset({singular.endswith(_FEM)}))
            out.append((_compile(plural_body),
                        frozenset({True}) if plural_fem else frozenset({False, True}), body,
                        False))
            if not plural_fem:
                out.append((_compile(body), genders, plural_body, True))
    return out


#: Every rule of :data:`BROKEN_PLURALS`, compiled.
_RULES = _rules()


@lru_cache(maxsize=1 << 14)
def broken_plural_candidates(stem: str, feminine: bool = False,
                             hamza_below: bool = False) -> tuple[str, ...]:
    """Stems that may be the broken plural or the singular of ``stem``.

    ``stem`` is a light stem (one hamza spelling); ``feminine`` says the word
    ended in ة before stemming (أسلحة: stem اسلح), which a plural template in
    ة needs and which decides the gender of a singular.  Every candidate
    differs from ``stem``, has 3 letters or more and is not a stop word;
    whether it is a word at all is for the caller to ask the index.

    >>> broken_plural_candidates("قواعد")
    ('قاعد', 'قوعد')
    >>> broken_plural_candidates("قلم")
    ('اقلام', 'قلوم')
    >>> broken_plural_candidates("اسلح", feminine=True)
    ('سلاح', 'سليح')

    A masculine word ending in ي is offered no plural: it is a relative
    adjective (nisba: سوري, روسي, عربي), whose plural is the sound one
    (سوريون; Wright, vol. I, the relative adjectives), or a defective
    participle (قاضي → قضاة), not a فواعل shape; so السوري does not reach
    سواري "pillars".  A feminine one is a noun (ناحية → نواحي):

    >>> broken_plural_candidates("سوري"), broken_plural_candidates("ناحي", feminine=True)
    ((), ('نواحي',))

    ``hamza_below`` says the word was written with إ where ``stem`` begins:
    the plural أفعال is written with أ, and إفعال is the verbal noun of
    form IV (إحسان, إسلام, إكرام; Wright, vol. I, the verbal nouns of the
    derived forms), so إحسان is read as no plural of حسن:

    >>> broken_plural_candidates("احسان"), broken_plural_candidates("احسان", hamza_below=True)
    (('حسن',), ())
    """
    out: dict[str, None] = {}
    nisba = stem.endswith("\u064a") and not feminine
    for pattern, genders, target, to_plural in _RULES:
        if feminine not in genders or (to_plural and nisba):
            continue
        if hamza_below and not to_plural and stem.startswith("\u0627"):
            continue  # إفعال, a verbal noun, is no plural أفعال
        m = pattern.match(stem)
        if m is None:
            continue
        cand = _fill(target, m.groups())
        if cand != stem and len(cand) >= 3 and cand not in STOP_WORDS:
            out[cand] = None
    return tuple(out)


#: Person prefixes of the imperfect that the planner reads off (not أ, see
#: the module docstring).
VERB_PREFIXES = "يتن"
#: Letters that must remain after the prefix: 4, the derived forms only
#: (يتخلى, يستخدم; not يكتب, whose perfect كتب is also "books").
VERB_MIN_REST = 4
#: Proper names on the pattern of an imperfect verb (the diptotes "on the
#: pattern of the verb" of the grammars, and names like them): never read as
#: a verb, so يزيد does not search زيد, nor يعقوب عقوبة.
VERB_SHAPED_NAMES = frozenset(hamza_variants(light_stem(w))[0] for w in (
    "يزيد", "يحيى", "يحيي", "يعقوب", "يوسف", "يونس", "يعيش", "يشكر", "يعرب", "يعمر", "يعلى",
    "يثرب", "يسار", "ياسر", "ياسين", "يمان", "يامن", "يسرى", "تغلب", "تدمر", "تميم", "تمام",
    "تونس", "تركيا", "تامر", "نزار", "نبيل", "نعيم", "نوفل", "نصير", "نضال", "ناصر", "نادر",
    "نائل", "نافع", "ناجي", "نجيب", "نسيم", "نشوان", "أحمد", "أسعد", "أكرم", "أشرف",
    "أمجد", "أنور", "أيمن", "أسامة", "أنس", "إياد", "أنيس", "أمين", "إدريس", "إسحاق",
    "إسماعيل", "إبراهيم",
))
"""Held as light stems with the hamza on the line, as the planner sees them."""


def imperfect_candidates(stem: str, word: str | None = None) -> tuple[str, ...]:
    """Perfect stems an imperfect verb stem may have (يكتب → كتب; يستخدم →
    ستخدم, استخدم), or () when ``stem`` cannot be read as one.

    ``word`` is the query word as typed (prenormalized), when the caller has
    it: a word with the article (اليمني) or a ة (يمنية) is a noun, not a verb.

    >>> imperfect_candidates("يتخلي"), imperfect_candidates("يستخدم")
    (('تخلي', 'اتخلي'), ('ستخدم', 'استخدم'))
    >>> imperfect_candidates("يمن"), imperfect_candidates("يكتب"), imperfect_candidates("يزيد")
    ((), (), ())
    >>> imperfect_candidates("يمني", "يمنية")
    ()
    """
    if (len(stem) - 1 < VERB_MIN_REST or stem[0] not in VERB_PREFIXES
            or stem in VERB_SHAPED_NAMES):
        return ()
    if word is not None and not _bare_verb(stem, word):
        return ()
    rest = stem[1:]
    return tuple(c for c in (rest, "\u0627" + rest) if c not in STOP_WORDS)


def perfect_candidates(stem: str, word: str | None = None) -> tuple[str, ...]:
    """Imperfect stems (he, she/you, we) of a derived-form perfect: تخلي →
    يتخلي, تتخلي, نتخلي (forms V, VI: the perfect begins with ت); استخدم →
    يستخدم, … (VII, VIII, X: with its alef, 5 letters or more, so that the
    elatives أكبر, أفضل stay apart from يكبر, يفضل).  ``word`` as for
    :func:`imperfect_candidates`.

    >>> perfect_candidates("تخلي")
    ('يتخلي', 'تتخلي', 'نتخلي')
    >>> perfect_candidates("استخدم")[:1], perfect_candidates("افضل"), perfect_candidates("كتب")
    (('يستخدم',), (), ())
    """
    if stem in VERB_SHAPED_NAMES or (word is not None and not _bare_verb(stem, word)):
        return ()
    if stem[0] == "\u062a" and len(stem) >= VERB_MIN_REST:
        rest = stem
    elif stem[0] == "\u0627" and len(stem) >= VERB_MIN_REST + 1:
        rest = stem[1:]
    else:
        return ()
    return tuple(p + rest for p in VERB_PREFIXES)


def _bare_verb(stem: str, word: str) -> bool:
    """``word`` holds ``stem`` as a verb can: at its start or after one
    attached particle, with no ة after it (not اليمني, يمنية)."""
    at = _on_line(word).find(stem)
    return not (at < 0 or at > 1 or (at == 1 and word[0] not in _VERB_PARTICLES)
                or had_feminine(word, stem))


#: Particles written attached before an imperfect (ويكتب, فيكتب, ليكتب, سيكتب).
_VERB_PARTICLES = "وفلس"
#: Every person prefix of the imperfect, for :func:`verb_siblings`.
PERSON_PREFIXES = "يتنا"


def verb_siblings(stem: str) -> tuple[str, ...]:
    """The same imperfect stem with each other person prefix (يكتب → تكتب,
    نكتب, اكتب): a verb is attested under more than one of them."""
    return tuple(p + stem[1:] for p in PERSON_PREFIXES if p != stem[0])


def had_feminine(word: str, stem: str) -> bool:
    """True when ``word`` (prenormalized: ة still ة) wrote a ة right after
    ``stem`` (أسلحة, أسلحتهم: stem اسلح), which the light stem strips."""
    at = _on_line(word).rfind(stem)
    return at >= 0 and word[at + len(stem): at + len(stem) + 1] in (_FEM, "\u062a")


def _on_line(word: str) -> str:
    """``word`` folded with its hamza on the line, letter for letter (so an
    index into it is an index into ``word``), as a stem's first spelling."""
    return hamza_variants(fold(word))[0]
