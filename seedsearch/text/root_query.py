"""What a user types after ``root:``: a root's letters, typed apart or
together (ك-ت-ب, ك ت ب, كتب), or a word of it (يكتبون), read as the roots to
search; and, for a root that is not in the list, the shape of one and the
roots a slip of the keyboard may have meant.  Pure functions, no Whoosh;
words are read by :mod:`.roots`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalize import prenormalize
from .roots import ROOT_LETTERS, known_roots, root_weight, roots_of, skeleton

__all__ = ["parse_root", "is_root_letters", "looks_like_root", "roots_near", "SEPARATOR_CHARS"]

#: What may stand between a root's letters typed apart (ك-ت-ب, ك.ت.ب, ك/ت/ب),
#: as the inside of a regular expression's character class.
SEPARATOR_CHARS = r"\-_.,،/|ـ"
_SEPARATORS = re.compile(r"[\s" + SEPARATOR_CHARS + "]+")
#: A letter typed as a radical: every hamza and alef form is ء.
_AS_RADICAL = str.maketrans({"أ": "ء", "إ": "ء", "آ": "ء", "ا": "ء", "ؤ": "ء", "ئ": "ء",
                             "ى": "ي", "ة": "ه"})


def is_root_letters(text: str, roots: tuple[str, ...]) -> bool:
    """Whether ``text`` (a value of ``root:``) gave the letters of its root
    (ك-ت-ب, كتب, اكل), not a word of it (يكتبون): :func:`parse_root` read
    it as ``roots``."""
    parts = [p for p in _SEPARATORS.split(text.strip()) if p]
    if len(parts) > 1:
        return True
    word = skeleton(text.strip())
    return any(letters in roots
               for letters in (word, word[:1].replace("ا", "ء").replace("أ", "ء") + word[1:]))


@lru_cache(maxsize=4096)
def parse_root(text: str) -> tuple[str, ...] | None:
    """What a user typed after ``root:``, as the roots to search; None if no root.

    Three or four letters typed apart (ك-ت-ب, ك ت ب, أ ك ل, ز.ل.ز.ل) are a root
    as typed, every hamza and alef form read as ء; letters run together are a
    root when the list has them (كتب, مدد, سأل -> سءل, اكل -> ءكل); anything
    else is a word, read with :func:`roots_of` (يكتبون -> كتب), and its
    likeliest root is the one searched: searching a word's second reading
    too (يعد: وعد and عدد) cost more precision than it gave recall
    (``benchmarks/ROOTS.md``); :func:`roots_of` still tells the other.

    >>> parse_root("ك-ت-ب"), parse_root("ك ت ب"), parse_root("يكتبون")
    (('كتب',), ('كتب',), ('كتب',))
    >>> parse_root("موسكو") is None
    True
    """
    if not isinstance(text, str):
        return None
    parts = [prenormalize(p).translate(_AS_RADICAL) for p in _SEPARATORS.split(text.strip())]
    parts = [p for p in parts if p]
    if len(parts) > 1:
        letters = "".join(parts)
        ok = all(len(p) == 1 for p in parts) and 3 <= len(letters) <= 4
        return (letters,) if ok and set(letters) <= ROOT_LETTERS else None
    if not parts:
        return None
    word = skeleton(text.strip())
    for letters in (word, word[:1].replace("ا", "ء").replace("أ", "ء") + word[1:]):
        if letters in known_roots():
            return (letters,)
    return roots_of(text.strip())[:1] or None


def looks_like_root(text: str) -> bool:
    """Whether a value of ``root:`` that is not a known root has the shape
    of one: three or four root letters typed together, with no letter that
    only a pattern or a clitic has (ا, ة, ى): كتبب, قتبل, but also a
    four-letter word such as يكتب."""
    word = skeleton(text.strip()).replace("أ", "ء")
    return 3 <= len(word) <= 4 and set(word) <= ROOT_LETTERS and word not in known_roots()


def roots_near(text: str, read: str) -> list[str]:
    """Known roots that letters typed as a root give with a letter typed
    twice taken once (كتبب -> كتب, بحثث -> بحث), or an alef after the first
    letter (read as ء) taken for the weak radical و or ي (ق-ا-ل -> قءل ->
    قول), other than ``read``, the root they were read as as a word.  Arabic
    writes a doubled letter once (with a shadda), so two alike side by side
    in a root's letters are a slip of the keyboard, not a spelling; and a
    hollow root's middle letter, an alef in قال, is و or ي in the lists.
    The commonest in the hadith first (ب-ا-ع: بيع before بوع)."""
    word = skeleton(text.strip()).replace("أ", "ء")
    found = {word[:i] + word[i + 1:] for i in range(len(word) - 1) if word[i] == word[i + 1]}
    found |= {word[:i] + weak + word[i + 1:] for i in range(1, len(word)) if word[i] == "ء"
              for weak in "وي"}
    return sorted((r for r in found if r in known_roots() and r != read),
                  key=lambda r: (-root_weight(r)[1], r))
