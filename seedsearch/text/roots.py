"""Arabic roots: the root of a word (كتب for كتاب كاتب مكتوب يكتبون استكتب
مكتبة).  Pure functions, no Whoosh.  What a user types after ``root:`` is
read by :mod:`.root_query`.

How a word is read
------------------

Like Khoja and Garside's root stemmer (*Stemming Arabic Text*, 1999), a word is
taken apart into clitics, an ending and a stem, the stem is matched against the
word patterns of Arabic (أوزان: مفعول, استفعل, فواعل…), and the radicals the
pattern leaves are accepted only when they form a root of a list of attested
roots.  Where Khoja keeps the first match, every reading here gets a cost
(:mod:`seedsearch.text.root_tables` lists them and their sources), weak and
hamzated radicals are restored the way their spelling allows (قال: ا for و or ي; قائل: ء for و; يعد,
قل, يرم, مد: a radical lost, filled with و, ي or the doubled letter), and the
cheapest readings win.  The steps:

===========================  ==================================================
step                         what it does
===========================  ==================================================
particles                    a particle, pronoun or demonstrative (في, الذي,
                             هذا, لكن) has no root: ``()``
skeleton                     harakat and tatweel removed; إ -> أ, آ -> أا,
                             ؤ ئ -> ء, ى -> ي; أ and ة kept (a written أ is a
                             hamza; a final ه may be a normalized ة)
clitics                      و ف, then ب ل ك (or سـ before ي ت ن ا), then ال
                             (لل after ل), each with a cost
ending                       inflection (ة ات ون ين ان وا تم ت نا ية…), then
                             a pronoun (ه ها هم كم ني…)
pattern                      the stem against ``PATTERNS_3`` and
                             ``PATTERNS_4`` (a digit is a radical), or a noun
                             of ``IRREGULAR`` (ابن, اسم, أب, الله); no verb's
                             pattern with a noun's mark (ال, ة:
                             ``NOMINAL_ENDINGS``), form VIII's infix after its
                             own letters only (``INFIX_AFTER``)
weak letters                 ا و ي ء in a radical's place restored
                             (``WEAK``), a lost radical filled (``MISSING``)
root list                    the radicals must be an attested root
                             (:func:`known_roots`)
choice                       the cheapest reading, minus a prior for a root
                             with many verbs and for one frequent in the
                             hadith; a second root if it costs little more;
                             nothing if the best costs over ``MAX_COST``
                             (موسكو, واشنطن)
===========================  ==================================================

How a root is spelled
---------------------

A root is its radicals, three or four letters, in seedsearch's normalized
letters (:func:`seedsearch.text.normalize.normalize`) with one exception: a
hamza radical is always ء, whatever its seat (أكل -> ءكل, سأل -> سءل, قرأ ->
قرء), because the normalizer folds أ to ا and ا is never a radical.  A weak
radical is و or ي as the dictionaries give it (قال -> قول, باع -> بيع, دعا ->
دعو, رمى -> رمي), and a doubled root writes its last letter twice (مد -> مدد).

The root list
-------------

``data/roots.tsv.gz`` (31 KB): the 7,626 roots of the verbs attested in the
tables of Marwan al-Bawwab and Yahya Mir Alam, *جداول إحصاء الأفعال العربية*,
CC BY 4.0 (see ``data/NOTICE.md``), each with its number of attested verb
patterns and its frequency in the hadith (public domain); built by
``tools/build_roots.py``.  A root that no verb has (rare in Arabic) is not
found.  How this was chosen over the other candidates, and how well it does,
is in ``benchmarks/ROOTS.md``.

Limits: a word is read alone, so where its letters allow two roots (يعد: وعد
or عدد; مقال: قول or مقل) the prior picks the order and both may be returned;
a foreign name that happens to fit a pattern gets a root (بوتين -> بيت); the
normalized form (أ إ آ as ا) loses a hamza that the written word shows (سأل
is سءل, its normalized سال reads as سول): the index's root tables read a word
as written (:mod:`seedsearch.storage.roottable`).
"""

from __future__ import annotations

import gzip
import math
import re
from functools import cache, lru_cache
from importlib import resources

from .normalize import prenormalize
from .root_particles import PARTICLE_WORDS, is_particle, particle_key
from .root_patterns import (
    AFTER_INFIX,
    NOMINAL_PREFIXES,
    NOMINAL_SUFFIXES,
    PLANS,
    PREFIXES,
    SUFFIX_COST,
    SUFFIX_LENGTHS,
    matching_shape,
    shape,
)
from .root_tables import (
    ASSIMILATED_VIII,
    FREQ_WEIGHT,
    FUTURE_BEFORE,
    HEH_AS_TEH_MARBUTA,
    INFIX_AFTER,
    IRREGULAR,
    IRREGULAR_BONUS,
    MAX_COST,
    MIN_STEM,
    MISSING,
    MISSING_BEFORE,
    PRIOR_WEIGHT,
    QUADRILITERAL_SCALE,
    SECOND_WITHIN,
    WEAK,
    WEAK_MIDDLE_IN_VIII,
)

