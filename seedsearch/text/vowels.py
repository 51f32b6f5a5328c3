"""Diacritic-aware matching: do two vocalized spellings of a word agree?

Used by ``search(vowels=True)``.  Each vowelled word is indexed as
``stem|vocalized`` (see :func:`seedsearch.text.terms.vowel_terms`); a query word
with harakat keeps only the indexed spellings whose harakat do not
contradict its own, compared over the letters of the stem:

* a missing haraka agrees with any (a bare or half-vowelled text matches);
* prefixes and suffixes are not compared (بِالْعِلْمِ agrees with عِلْمٌ);
* the case ending, i.e. the harakat of the word's last letter, is grammar,
  not the word, and is not compared (عِلْمٌ agrees with عِلْمًا);
* otherwise the letters must carry the same harakat: عَلِمَ does not agree
  with عُلِمَ or عِلْم, as pyarabic's ``vocalizedlike`` decides for each
  aligned stretch.
"""

from __future__ import annotations

from pyarabic.araby import vocalizedlike

__all__ = ["vowels_agree", "split_letters"]

_MARKS = frozenset(chr(c) for c in range(0x064B, 0x0653))


def split_letters(vocalized: str) -> list[tuple[str, str]]:
    """``"عِلْمٌ"`` -> ``[("ع", "ِ"), ("ل", "ْ"), ("م", "ٌ")]``."""
    out: list[tuple[str, str]] = []
    for ch in vocalized:
        if ch in _MARKS:
            if out:
                out[-1] = (out[-1][0], out[-1][1] + ch)
        else:
            out.append((ch, ""))
    return out


def _stretch(letters: list[tuple[str, str]], stem: str) -> str | None:
    """The (letter, marks) pairs spelling ``stem`` inside ``letters``, the
    word's last letter left bare (case ending); None when not found."""
    bare = "".join(letter for letter, _ in letters)
    at = bare.find(stem)
    if at < 0 or not stem:
        return None
    part = list(letters[at:at + len(stem)])
    if at + len(stem) == len(letters):
        part[-1] = (part[-1][0], "")
    return "".join(letter + marks for letter, marks in part)


def vowels_agree(found: str, wanted: str, stem: str) -> bool:
    """True unless the harakat of ``found`` contradict those of ``wanted``
    on the letters of ``stem`` (all three already letter-normalized)."""
    a = _stretch(split_letters(found), stem)
    b = _stretch(split_letters(wanted), stem)
    if a is None or b is None:
        return True  # the words do not line up: no evidence of a contradiction
    return bool(vocalizedlike(a, b))
