"""Indexes over the tables of :mod:`.root_tables`, built once at import: every
clitic sequence and ending with its cost, the patterns by length, and the
patterns by the letters of their own, so that :mod:`.roots` matches a stem
against the few patterns its letters fit (35 µs a word where matching every
pattern of its length took 100).  Data only, no reading of words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from operator import itemgetter
from typing import cast

from .root_tables import (
    ARTICLE,
    BEFORE_PRONOUN,
    CONJUNCTIONS,
    HOLLOW_JUSSIVE_OF,
    INFIX_AFTER,
    INFLECTIONS,
    LAM_ARTICLE,
    MIN_STEM,
    NOMINAL_ENDINGS,
    NOMINAL_PREPOSITIONS,
    PARTICLES,
    PATTERNS_3,
    PATTERNS_4,
    PRONOUNS,
)

__all__ = ["PREFIXES", "SUFFIXES", "SUFFIX_COST", "SUFFIX_LENGTHS", "BY_LENGTH",
           "matching_shape", "shape",
           "NOMINAL_PREFIXES", "NOMINAL_SUFFIXES", "VIII_INFIX", "AFTER_INFIX", "VIII_VERB",
           "VIII_WITHOUT_FIRST", "PLANS"]


def _prefixes() -> tuple[tuple[tuple[str, float], ...], frozenset[str]]:
    """Every proclitic sequence with its cost, and those that mark a noun
    (an article, or ب or ك: :data:`~.root_tables.NOMINAL_PREPOSITIONS`)."""
    out: dict[str, float] = {}
    marks: dict[str, bool] = {}
    for conj, c1 in CONJUNCTIONS:
        for part, c2 in PARTICLES:
            for art, c3 in (("", 0.0), ARTICLE):
                if part == "س" and art:
                    continue
                if part == "ل" and art:
                    text, cost = conj + LAM_ARTICLE[0], c1 + LAM_ARTICLE[1]
                else:
                    text, cost = conj + part + art, c1 + c2 + c3
                out[text] = min(cost, out.get(text, cost))
                nominal = bool(art) or (part != "" and part in NOMINAL_PREPOSITIONS)
                marks[text] = marks.get(text, True) and nominal
    return tuple(sorted(out.items())), frozenset(t for t, m in marks.items() if m)


def _suffixes() -> tuple[tuple[tuple[str, float], ...], frozenset[str]]:
    """Every ending with its cost, and those that only a noun has (every
    way of reading them has a noun's inflection)."""
    out: dict[str, float] = dict(INFLECTIONS)
    marks: dict[str, bool] = {infl: infl in NOMINAL_ENDINGS for infl, _ in INFLECTIONS}
    for infl, c1 in BEFORE_PRONOUN:
        for pron, c2 in PRONOUNS:
            text, cost = infl + pron, c1 + c2
            out[text] = min(cost, out.get(text, cost))
            marks[text] = marks.get(text, True) and infl in NOMINAL_ENDINGS
    return tuple(sorted(out.items())), frozenset(t for t, m in marks.items() if m)


PREFIXES, NOMINAL_PREFIXES = _prefixes()
SUFFIXES, NOMINAL_SUFFIXES = _suffixes()
#: Length -> (pattern, cost, radicals, verbal): ``verbal`` for a pattern
#: only a verb has (the imperfect's, and a hollow verb's short jussive and
#: imperative: :data:`~.root_tables.HOLLOW_JUSSIVE_OF`).
BY_LENGTH: dict[int, list[tuple[str, float, int, bool]]] = {}
for _patterns, _n in ((PATTERNS_3, 3), (PATTERNS_4, 4)):
    for _pattern, _cost in _patterns:
        _verbal = _pattern[0] in "ين"
        BY_LENGTH.setdefault(len(_pattern), []).append((_pattern, _cost, _n, _verbal))
        if _n == 3:
            # The same pattern with one radical lost (weak and doubled verbs).
            for _lost in "123":
                _short = _pattern.replace(_lost, "")
                if len(_short) >= MIN_STEM and sum(ch.isdigit() for ch in _short) == 2:
                    BY_LENGTH.setdefault(len(_short), []).append((
                        _short, _cost, _n,
                        _verbal or (_lost == "2" and _pattern in HOLLOW_JUSSIVE_OF)))


#: Form VIII's patterns (and their participles) with the letter of their
#: infix: a ت, ط or د right after the first radical (:data:`INFIX_AFTER`;
#: a ت stands after none of the letters that take ط or د).
VIII_INFIX = {p: p[p.index("1") + 1] for p in (pat for pats in BY_LENGTH.values()
                                              for pat, _, n, _ in pats if n == 3)
               if "1" in p and p.index("1") + 1 < len(p) and p[p.index("1") + 1] in "تطد"
               and (p.startswith(("ا1", "ي1", "ت1", "ن1", "م1")))}
AFTER_INFIX = frozenset("".join(INFIX_AFTER.values()))
#: Form VIII's verb and participle (its radicals 2 and 3 side by side; not
#: the verbal noun افتعال, whose ا stands between them: اختيار).
VIII_VERB = frozenset(p for p in VIII_INFIX if "23" in p)
#: Form VIII's patterns without their first radical, which the ت took in
#: (ات23, يت23, مت23, ات2ا3: :data:`ASSIMILATED_VIII`).
VIII_WITHOUT_FIRST = frozenset(p.replace("1", "") for p, infix in VIII_INFIX.items()
                                if infix == "ت" and "2" in p and "3" in p)


#: Pattern -> how a stem of it is read (:func:`seedsearch.text.roots`): for
#: each radical position, its place in the stem (-1: a radical lost); the
#: form VIII infix; whether it is form VIII's verb; whether form VIII's
#: first radical is lost in it.
PLANS: dict[str, tuple[tuple[tuple[str, int], ...], str | None, bool, bool]] = {
    pattern: (tuple((pos, pattern.find(pos)) for pos in "1234"[:n]), VIII_INFIX.get(pattern),
              pattern in VIII_VERB, pattern in VIII_WITHOUT_FIRST)
    for patterns in BY_LENGTH.values() for pattern, _, n, _ in patterns}


#: The patterns of each length by their own letters: length -> (the places of
#: the pattern's letters, those letters) -> patterns, so that a stem is
#: matched against the few patterns its letters fit, not all of them.
_BY_SHAPE: dict[int, dict[tuple[int, ...], dict[str, list[tuple[str, float, int, bool]]]]] = {}
for _size, _patterns_n in BY_LENGTH.items():
    for _entry in _patterns_n:
        _shape = tuple(i for i, p in enumerate(_entry[0]) if not p.isdigit())
        _letters = "".join(_entry[0][i] for i in _shape)
        _BY_SHAPE.setdefault(_size, {}).setdefault(_shape, {}).setdefault(_letters, []).append(_entry)


def _picker(shape: tuple[int, ...]) -> Callable[[str], str]:
    """A function from a stem to its letters at ``shape``'s places."""
    if not shape:
        return lambda stem: ""
    pick = itemgetter(*shape)
    if len(shape) == 1:
        return cast(Callable[[str], str], pick)
    return lambda stem: "".join(pick(stem))


_SHAPES = {size: [(_picker(shape), by_letters) for shape, by_letters in shapes.items()]
           for size, shapes in _BY_SHAPE.items()}


#: The letters patterns are written with (and أ, which may stand for their
#: ا): every other letter of a stem is a radical wherever it stands, so
#: which patterns a stem fits depends only on where these stand in it.
_PATTERN_LETTERS = "".join(sorted({ch for patterns in BY_LENGTH.values()
                                   for pattern, _, _, _ in patterns
                                   for ch in pattern if not ch.isdigit()} | {"أ"}))
_RADICALS_ONLY = re.compile(f"[^{_PATTERN_LETTERS}]")


def shape(stem: str) -> str:
    """``stem`` with :data:`_PATTERN_LETTERS` in place and any other letter
    as ``*``; "" when no pattern is as long as ``stem``."""
    if len(stem) not in _SHAPES:
        return ""
    return _RADICALS_ONLY.sub("*", stem)


@lru_cache(maxsize=1 << 16)
def matching_shape(stem: str) -> tuple[tuple[str, float, int, bool], ...]:
    """The patterns whose own letters stand in a stem of the :func:`shape`
    ``stem`` (a pattern's ا also matches أ).  Asked by shape, which a
    vocabulary's 260,000 candidate stems share: مكتوب and مشروب are both
    م**و*."""
    if not stem:
        return ()
    out: list[tuple[str, float, int, bool]] = []
    for pick, by_letters in _SHAPES[len(stem)]:
        letters = pick(stem)
        if "أ" not in letters:
            found = by_letters.get(letters)
            if found:
                out += found
            continue
        keys = {letters}
        for i, ch in enumerate(letters):  # each أ may stand for the pattern's ا
            if ch == "أ":
                keys |= {k[:i] + "ا" + k[i + 1:] for k in keys}
        for key in keys:
            out += by_letters.get(key, ())
    return tuple(out)


#: Each ending's cost, and the lengths endings have (longest first).
SUFFIX_COST = dict(SUFFIXES)
SUFFIX_LENGTHS = sorted({len(s) for s in SUFFIX_COST}, reverse=True)
