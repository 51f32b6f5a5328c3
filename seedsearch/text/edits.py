"""Edit distances, and the words one edit away from a word (a fuzzy
word's candidates).

A fuzzy query word (الصلاه~) looks for index terms within one Levenshtein
edit (a letter deleted, inserted or replaced; a swap of two letters counts
two, as in Whoosh's automaton).  Rather than walk the term list with an
automaton, the candidates are spelled out and looked up: a word of n
letters has about 75·n of them over the letters of normalized Arabic text.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["ALPHABET", "one_edit", "edit_distance"]

#: The letters a normalized term is spelled with (see :mod:`.normalize`:
#: alef, yeh and teh marbuta folded, hamza seats written as ء, Persian
#: letters kept) and the ASCII digits all digit sets normalize to.
ALPHABET = "ءابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "پچژگ" + "0123456789"


def one_edit(word: str, keep: int = 0) -> set[str]:
    """Every word at most one edit from ``word`` (itself included) whose
    first ``keep`` letters are those of ``word``, over :data:`ALPHABET`
    and the letters of ``word``.

    >>> sorted({"قل", "قلام", "قلمي", "ظلم", "اقلام", "اقلم"} & one_edit("قلم", keep=1))
    ['قل', 'قلام', 'قلمي']
    """
    letters = sorted(set(ALPHABET) | set(word))
    head, tail = word[:keep], word[keep:]
    out = {word}
    for i in range(len(tail) + 1):
        before, after = head + tail[:i], tail[i:]
        for c in letters:
            out.add(before + c + after)  # inserted
        if after:
            rest = after[1:]
            out.add(before + rest)  # deleted
            for c in letters:
                out.add(before + c + rest)  # replaced
    return out


def edit_distance(a: str, b: str,
                  substitution: Callable[[str, str], float] | None = None) -> float:
    """Levenshtein distance from ``a`` to ``b``: a deleted or inserted letter
    costs 1, a replaced one 1 or ``substitution(x, y)`` when given (which
    lets confusable letters cost less; :mod:`seedsearch.search.suggest`).

    >>> edit_distance("الصلاه", "الصلاة"), edit_distance("قلم", "اقلام")
    (1.0, 2.0)
    """
    prev = [float(j) for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        cur = [float(i)]
        for j, cb in enumerate(b, 1):
            if ca == cb:
                sub = 0.0
            else:
                sub = 1.0 if substitution is None else substitution(ca, cb)
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + sub))
        prev = cur
    return prev[-1]
