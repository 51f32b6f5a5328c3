"""The tables :mod:`seedsearch.text.roots` reads a word with: clitics, endings,
word patterns (أوزان) and the cost of each reading.  Data only, no logic.

Patterns are written with the digits ``1 2 3 4`` for the radicals (ف ع ل, and
a second ل for a four-letter root) and Arabic letters for the pattern's own
letters, in the spelling :func:`seedsearch.text.roots.skeleton` gives a word:
no harakat, إ as أ, آ as أا, ؤ ئ as ء, ى as ي, ة kept at the end; a pattern's ا
also matches أ (أفعل, إفعال), and a radical written أ is ء.
A pattern without one of the digits has lost that radical, as weak and doubled
verbs do (قل, يعد, يرم, امتد); the reader fills it in (:data:`MISSING`).

Sources: the verb forms I-X and the quadriliteral forms with their imperfects,
participles and verbal nouns, and the commonest noun and broken-plural
patterns, as the standard grammars list them: W. Wright, *A Grammar of the
Arabic Language* (3rd ed., 1896-98), vol. I; K. C. Ryding, *A Reference Grammar
of Modern Standard Arabic* (2005).  The costs are ours, set on the development
gold (``benchmarks/ROOTS.md``): a reading's cost is the sum of the costs of its
clitics, ending, pattern and weak-letter restorations, minus a small bonus for
a root with many attested verbs.
"""

from __future__ import annotations

#: Proclitics, as (letters, cost).  A conjunction (و ف), then a preposition or
#: the future سـ (only before an imperfect), then the article; ل + ال is لل.
CONJUNCTIONS: tuple[tuple[str, float], ...] = (("", 0.0), ("و", 0.15), ("ف", 0.2))
PARTICLES: tuple[tuple[str, float], ...] = (
    ("", 0.0), ("ب", 0.45), ("ل", 0.45), ("ك", 0.55), ("س", 0.45),
)
ARTICLE: tuple[str, float] = ("ال", 0.05)
#: After ل the article loses its alef: لل.
LAM_ARTICLE: tuple[str, float] = ("لل", 0.1)
#: The future سـ stands only before these letters (the imperfect's prefixes).
FUTURE_BEFORE = frozenset("يتنا")

#: Endings: inflection, then an attached pronoun.  (letters, cost).
INFLECTIONS: tuple[tuple[str, float], ...] = (
    ("", 0.0), ("ة", 0.05), ("ات", 0.1), ("ون", 0.1), ("ين", 0.15), ("ان", 0.25),
    ("وا", 0.1), ("تم", 0.2), ("تن", 0.3), ("تما", 0.3), ("ت", 0.3), ("نا", 0.25),
    ("ن", 0.45), ("ا", 0.45), ("تا", 0.35), ("ي", 0.35), ("ية", 0.1), ("يات", 0.15),
    ("يون", 0.15), ("يين", 0.15), ("اء", 0.5),
)
#: Inflections as written before a pronoun (ة and وا change their spelling).
BEFORE_PRONOUN: tuple[tuple[str, float], ...] = (
    ("", 0.0), ("ت", 0.1), ("ات", 0.15), ("و", 0.15), ("ون", 0.15), ("ين", 0.2),
    ("ان", 0.3), ("تمو", 0.3), ("نا", 0.3), ("ي", 0.35), ("ا", 0.4), ("تا", 0.35),
)
PRONOUNS: tuple[tuple[str, float], ...] = (
    ("ه", 0.2), ("ها", 0.1), ("هم", 0.15), ("هما", 0.15), ("هن", 0.2), ("ك", 0.4),
    ("كم", 0.2), ("كما", 0.2), ("كن", 0.3), ("ني", 0.3), ("نا", 0.3), ("ي", 0.5),
)

