"""The words one edit away from a word: a fuzzy word's candidates.

A fuzzy query word (الصلاه~) looks for index terms within one Levenshtein
edit (a letter deleted, inserted or replaced; a swap of two letters counts
two, as in Whoosh's automaton).  Rather than walk the term list with an
automaton, the candidates are spelled out and looked up: a word of n
letters has about 75·n of them over the letters of normalized Arabic text.
"""

from __future__ import annotations

__all__ = ["ALPHABET", "one_edit"]

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
