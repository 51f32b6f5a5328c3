"""Arabic orthographic normalization: pure ``str -> str`` functions.

Every rule is a row below; the tables are built once, at import, from
:mod:`pyarabic.araby` constants where pyarabic has them and from the code
points listed here where it does not.

=====================================  ==========================================  ==========
Rule                                   Code points                                 Result
=====================================  ==========================================  ==========
harakat, shadda, sukun, tanween,       U+064B-U+065F                               removed
maddah/hamza marks above and below
Qur'anic annotation marks              U+0610-U+061A, U+06D6-U+06ED (but see        removed
                                       small letters below), U+08D3-U+08FF
tatweel (kashida)                      U+0640                                      removed
tatweel carrying a hamza (Uthmani)     U+0640 [harakat] U+0654                     U+0626 ئ
small high waw / small yeh after heh   U+06E5, U+06E6 after U+0647                 removed
(Uthmani pronoun lengthening, بِهِۦ)
small waw elsewhere (دَاوُۥدَ)            U+06E5                                      U+0648 و
small yeh elsewhere (يَسْتَحْىِۦ)          U+06E6, U+06E7                              U+064A ي
dagger alef after alef maksura (عَلَىٰ)  U+0649 U+0670                               U+0649
dagger alef after waw (ٱلصَّلَوٰةَ)        U+0648 U+0670                               U+0627 ا
dagger alef in هٰذا ذٰلك الرحمٰن إلٰه       U+0670 in the words of ``_SILENT_DAGGER``    removed
لٰكن أولٰئك هٰؤلاء (imla'i writes no alef)
dagger alef elsewhere (ٱلْعَٰلَمِينَ)       U+0670                                      U+0627 ا
hamza on the line + alef (ءَامَنُوا۟)      U+0621 U+0627                               U+0627 ا
alef forms                             U+0622 آ, U+0623 أ, U+0625 إ, U+0671 ٱ,     U+0627 ا
                                       U+0672, U+0673
alef maksura                           U+0649 ى                                    U+064A ي
teh marbuta                            U+0629 ة, U+06C3 ۃ                          U+0647 ه
Persian/Urdu yeh                       U+06CC ی, U+06D0 ې, U+06D2 ے                U+064A ي
Persian/Urdu kaf                       U+06A9 ک, U+06AA ڪ                          U+0643 ك
Persian/Urdu heh                       U+06C0 ۀ, U+06C1 ہ, U+06D5 ە, U+06BE ھ      U+0647 ه
Arabic-Indic digits                    U+0660-U+0669                               0-9
Extended (Persian) digits              U+06F0-U+06F9                               0-9
presentation forms and ligatures       U+FB50-U+FDFF, U+FE70-U+FEFF (ﷲ, ﻻ)         NFKC
decomposed hamza/madda                 U+0653-U+0655 after a letter                NFC first
zero-width and bidi controls           U+200B-U+200F, U+061C, U+202A-U+202E,        removed
                                       U+2066-U+2069, U+FEFF, U+00AD
Latin (and any cased) letters          ``str.casefold``                            folded
=====================================  ==========================================  ==========

Everything else is left as it is.  The alef, teh-marbuta and alef-maksura
rows follow Lucene's ``ArabicNormalizer`` (after Larkey, Ballesteros and
Connell, *Light Stemming for Arabic Information Retrieval*, 2007); the
Persian rows follow Lucene's ``PersianNormalizer``.  Where we differ from
pyarabic: its ``normalize_hamza`` turns أحمد into ءحمد and its
``normalize_alef`` turns ى into ا; we do neither.

Hamza on a seat (ؤ ئ) is *kept* here: no letter mapping can make مسؤولية
match مسئولية without also merging و and ي.  The analyzers emit the spelling
variants of such words instead (see :func:`hamza_variants`).

:func:`prenormalize` applies every rule except the alef-hamza and
teh-marbuta folding, so that the stemmer can still tell the article ال from
the first letters of ألمانيا and a feminine ة from a pronoun ه.
"""