#: Nouns that lost a radical and follow no pattern, as the grammars list them
#: (the "six nouns", ابن, اسم, امرأة, يد, دم, سنة, شفة, لغة, ماء, شاة, مئة) and
#: the name of God: stem (after clitics and endings) -> root.
IRREGULAR: tuple[tuple[str, str], ...] = (
    ("ابن ابنة بن بنت بنات أبناء بنو بني", "بني"), ("اسم أسماء بسم", "سمو"),
    ("أب أبو أبا أبي آباء أبوي", "ءبو"), ("أخ أخو أخا أخي أخت إخوة إخوان أخوات", "ءخو"),
    ("يد أيدي يدي", "يدي"), ("دم دماء", "دمي"), ("فم", "فوه"), ("سنة سنين سنوات", "سنو"),
    ("شفة", "شفه"), ("لغة لغات", "لغو"), ("ماء مياه", "موه"),
    ("امرأة امرؤ امرئ امرأ مرأة", "مرء"),
    ("الله اللهم إله آلهة لله بالله تالله والله فالله", "ءله"),
    ("شاة شياه", "شوه"), ("مئة مائة", "مءي"), ("حم", "حمو"),
    # a form IV verbal noun of a root in ء, the second hamza written ي
    ("إيمان", "ءمن"),
    # form VIII of وقي, which loses both weak radicals: اتقى يتقي تقوى متقون
    ("اتق اتقي يتق يتقي تتق نتق متق تقوي تقاة", "وقي"),
)

#: A stem found in IRREGULAR costs this much less than a pattern's reading: it
#: is a fact of the lexicon, not a guess (أبوه is أبو + ه, not a فعول of ءبه).
IRREGULAR_BONUS = 0.2

#: Word patterns of three-radical roots: (pattern, cost).  Verb forms first.
PATTERNS_3: tuple[tuple[str, float], ...] = (
    # Form I: perfect, imperfect, imperative; also nouns فعل فعلة
    ("123", 0.0), ("ي123", 0.1), ("ت123", 0.15), ("ن123", 0.2), ("ا123", 0.2),
    # Form III, IV (and the elative أفعل), V, VI
    ("1ا23", 0.1), ("ي1ا23", 0.15), ("ت1ا23", 0.15), ("ن1ا23", 0.25),
    ("يت123", 0.15), ("تت123", 0.2), ("نت123", 0.25), ("ات123", 0.3),
    ("يت1ا23", 0.15), ("تت1ا23", 0.2), ("نت1ا23", 0.25),
    # Form VII, VIII (ت as ط after ص ض ط ظ, as د after د ذ ز), X
    ("ان123", 0.2), ("ين123", 0.25), ("تن123", 0.3), ("نن123", 0.35),
    ("ا1ت23", 0.15), ("ي1ت23", 0.2), ("ت1ت23", 0.25), ("ن1ت23", 0.3),
    ("ا1ط23", 0.2), ("ي1ط23", 0.25), ("ت1ط23", 0.3), ("م1ط23", 0.3), ("ا1ط2ا3", 0.2),
    ("ا1د23", 0.25), ("ي1د23", 0.3), ("م1د23", 0.3), ("ا1د2ا3", 0.25),
    ("است123", 0.1), ("يست123", 0.1), ("تست123", 0.15), ("نست123", 0.2),
    # participles
    ("م123", 0.15), ("م12و3", 0.1), ("مت123", 0.15), ("مت1ا23", 0.15), ("من123", 0.2),
    ("م1ت23", 0.15), ("مست123", 0.1),
    # verbal nouns
    ("ت12ي3", 0.1), ("ا12ا3", 0.15), ("ان12ا3", 0.15), ("ا1ت2ا3", 0.1), ("است12ا3", 0.1),
    ("م1ا23", 0.15), ("12ا3", 0.1), ("12و3", 0.15), ("ت12ا3", 0.3),
    # nouns and adjectives
    ("12ي3", 0.1), ("م12ا3", 0.2), ("م12ي3", 0.25), ("123ان", 0.3), ("123ا", 0.35),
    ("123ي", 0.35), ("123اء", 0.25), ("ا123اء", 0.25), ("1ي23", 0.4), ("1و23", 0.4),
    # broken plurals
    ("1وا23", 0.15), ("12اء3", 0.2), ("م1ا2ي3", 0.15), ("ا1ا2ي3", 0.3),
    ("1وا2ي3", 0.25), ("ت1ا2ي3", 0.25), ("1ي2ا3", 0.35), ("1و2ا3", 0.4),
)

