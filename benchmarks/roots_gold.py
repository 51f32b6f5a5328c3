"""Development gold for word -> root: three sets, none from the Quranic Arabic Corpus.

``hand``
    ``benchmarks/roots/hand.tsv``: 410 pairs written by hand for this project
    (see ``benchmarks/roots/NOTICE.md``), grouped by the classes that break root
    extractors: sound, hollow (قال يقول قيل), assimilated (يعد موعد), defective
    (دعا يرمي), doubly weak (يقي اتقوا), doubled (مد يمد امتد), hamzated (يأكل
    مأكول), quadriliteral (زلزل وسوس), a few with clitics (وقالوا سيكتبون), and
    words that have no root: foreign names (موسكو بوتين واشنطن) and particles.
``arramooz``
    Words of the arramooz dictionary (Taha Zerrouki; GPL, read at run time from
    the installed ``arramooz-pysqlite``, never copied here): 1,500 nouns and 700
    verbs whose root has 3 or 4 letters, drawn with a fixed seed, as the
    dictionary spells them without harakat; a third of the nouns get the
    article (ال, وال, بال) and 15% of the verbs و, so that clitics are part of
    the test.  The dictionary writes some nouns as their own "root" (شوكة,
    عناق, ليبي): a four-letter root with ا ة ى or a final ي is left out.  Read
    by eye, 100 drawn pairs had one to three debatable roots (ألف: لفف or ءلف),
    but the words the candidates miss show more (شركة: شكر, رحلة: رجف): the
    set has a few per cent of wrong roots, the same for every candidate.
``mazini``
    Conjugated verbs: verbs attested in the tables of Marwan al-Bawwab and
    Yahya Mir Alam (جداول إحصاء الأفعال العربية, CC BY 4.0) as packaged by
    ``mazini``, conjugated by mazini (a port of Wiktionary's ar-verb module),
    two forms of each drawn with a fixed seed among the perfect, imperfect
    (indicative, subjunctive, jussive), imperative, active and passive, and the
    participles; harakat removed.

Roots are compared in one spelling (:func:`canon`): every hamza form as ء, ى as
ي, no spaces or dashes.  A row's class is the hand-written one, or for the
generated sets the shape of its root (:func:`root_class`).
"""

from __future__ import annotations

import random
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
HAND = HERE / "roots" / "hand.tsv"
SEED = 22

_HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_CANON = str.maketrans({"أ": "ء", "إ": "ء", "آ": "ء", "ؤ": "ء", "ئ": "ء", "ى": "ي", "ٱ": "ا"})
_ARABIC_LETTERS = re.compile("^[ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي]+$")


@dataclass(frozen=True)
class Pair:
    word: str
    root: str  # "" for a word that has no root
    cls: str
    source: str


def canon(root: str) -> str:
    """One spelling for a root: hamza forms as ء, ى as ي, separators removed."""
    return re.sub(r"[\s\-_.،,]", "", root).translate(_CANON)


def root_class(root: str) -> str:
    r = canon(root)
    if len(r) == 4:
        return "quadriliteral"
    weak = [i for i, ch in enumerate(r) if ch in "وي"]
    if "ء" in r:
        return "hamzated"
    if r[1] == r[2]:
        return "doubled"
    if len(weak) >= 2:
        return "doubly_weak"
    if weak == [0]:
        return "assimilated"
    if weak == [1]:
        return "hollow"
    if weak == [2]:
        return "defective"
    return "sound"


def _root_shaped(root: str) -> bool:
    """False for the dictionary's placeholder roots: a four-letter "root" with
    ا ة ى in it or a nisba ي at its end is the word itself (شوكة, عناق, ليبي)."""
    return len(root) == 3 or not (set(root) & set("اةى") or root.endswith("ي"))


def hand() -> list[Pair]:
    out = []
    for line in HAND.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        word, root, cls = line.split("\t")
        out.append(Pair(word, canon(root), cls, "hand"))
    return out


def arramooz(nouns: int = 1500, verbs: int = 700) -> list[Pair]:
    """Nouns and verbs of the arramooz dictionary with a 3- or 4-letter root."""
    from importlib import resources

    db = resources.files("arramooz").joinpath("data", "arabicdictionary.sqlite")
    con = sqlite3.connect(str(db))
    rng = random.Random(SEED)
    out: list[Pair] = []
    for table, n in (("nouns", nouns), ("verbs", verbs)):
        rows = sorted({(w, canon(r)) for w, r in con.execute(
            f"select unvocalized, root from {table}")  # noqa: S608 (fixed names)
            if w and r and _ARABIC_LETTERS.match(w) and len(canon(r)) in (3, 4)
            and _ARABIC_LETTERS.match(canon(r)) and _root_shaped(canon(r))})
        for word, root in rng.sample(rows, n):
            if table == "nouns":
                pick = rng.random()
                if pick < 0.2:
                    word = "ال" + word
                elif pick < 0.27:
                    word = "وال" + word
                elif pick < 0.33:
                    word = "بال" + word
            elif rng.random() < 0.15:
                word = "و" + word
            out.append(Pair(word, root, root_class(root), "arramooz-" + table))
    return out


#: mazini slots drawn for the conjugated set (its own names).
MAZINI_SLOT_PREFIXES = ("past_", "ind_", "sub_", "jus_", "imp_")
MAZINI_SLOTS_EXTRA = ("ap", "pp")


def mazini(verbs: int = 1000, forms_each: int = 2) -> list[Pair]:
    """Conjugated forms of attested verbs (al-Bawwab and Mir Alam's tables)."""
    import mazini as mz
    from mazini.lexicon import attested_wazns, lexicon_roots

    rng = random.Random(SEED)
    verbs_all = [(r, w) for r in lexicon_roots() for w in attested_wazns(r)]
    out: list[Pair] = []
    for root, wazn in rng.sample(verbs_all, verbs):
        try:
            conj = mz.conjugate(root, wazn)
        except Exception:  # noqa: BLE001 (a verb mazini cannot conjugate is skipped)
            continue
        forms = sorted({_HARAKAT.sub("", f.form) for slot, fs in conj.slots.items()
                        if slot.startswith(MAZINI_SLOT_PREFIXES) or slot in MAZINI_SLOTS_EXTRA
                        for f in fs})
        forms = [f for f in forms if _ARABIC_LETTERS.match(f)]
        for form in rng.sample(forms, min(forms_each, len(forms))):
            out.append(Pair(form, canon(root), root_class(root), "mazini"))
    return out


def all_sets() -> dict[str, list[Pair]]:
    sets = {"hand": hand()}
    for name, build in (("arramooz", arramooz), ("mazini", mazini)):
        try:
            sets[name] = build()
        except ImportError:
            pass  # the package is not installed: that set is left out
    return sets