__all__ = ["roots_of", "known_roots", "root_weight", "skeleton", "readings", "irregular_root",
           "ROOT_LETTERS"]

DATA_FILE = "roots.tsv.gz"
#: The letters a root is written with.
ROOT_LETTERS = frozenset("ءبتثجحخدذرزسشصضطظعغفقكلمنهوي")
_SKELETON = str.maketrans({"إ": "أ", "ؤ": "ء", "ئ": "ء", "ى": "ي", "ٱ": "ا"})
_ARABIC = re.compile("^[ءأابتثجحخدذرزسشصضطظعغفقكلمنهويةى]+$")
@lru_cache(maxsize=1)
def _weights() -> dict[str, tuple[int, int]]:
    """root -> (attested verb patterns, frequency in the hadith)."""
    data = resources.files(__package__).joinpath("data").joinpath(DATA_FILE).read_bytes()
    out = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        root, verbs, freq = line.split("\t")
        out[root] = (int(verbs), int(freq))
    return out


#: Letters a pattern may have put where a four-letter "root" has them.
_WEAK_RADICALS = frozenset("ويء")


@lru_cache(maxsize=1)
def _prior() -> dict[str, float]:
    return {r: PRIOR_WEIGHT * math.log1p(n * (QUADRILITERAL_SCALE if len(r) == 4
                                              and not _WEAK_RADICALS & set(r) else 1.0))
            + FREQ_WEIGHT * math.log1p(f)
            for r, (n, f) in _weights().items()}


def known_roots() -> frozenset[str]:
    """Every root of the shipped list (read once)."""
    return _known()


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(_weights())


def root_weight(root: str) -> tuple[int, int]:
    """(attested verb patterns, frequency in the hadith) of a root; (0, 0) if unknown."""
    return _weights().get(root, (0, 0))


def skeleton(word: str) -> str:
    """The spelling the patterns are matched on (see the module docstring).

    >>> skeleton("مَآكِلُ"), skeleton("سُئِلَ"), skeleton("إلى")
    ('مأاكل', 'سءل', 'ألي')
    """
    return prenormalize(word).translate(_SKELETON).replace("آ", "أا")


_IRREGULAR = {skeleton(w): root for words, root in IRREGULAR for w in words.split()}


def irregular_root(word: str) -> str | None:
    """The root of a noun of the IRREGULAR table, with or without و ف ب ل or ال."""
    w = skeleton(word)
    for pre in ("", "و", "ف", "ب", "ل", "ال", "وال", "فال", "بال", "لل", "ول", "وب", "فب", "فل"):
        if w.startswith(pre) and w[len(pre):] in _IRREGULAR:
            return _IRREGULAR[w[len(pre):]]
    return None


@cache
def _radical_options(letter: str, position: str) -> tuple[tuple[str, float], ...]:
    options = WEAK.get((letter, position)) or WEAK.get((letter, ""))
    if options is not None:
        return options
    return ((letter, 0.0),) if letter in ROOT_LETTERS else ()


@lru_cache(maxsize=1 << 17)
def _stem_readings(stem: str, form: str, after: str, nominal: bool) -> dict[str, float]:
    """Every known root of ``stem`` (of the :func:`shape` ``form``) with the
    cost of its cheapest reading, before the clitics' and ending's
    (``after``: the ending's first letter; ``nominal``: the word has a
    noun's mark, :data:`NOMINAL_ENDINGS`, so a verb's pattern is not tried).
    Kept: a stem recurs under many clitics and endings (كتاب, الكتاب,
    وكتابه), and an index's vocabulary is read word by word.  Most
    radicals are letters that stand for themselves: their reading is the
    letters themselves, without the product of every letter's options."""
    known = _known()
    best: dict[str, float] = {}
    irregular = _IRREGULAR.get(stem)
    if irregular is not None:
        best[irregular] = -IRREGULAR_BONUS
    for pattern, cost, _, verbal in matching_shape(form):
        if verbal and nominal:
            continue
        places, infix, viii_verb, without_first = PLANS[pattern]
        if infix is not None:
            first = stem[places[0][1]]
            if (first in INFIX_AFTER.get(infix, AFTER_INFIX)) != (infix != "ت"):
                continue
        if viii_verb and stem[places[1][1]] in "وي" and stem[places[2][1]] not in "ويا":
            cost += WEAK_MIDDLE_IN_VIII
        per_place = []
        simple = True
        for pos, at in places:
            if at >= 0:
                opts = _radical_options(stem[at], pos)
            elif pos == "1" and without_first:
                opts = ASSIMILATED_VIII
            else:
                opts = MISSING_BEFORE.get((pos, after)) or MISSING[pos]
            if not opts:
                break
            if len(opts) > 1 or opts[0][1] or opts[0][0] == "=":
                simple = False
            per_place.append(opts)
        else:
            if simple:
                root = "".join(opts[0][0] for opts in per_place)
                if root in known and cost < best.get(root, math.inf):
                    best[root] = cost
                continue
            choices: list[tuple[str, float]] = [("", cost)]
            for opts in per_place:
                choices = [(r + (r[-1] if o == "=" and r else o), c + oc)
                           for r, c in choices for o, oc in opts
                           if not (o == "=" and not r)]
                if not choices:
                    break
            for root, c in choices:
                if root in known and c < best.get(root, math.inf):
                    best[root] = c
    return best