from __future__ import annotations

import re
import unicodedata

from pyarabic import araby

__all__ = [
    "normalize",
    "prenormalize",
    "fold",
    "strip_diacritics",
    "hamza_variants",
    "DIACRITICS",
    "ZERO_WIDTH",
]

DAGGER_ALEF = "\u0670"
TATWEEL = araby.TATWEEL  # U+0640
HAMZA_ABOVE = "\u0654"
SMALL_WAW = araby.SMALL_WAW  # U+06E5
SMALL_YEH = araby.SMALL_YEH  # U+06E6
SMALL_HIGH_YEH = "\u06e7"
HAMZA = araby.HAMZA  # U+0621
WAW_HAMZA = "\u0624"  # ؤ
YEH_HAMZA = "\u0626"  # ئ
ALEF = araby.ALEF
WAW = araby.WAW
YEH = araby.YEH
HEH = araby.HEH
ALEF_MAKSURA = araby.ALEF_MAKSURA
TEH_MARBUTA = araby.TEH_MARBUTA

#: Combining marks that only vocalize or annotate: removed by every function.
DIACRITICS = frozenset(
    set(araby.TASHKEEL)  # fathatan..sukun incl. shadda (U+064B-U+0652)
    | {chr(c) for c in range(0x064B, 0x0660)}
    | {chr(c) for c in range(0x0610, 0x061B)}
    | ({chr(c) for c in range(0x06D6, 0x06EE)} - {SMALL_WAW, SMALL_YEH, SMALL_HIGH_YEH})
    - {"\u06dd", "\u06de", "\u06e9"}  # end-of-ayah, rub el hizb, sajdah: symbols, not marks
    | {chr(c) for c in range(0x08D3, 0x0900)}
)

#: Zero-width characters and bidi controls: removed, never splitting a word.
ZERO_WIDTH = frozenset(
    {chr(c) for c in range(0x200B, 0x2010)}
    | {"\u061c", "\ufeff", "\u00ad"}
    | {chr(c) for c in range(0x202A, 0x202F)}
    | {chr(c) for c in range(0x2066, 0x206A)}
)

_LETTER_MAP = {
    0x06CC: YEH, 0x06D0: YEH, 0x06D2: YEH,  # Persian/Urdu yeh
    0x06A9: araby.KAF, 0x06AA: araby.KAF,  # Persian keheh, swash kaf
    0x06C0: HEH, 0x06C1: HEH, 0x06D5: HEH, 0x06BE: HEH,  # Persian/Urdu heh
    0x06C3: TEH_MARBUTA,  # teh marbuta goal (Urdu)
    0x0649: YEH,  # alef maksura
    0x0672: ALEF, 0x0673: ALEF, 0x0671: ALEF,  # wavy-hamza alefs, alef wasla
    ord(TATWEEL): None,
}
_LETTER_MAP.update({0x0660 + i: str(i) for i in range(10)})
_LETTER_MAP.update({0x06F0 + i: str(i) for i in range(10)})
_LETTER_MAP.update(dict.fromkeys(map(ord, DIACRITICS | ZERO_WIDTH)))

#: prenormalize: everything but the alef-hamza and teh-marbuta folds.
_PRE_TABLE = str.maketrans(_LETTER_MAP)
#: fold: the folds prenormalize leaves out.
_FOLD_TABLE = str.maketrans({
    0x0622: ALEF, 0x0623: ALEF, 0x0625: ALEF,  # آ أ إ
    0x0629: HEH,  # ة
})

# Characters that need work beyond one str.translate.
_PRESENTATION = "\ufb50-\ufdff\ufe70-\ufeff"
_SPECIAL = re.compile(
    "[" + _PRESENTATION + "\u0653-\u0655\u0670\u06e5-\u06e7]|\u0621\u064e"
)
_NEEDS_NFKC = re.compile("[" + _PRESENTATION + "]")
_NEEDS_NFC = re.compile("[\u0653-\u0655]")
_MARKS = "[\u064b-\u0653\u0610-\u061a]*"