#: A noun's marks: the article (and لل), the prepositions ب and ك, and the
#: endings ة ات ية يات يون يين, which no verb takes (a verb takes ل:
#: ليكتب).  With one of them a stem is not read with a pattern of the
#: imperfect (its ي or ن prefix: يفعل, نفعل, يستفعل) nor as a hollow verb's
#: short jussive or imperative (قل, أقم, تقم: the patterns 123, ا123, ت123
#: without their middle radical): الأصم is not a form of صوم (أصم, "that I
#: fast"), النقالة not one of قول (نقال, "we are told").  Wright, vol. I,
#: §§ 1-2 (the parts of speech); the article and tanwin mark the noun.
NOMINAL_PREPOSITIONS = "بك"
NOMINAL_ENDINGS = frozenset({"ة", "ات", "ية", "يات", "يون", "يين"})
#: The patterns whose short form without the middle radical is a verb only.
HOLLOW_JUSSIVE_OF = frozenset({"123", "ا123", "ت123"})

#: Form VIII's ت after its first radical: ط after the emphatics ص ض ط ظ
#: (اصطبر, اضطر), د after د ذ ز (ازدهر, ادّكر), ت after any other letter
#: (Wright, vol. I, §§ 52-54; Ryding, ch. 35).  A pattern's ط or د in that
#: place is read only after those letters, and its ت only after the others:
#: احدكم is أحد + كم, not a form VIII of حكم.
INFIX_AFTER: dict[str, str] = {"ط": "صضطظ", "د": "دذز"}

#: Patterns of four-radical roots.
PATTERNS_4: tuple[tuple[str, float], ...] = (
    ("1234", 0.0), ("ي1234", 0.05), ("ت1234", 0.1), ("ن1234", 0.15), ("ا1234", 0.2),
    ("يت1234", 0.1), ("تت1234", 0.15), ("م1234", 0.05), ("مت1234", 0.05),
    ("123ا4", 0.1), ("12ا34", 0.15), ("12ا3ي4", 0.2), ("123و4", 0.2), ("12ي34", 0.3),
    ("ا12ا34", 0.3), ("ا123ن4", 0.3), ("ي123ن4", 0.3), ("م123ن4", 0.3),
)

#: The radical a pattern has lost, restored with these letters: (letters, cost)
#: by position (1, 2, 3).  A lost third radical may also be the second again
#: (a doubled root: مد يمد امتد), written ``=``.
MISSING: dict[str, tuple[tuple[str, float], ...]] = {
    "1": (("و", 0.45), ("ء", 0.7)),
    "2": (("و", 0.45), ("ي", 0.55), ("ء", 0.5)),
    "3": (("=", 0.35), ("ي", 0.5), ("و", 0.55)),
}

#: A lost radical that the ending explains costs less: a hollow verb loses its
#: middle radical before an ending in ت or ن (قلت, كنا, بعن), a defective verb
#: its last before و (رموا, يدعون).  (position, first letter of the ending) ->
#: the restorations, as in :data:`MISSING`.
MISSING_BEFORE: dict[tuple[str, str], tuple[tuple[str, float], ...]] = {
    ("2", "ت"): (("و", 0.1), ("ي", 0.2)),
    ("2", "ن"): (("و", 0.15), ("ي", 0.25)),
    ("3", "و"): (("ي", 0.25), ("و", 0.3), ("=", 0.5)),
}

