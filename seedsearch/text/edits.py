"""Edit distances, and the words a slip or an edit away from a word (the
candidates of a fuzzy word and of «did you mean»).

A fuzzy query word (الصلاه~) looks for index terms within one Levenshtein
edit (a letter deleted, inserted or replaced; a swap of two letters counts
two, as in Whoosh's automaton).  Rather than walk the term list with an
automaton, the candidates are spelled out and looked up: a word of n
letters has about 75·n of them over the letters of normalized Arabic text.

«Did you mean» weighs edits as people make them (:func:`arabic_distance`):
a *slip* costs :data:`NEAR`, half an edit, and is one of

* a letter written for one people confuse with it: a hamza and its seats
  (ء for ا و ي, and back), letters told apart only by their dots (ص ض, س ش,
  ح خ ج, ع غ, ط ظ, د ذ, ر ز, ب ت ث ن ي, ف ق), and letters that many
  speakers pronounce alike (ض ظ, ذ ز ظ, ث س, ط ت, ص س): the mergers of
  spoken Arabic that Arabic spelling-error studies list first (e.g.
  Alkanhal et al., "Automatic stochastic Arabic spelling correction with
  emphasis on space insertions and deletions", IEEE TASLP 2012);
* ت for a teh marbuta (الجماعت for الجماعة: ة is ت in a construct);
* a long vowel (ا و ي) left out (كرونا for كورونا, فيرس for فيروس), a
  letter doubled or left single (a shadda written out or missed);
* two adjacent letters swapped (الكبعة for الكعبة).

A neighbouring key of the standard Arabic keyboard (ز below ت) costs
:data:`KEY_SLIP`: a slip of the finger, less common than the slips of
spelling above.  Any other edit costs 1, a long vowel *added* included: people drop the
long vowels of a word far more often than they invent one, so فيرس is
nearer فيروس than فرس.  :func:`slips` spells out the words one slip away.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

__all__ = ["ALPHABET", "NEAR", "KEY_SLIP", "one_edit", "edit_distance", "arabic_distance", "slips",
           "confusable"]
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


#: The cost of a slip (see the module), against 1 for any other edit.
NEAR = 0.5
#: The cost of a neighbouring key.
KEY_SLIP = 0.75
#: Groups of letters people confuse (normalized forms: ة is ه, ى is ي,
#: أ إ آ are ا, a seated hamza is ء or its seat).
_CONFUSED = ("ءا", "ءو", "ءي", "هت", "صض", "ضظ", "ذزظ", "ثس", "طت", "طظ", "دذ", "رز", "حخج", "عغ", "فق", "سش",
             "بتثني", "صس")
#: The rows of the standard Arabic keyboard (the layout of Windows, macOS and
#: Android's "Arabic" keyboard), left to right.
_KEY_ROWS = ("ضصثقفغعهخحجد", "شسيبلاتنمكط", "ءؤرىةوزظ")
_LONG_VOWELS = "اوي"


def _key_pairs() -> set[tuple[str, str]]:
    pairs = set()
    for r, row in enumerate(_KEY_ROWS):
        for i, ch in enumerate(row):
            if i + 1 < len(row):
                pairs.add((ch, row[i + 1]))
            if r + 1 < len(_KEY_ROWS) and i < len(_KEY_ROWS[r + 1]):
                pairs.add((ch, _KEY_ROWS[r + 1][i]))
    return pairs


_CONFUSABLE = frozenset(
    pair for group in _CONFUSED for a, b in combinations(group, 2) for pair in ((a, b), (b, a)))
_KEY_NEIGHBOURS = frozenset(
    pair for a, b in _key_pairs() for pair in ((a, b), (b, a))) - _CONFUSABLE
#: Each letter's confusable letters, for spelling out slips.
_CONFUSED_WITH: dict[str, str] = {}
for _a, _b in sorted(_CONFUSABLE | _KEY_NEIGHBOURS):
    _CONFUSED_WITH[_a] = _CONFUSED_WITH.get(_a, "") + _b


def confusable(a: str, b: str) -> bool:
    """Whether people write the letter ``b`` for ``a`` (see the module)."""
    return (a, b) in _CONFUSABLE


def _substitution(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if (a, b) in _CONFUSABLE:
        return NEAR
    return KEY_SLIP if (a, b) in _KEY_NEIGHBOURS else 1.0


def arabic_distance(typed: str, meant: str) -> float:
    """The cheapest way from the ``typed`` word to the ``meant`` one in
    slips (:data:`NEAR`) and edits (1): a weighted Damerau-Levenshtein
    distance (not symmetric: a long vowel left out of ``typed`` is a slip,
    one added to it an edit).

    >>> arabic_distance("رمظان", "رمضان"), arabic_distance("كرونا", "كورونا")
    (0.5, 0.5)
    >>> arabic_distance("الكبعة", "الكعبة"), arabic_distance("الكبعة", "الكبدة")
    (0.5, 1.0)
    >>> arabic_distance("فيرس", "فيروس"), arabic_distance("فيرس", "فرس")
    (0.5, 1.0)
    """
    def doubled(word: str, i: int) -> bool:
        ch = word[i]
        return (i > 0 and word[i - 1] == ch) or (i + 1 < len(word) and word[i + 1] == ch)

    def extra(i: int) -> float:  # typed[i] is not in meant
        return NEAR if doubled(typed, i) else 1.0

    def missing(j: int) -> float:  # meant[j] is not in typed
        return NEAR if meant[j] in _LONG_VOWELS or doubled(meant, j) else 1.0

    a, b = typed, meant
    n, m = len(a), len(b)
    d = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        d[i][0] = d[i - 1][0] + extra(i - 1)
    for j in range(1, m + 1):
        d[0][j] = d[0][j - 1] + missing(j - 1)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            ca, cb = a[i - 1], b[j - 1]
            sub = _substitution(ca, cb)
            best = min(d[i - 1][j] + extra(i - 1), d[i][j - 1] + missing(j - 1),
                       d[i - 1][j - 1] + sub)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb and ca != cb:
                best = min(best, d[i - 2][j - 2] + NEAR)
            d[i][j] = best
    return d[n][m]


def slips(word: str) -> set[str]:
    """Every word one slip from ``word`` (see the module).

    >>> {"رمضان", "رمطان"} <= slips("رمظان"), "كورونا" in slips("كرونا")
    (True, True)
    """
    out = set()
    for i, ch in enumerate(word):
        for other in _CONFUSED_WITH.get(ch, ""):
            out.add(word[:i] + other + word[i + 1:])
        if i > 0 and word[i - 1] == ch:
            out.add(word[:i] + word[i + 1:])  # a double written single
        out.add(word[:i] + ch + word[i:])  # doubled
        if i + 1 < len(word) and word[i + 1] != ch:
            out.add(word[:i] + word[i + 1] + ch + word[i + 2:])  # swapped
    for i in range(len(word) + 1):
        for vowel in _LONG_VOWELS:
            out.add(word[:i] + vowel + word[i:])  # the long vowel left out
    out.discard(word)
    return out