# Uthmani spellings rewritten on the vowelled text, in this order.
_UTHMANI_RULES = (
    # Tatweel carrying a hamza, then an alef: the hamza and the long a are an
    # alef madda, as ءَا is below: ٱلْمُنشَـَٔاتُ = المنشآت, بِـَٔايَٰتِ = بآيات,
    # مَـَٔابٍ = مآب (Tanzil's Uthmani text writes the madda so).
    (re.compile(TATWEEL + _MARKS + HAMZA_ABOVE + _MARKS + ALEF), ALEF),
    # Tatweel carrying a hamza: خَطِيٓـَٔتُهُۥ = خطيئته.
    (re.compile(TATWEEL + _MARKS + HAMZA_ABOVE), "\u0626"),
    # Lengthening of the pronoun heh: بِهِۦ = به, لَهُۥ = له.
    (re.compile("(?<=\u0647)(" + _MARKS + ")[\u06e5\u06e6]"), r"\1"),
    (re.compile("\u06e5"), WAW),  # دَاوُۥدَ = داود
    (re.compile("[\u06e6\u06e7]"), YEH),  # يَسْتَحْىِۦ = يستحيي
    # Alef maksura + dagger alef: the maksura already is the long vowel.
    (re.compile("\u0649" + _MARKS + DAGGER_ALEF), "\u0649"),
    # A bare waw + dagger alef spells a long a: ٱلصَّلَوٰةَ = الصلاة
    # (a vowelled waw is a real waw: ٱلسَّمَٰوَٰتِ = السماوات).
    (re.compile(WAW + DAGGER_ALEF), ALEF),
    # Hamza on the line with fatha + alef = alef madda: ءَامَنُوا۟ = آمنوا.
    (re.compile(HAMZA + "\u064e\u0653?" + ALEF), ALEF),
)

# Words in which Uthmani script writes a dagger alef that ordinary (imla'i)
# spelling leaves out: هٰذا هٰذه هٰؤلاء ذٰلك الرحمٰن إلٰه لٰكن أولٰئك اللّٰه.
# Matched against the word without marks (the dagger kept), after an optional
# prefix.  Source: the list of words written without their long a in imla'i
# orthography, as given in Arabic spelling manuals (e.g. ʿAbd al-Salam Harun,
# Qawaʿid al-imla').
#: The prefixes that may come before such a word (a regex), and each word as
#: (its letters before the dagger, what must follow the dagger: a regex).
#: Kept as data so that an exported analyzer can be generated from it.
SILENT_DAGGER_PREFIX = "(?:[وفبلك]|ال|[وفبلك]ال|[وف]?لل)?"
SILENT_DAGGER_WORDS: tuple[tuple[str, str], ...] = (
    ("ه", "ذ|ؤ"), ("ذ", "ل"), ("رحم", "ن"), ("[إا]ل", "ه"), ("ل", "كن"),
    ("[أا]ول", "ئ"), ("ل", "ه(?:م|$)"),
)
_SILENT_DAGGER = re.compile(
    "^" + SILENT_DAGGER_PREFIX + "(?:"
    + "|".join(before + DAGGER_ALEF + "(?=" + after + ")" for before, after in SILENT_DAGGER_WORDS)
    + ")"
)


def _dagger(word: str) -> str:
    """Resolve the dagger alefs of one word (marks already removed)."""
    m = _SILENT_DAGGER.match(word)
    if m:
        word = m.group(0).replace(DAGGER_ALEF, "") + word[m.end():]
    return word.replace(DAGGER_ALEF, ALEF)


_KEEP_DAGGER_TABLE = str.maketrans(
    {k: v for k, v in _LETTER_MAP.items() if k != ord(DAGGER_ALEF)}
)