#: Each proclitic sequence and its cost, and the longest.
_PREFIX_COST = dict(PREFIXES)
_LONGEST_PREFIX = max(map(len, _PREFIX_COST))


def readings(word: str) -> dict[str, float]:
    """Every known root ``word`` (a :func:`skeleton`) can be read as, with the
    cost of its cheapest reading, before the root's prior."""
    best: dict[str, float] = {}
    for size in range(min(len(word), _LONGEST_PREFIX) + 1):
        pre = word[:size]
        pc = _PREFIX_COST.get(pre)
        if pc is None:
            continue
        rest = word[size:]
        if pre.endswith("س") and (not rest or rest[0] not in FUTURE_BEFORE):
            continue
        for root, c in _rest_readings(rest, pre in NOMINAL_PREFIXES).items():
            if pc + c < best.get(root, math.inf):
                best[root] = pc + c
    return best


@lru_cache(maxsize=1 << 17)
def _rest_readings(rest: str, nominal: bool = False) -> dict[str, float]:
    """The readings of a word's letters after its proclitics: every ending
    it may have, then the stem (kept, as :func:`_stem_readings` is);
    ``nominal``: the proclitics mark a noun (an article, ب, ك)."""
    best: dict[str, float] = {}
    for size in SUFFIX_LENGTHS:
        if len(rest) - size < MIN_STEM:
            continue
        suf = rest[len(rest) - size:] if size else ""
        sc = SUFFIX_COST.get(suf)
        if sc is None:
            continue
        stem = rest[: len(rest) - size] if size else rest
        if "ة" in stem:
            continue
        form = shape(stem)
        if not (matching_shape(form) or stem in _IRREGULAR):
            continue  # half the candidate stems fit no pattern: no reading, nothing kept
        verbal, afters = _shape_traits(form)
        after = suf[:1]
        for root, c in _stem_readings(stem, form, after if after in afters else "",
                                      verbal and (nominal or suf in NOMINAL_SUFFIXES)).items():
            if sc + c < best.get(root, math.inf):
                best[root] = sc + c
    return best


@lru_cache(maxsize=1 << 16)
def _shape_traits(form: str) -> tuple[bool, frozenset[str]]:
    """What of an ending matters to the readings of a stem of the
    :func:`shape` ``form``: whether a pattern it fits is a verb's (if none
    is, a noun's mark changes nothing), and the first letters of an ending
    that change the restoring of a radical one of them has lost
    (:data:`MISSING_BEFORE`).  Given only those, :func:`_stem_readings`
    reads a stem once where it read it under every ending: of a
    vocabulary's stems, 38% fewer readings."""
    verbal = False
    afters: set[str] = set()
    for pattern, _, _, is_verb in matching_shape(form):
        verbal = verbal or is_verb
        places, _, _, without_first = PLANS[pattern]
        for pos, at in places:
            if at < 0 and not (pos == "1" and without_first):
                afters.update(letter for place, letter in MISSING_BEFORE if place == pos)
    return verbal, frozenset(afters)


#: Kept: the words of an index's segments repeat from one segment to the next.
#: 131,072 words, and as many stems and stems with endings in the two caches
#: above: ten 2,000-document batches of the bench corpus spent 14.4 s on their
#: root tables (17.9 s with those two at 32,768, in a process 89 MB smaller),
#: and a 2,500-document indexing worker, whose stems outnumber 32,768, 3.5 s
#: (4.2 s) for 22 MB more.
@lru_cache(maxsize=1 << 17)
def roots_of(word: str) -> tuple[str, ...]:
    """The candidate roots of one surface word, likeliest first (at most two).

    ``word`` may be vowelled or not, normalized by seedsearch or as written.
    A particle, a name or a loanword that no pattern explains gives ``()``.

    >>> roots_of("يكتبون"), roots_of("مكتبة"), roots_of("قالوا")
    (('كتب',), ('كتب',), ('قول',))
    >>> roots_of("موسكو"), roots_of("الذي")
    ((), ())
    """
    if not isinstance(word, str):
        return ()
    w = skeleton(word.strip())
    if not _ARABIC.match(w) or particle_key(w) in PARTICLE_WORDS or (
            not w.endswith("ة") and is_particle(particle_key(w))):
        return ()
    best = readings(w)
    if w.endswith("ه"):  # perhaps a normalized ة: a guess, so it costs a little more
        for root, c in readings(w[:-1] + "ة").items():
            best[root] = min(c + HEH_AS_TEH_MARBUTA, best.get(root, math.inf))
    prior = _prior()
    ranked = sorted((c - prior[r], r) for r, c in best.items() if c - prior[r] <= MAX_COST)
    if not ranked:
        return ()
    out = [ranked[0][1]]
    if len(ranked) > 1 and ranked[1][0] - ranked[0][0] <= SECOND_WITHIN:
        out.append(ranked[1][1])
    return tuple(out)