#: A hollow root's middle و or ي is written ا in form VIII's verb and
#: participle (اختار, يختار, مختار, اقتاد), never و or ي; the و stays a
#: consonant only before a weak last radical (استوى, احتوى, ارتوى) and in a
#: few roots (ازدوج, اعتور).  Reading a written
#: و or ي as the middle radical of those patterns costs this much more: مقتول
#: is a مفعول of قتل, not a مفتعل of قول.  Wright, vol. I, §§ 146-148.
WEAK_MIDDLE_IN_VIII = 0.3

#: Form VIII of a root whose first radical is و (or ي) merges it into the
#: ت: اتّفق, متّفق, اتّصال, يتّحد (وفق, وصل, وحد).  Wright, vol. I, § 136;
#: Ryding, ch. 35.  A form VIII pattern without its first radical (ات23,
#: مت23, ات2ا3) restores it so.  (A few roots in ء do so too, اتّخذ of ءخذ;
#: giving ء here as well, at 0.35, cost the gold 0.1 point: left out.)
ASSIMILATED_VIII: tuple[tuple[str, float], ...] = (("و", 0.1),)

#: Letters that a weak or hamzated radical is written with, and what they may
#: stand for: (written letter, position or "" for any) -> (radical, cost).
WEAK: dict[tuple[str, str], tuple[tuple[str, float], ...]] = {
    ("ا", "1"): (("ء", 0.15), ("و", 0.6)),
    ("ا", "2"): (("و", 0.1), ("ي", 0.2), ("ء", 0.6)),
    ("ا", "3"): (("و", 0.3), ("ي", 0.3), ("ء", 0.5)),
    ("أ", ""): (("ء", 0.0),),
    ("ء", "1"): (("ء", 0.0),),
    ("ء", "2"): (("ء", 0.05), ("و", 0.2), ("ي", 0.25)),
    ("ء", "3"): (("ء", 0.05), ("و", 0.4), ("ي", 0.4)),
    ("ي", "2"): (("ي", 0.0), ("و", 0.15)),
    ("ي", ""): (("ي", 0.0), ("و", 0.35)),
    ("و", ""): (("و", 0.0), ("ي", 0.5)),
    ("ة", ""): (),
}

#: A final ه read as a normalized ة (مكتبه for مكتبة) costs this much more.
HEH_AS_TEH_MARBUTA = 0.1
#: A reading costs at most this much; a word whose best reading costs more
#: has no root (names such as موسكو, بوتين; loanwords).
MAX_COST = 0.6
#: A second root is returned when its best reading costs at most this much
#: more than the first's.  (0.15 raised verse F1 with letters by 0.004-0.006
#: but mostly where the gold shares the reader's own error: قلت, "I said",
#: lost its reading قول, which the gold files under the rare noun قلت.)
SECOND_WITHIN = 0.2
#: Bonus per natural log of (1 + attested verb patterns of the root).
PRIOR_WEIGHT = 0.12
#: A four-letter root's attested verb patterns count this many times, when
#: it has no و ي ء (which a pattern may have put there: مدين of مدينة): the
#: tables give a three-letter root up to 13 patterns (forms I-X and their
#: variants), a four-letter one up to 4 (its forms I-IV: ترجم, تزلزل,
#: احرنجم, اطمأن), so a pattern of a four-letter root says more of its use.
#: At 2.5 ترجمة is read as رجم and ترجم (before, رجم alone, and root:ترجم
#: found no ترجمة); at 3.25 (13 / 4) ترجم came first, and so did the
#: denominal مسلم of مسلم and سلطن of سلطان, which cost hadith F1 0.0035.
QUADRILITERAL_SCALE = 2.5
#: Bonus per natural log of (1 + the root's frequency in the hadith).
FREQ_WEIGHT = 0.04
#: Stems shorter than this are not read.
MIN_STEM = 2