def _special(text: str) -> str:
    """The rules that a single translate table cannot express."""
    if _NEEDS_NFKC.search(text):
        text = unicodedata.normalize("NFKC", text)
    elif _NEEDS_NFC.search(text):
        text = unicodedata.normalize("NFC", text)
    for pattern, repl in _UTHMANI_RULES:
        text = pattern.sub(repl, text)
    text = text.translate(_KEEP_DAGGER_TABLE)
    if DAGGER_ALEF in text:
        text = " ".join(_dagger(w) for w in text.split(" "))
    return text


def prenormalize(text: str) -> str:
    """Normalize ``text`` but keep أ إ آ and ة as written.

    This is the form the stemmer works on.  ``fold(prenormalize(s)) ==
    normalize(s)`` for every string ``s``.
    """
    if _SPECIAL.search(text):
        text = _special(text)
    return text.translate(_PRE_TABLE).casefold()


def fold(text: str) -> str:
    """Fold the alef-hamza forms to ا and ة to ه (the last step of normalize)."""
    return text.translate(_FOLD_TABLE)


def normalize(text: str) -> str:
    """Return the search form of ``text``: every rule in the module table.

    >>> normalize("الْقَوَاعِدِ")
    'القواعد'
    >>> normalize("إلى مدرسةٍ")
    'الي مدرسه'

    Idempotent and total: never raises on any ``str``.
    """
    out = fold(prenormalize(text))
    if out.isascii():
        return out
    # Rare inputs (ligatures that decompose into marks, casefold results
    # that NFKC would change) need more passes to reach a fixed point.
    for _ in range(_MAX_PASSES):
        again = fold(prenormalize(out))
        if again == out:
            break
        out = again
    return out


_MAX_PASSES = 4


_STRIP_TABLE = str.maketrans(
    dict.fromkeys(map(ord, DIACRITICS | {DAGGER_ALEF, TATWEEL}))
)


def strip_diacritics(text: str) -> str:
    """Remove harakat, Qur'anic marks, the dagger alef and tatweel; keep letters.

    Unlike :func:`normalize` this changes no letter:
    ``strip_diacritics("أَحْمَدُ") == "أحمد"``.
    """
    return text.translate(_STRIP_TABLE)


def hamza_variants(word: str) -> tuple[str, ...]:
    """The spellings under which a word with a seated hamza is indexed.

    People write مسؤولية and مسئولية, رؤية and روية, القائد and القايد.
    A word with ؤ or ئ yields two forms: the hamza on the line (مسءولية),
    shared by every seat, and the seatless form (مسوولية), which matches
    writers who leave the hamza out.  Any other word yields itself, so
    أحمد is never touched.
    """
    if WAW_HAMZA not in word and YEH_HAMZA not in word:
        return (word,)
    on_line = word.replace(WAW_HAMZA, HAMZA).replace(YEH_HAMZA, HAMZA)
    seatless = word.replace(WAW_HAMZA, WAW).replace(YEH_HAMZA, YEH)
    return (on_line, seatless)


_VOCALIZED_TABLE = str.maketrans(
    {**{k: v for k, v in _LETTER_MAP.items() if not 0x064B <= k <= 0x0652},
     0x0622: ALEF, 0x0623: ALEF, 0x0625: ALEF, 0x0629: HEH}
)


def vocalized(word: str) -> str:
    """Normalize the letters of ``word`` but keep its harakat and shadda.

    The form the diacritic-aware search compares (``vocalized("عَلِمَ") ==
    "عَلِمَ"``, ``vocalized("إِلَى") == "اِلَي"``): the same letter folds as
    :func:`normalize`, with U+064B-U+0652 left in place.
    """
    return word.translate(_VOCALIZED_TABLE).casefold()


_HARAKAT = frozenset(chr(c) for c in range(0x064B, 0x0653))


def has_harakat(word: str) -> bool:
    """True when ``word`` carries at least one haraka, tanween or shadda."""
    return not _HARAKAT.isdisjoint(word)
