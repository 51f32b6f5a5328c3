"""Which words have no root: particles, pronouns, demonstratives and
relatives (في, الذي, هذا, لكن), alone or with the clitics they take (فإذا,
لمن, عليكم, إنهم).  Used by :func:`seedsearch.text.roots.roots_of` before
any reading.  Data and two small functions, no reading of patterns.
"""

from __future__ import annotations

from .normalize import prenormalize
from .stopwords import STOP_WORDS

__all__ = ["PARTICLE_WORDS", "is_particle", "particle_key"]

#: One spelling for comparing a word with the particle list.
_FOLD_ALL = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "ء", "ئ": "ء", "ى": "ي", "ة": "ه"})


def particle_key(word: str) -> str:
    return prenormalize(word).translate(_FOLD_ALL)


#: Words of the stop list that are verbs or nouns with a root: they are read.
_HAVE_ROOTS = frozenset(particle_key(w) for w in """
كان كانت كانوا يكون تكون أصبح أصبحت صار صارت ظل ليس ليسوا مازال زال وكان وكانت
جميع بعض كل غير بعد قبل فوق تحت أمام خلف وراء خلال عبر ضد حول نحو دون تجاه حين
سوى أيضا نعم عند لدى وبعد وقبل وعند وكل وليس بين وبين
""".split())
#: A preposition with an attached pronoun (لهن, عليكم, منها), which the stop
#: list has only in part.
_PREPOSITIONS = ("ل", "ب", "في", "من", "عن", "علي", "الي", "مع", "عند", "لدي")
_PRONOUNS = ("ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "ي", "نا")
#: إن and its sisters with an attached pronoun (إنهم, لأنه, لكنها, لعلهم).
_INNA = ("ان", "لان", "لكن", "لعل")
#: Particles, pronouns, demonstratives and relatives: no root.
PARTICLE_WORDS = (frozenset(particle_key(w) for w in STOP_WORDS) - _HAVE_ROOTS) | frozenset(
    c + p + pron for c in ("", "و", "ف") for p in _PREPOSITIONS + _INNA for pron in _PRONOUNS)


#: Content words that read as a clitic and a particle (لمع: ل + مع; لهو: ل + هو).
_JOINED_WORDS = frozenset({"لمع", "لهو"})
_PARTICLE_CLITICS = tuple(c + p for c in ("", "و", "ف") for p in ("", "ب", "ل") if c + p)


def is_particle(key: str) -> bool:
    """A particle, or one with و ف and ب ل before it (فإذا, وإذ, لمن,
    للذين as ل + الذين; not ك: كان would be ك + إن).  ``key`` is a
    :func:`particle_key`, whose final ه may be a ة: such a word is not
    taken apart (لبة is not ل + به)."""
    if key in PARTICLE_WORDS:
        return True
    if key in _JOINED_WORDS:
        return False
    for pre in _PARTICLE_CLITICS:
        rest = key[len(pre):]
        if key.startswith(pre) and len(rest) >= 2 and (
                rest in PARTICLE_WORDS or (pre.endswith("ل") and rest.startswith("ل")
                                           and "ا" + rest in PARTICLE_WORDS)):
            return True
    return False
