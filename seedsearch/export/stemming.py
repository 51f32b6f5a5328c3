"""seedsearch's light stemmer (:mod:`seedsearch.text.stem`) as stock
``pattern_replace`` token filters, generated from its own tables: the name
of God guarded whole, the article, the pronouns (a construct ت made ة
again), the feminine and plural endings, then the letter fold and the hamza
seats.  :mod:`.settings` chains them into the exported analyzers."""

from __future__ import annotations

from collections.abc import Iterable

from ..text import normalize as _norm
from ..text import stem as _stem
from .patterns import char_class, pattern_replace

__all__ = ["GUARD_OPEN", "GUARD_CLOSE", "guard_god_filters", "article_filter",
           "pronouns_filters", "endings_filter", "folded_from", "fold_filters",
           "hamza_seats_filter"]

#: Wraps a protected word (the name of God) while the stemmer rules run.
GUARD_OPEN, GUARD_CLOSE = "<", ">"


def guard_god_filters() -> list[dict]:
    targets: dict[str, list[str]] = {}
    for form, target in _stem._GOD_FORMS.items():
        targets.setdefault(target, []).append(form)
    return [pattern_replace("^(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")$",
                            GUARD_OPEN + target + GUARD_CLOSE)
            for target, forms in targets.items()]


def article_filter() -> dict:
    endings = "|".join(sorted(_stem.ENDINGS_ONLY, key=len, reverse=True))
    alts = [f"{p}(?=.{{{keep},}}$)" + (f"(?!(?:{endings})$)" if p in _stem.KAF_ARTICLES else "")
            for p, keep in _stem.ARTICLE_PREFIXES]
    merge = _stem.LAM_MERGE
    alts.append(f"{merge[0]}(?={merge[1:]}.{{{_stem.LAM_MERGE_MIN_LEN - len(merge)},}}$)")
    return pattern_replace("^(?:" + "|".join(alts) + ")")


def pronouns_filters() -> list[dict]:
    """Two filters: a pronoun after a construct ت (سياستها -> سياسة), then
    any other pronoun, each with its guards (ه stays after ا: اتجاه; نا
    after a long vowel, كورونا, and in the isnad formulas, حدثنا)."""
    suffixes = _stem.PRONOUN_SUFFIXES
    assert all(_stem.TEH not in s for s, _ in suffixes), "the construct rule needs ت-free suffixes"
    construct = [f"{_kept(s)}(.{{{max(keep, _stem.CONSTRUCT_MIN_LEN) - 1},}}){_stem.TEH}{s}"
                 for s, keep in suffixes]
    plain = [f"{_kept(s)}(.{{{keep - 1},}}[^{_guard_before(s)}]){s}" if _guard_before(s)
             else f"(.{{{keep},}}){s}" for s, keep in suffixes]
    groups = "".join(f"${i}" for i in range(1, len(suffixes) + 1))
    return [pattern_replace("^" + _not_plural(suffixes) + "(?:" + "|".join(construct) + ")$",
                            groups + _stem.TEH_MARBUTA),
            pattern_replace("^(?:" + "|".join(plain) + ")$", groups)]


def _guard_before(suffix: str) -> str:
    """The letters before ``suffix`` that make it part of the word: ه after
    ا (اتجاه), نا after a long vowel (أحيانا, كورونا)."""
    if suffix == _stem.HEH:
        return _stem.ALEF
    if suffix == _stem.NA:
        return "".join(sorted(_stem.NA_AFTER_LONG_VOWEL))
    return ""


def _kept(suffix: str) -> str:
    """A lookahead that leaves the isnad formulas (حدثنا, أخبرنا) whole
    when ``suffix`` is نا."""
    return f"(?!(?:{_spellings(_stem.NA_KEEP)})$)" if suffix == _stem.NA else ""


def _not_plural(suffixes: tuple[tuple[str, int], ...]) -> str:
    """One lookahead, before the construct alternatives, that keeps a
    plural's ات before any of ``suffixes`` (حكوماتهم), not a listed noun's
    in اة (مباراتهم), after up to two prefixes (بحياته), as the stemmer
    does.  The word can end in only one of them after its ت, so one
    alternation of them stands for the suffix each alternative strips."""
    singulars = _spellings(w[:-1] + _stem.TEH for w in _stem.SINGULARS_IN_ALEF_TEH)
    prefixes = char_class(_stem.ONE_LETTER_PREFIXES) + f"{{0,{_stem.PLURAL_PREFIXES_MAX}}}"
    suffix = "(?:" + "|".join(s for s, _ in suffixes) + ")"
    return (f"(?:(?={prefixes}(?:{singulars}){suffix}$)"
            f"|(?!.*{_stem.ALEF}{_stem.TEH}{suffix}$))")


def _spellings(folded_words: Iterable[str]) -> str:
    """An alternation matching every spelling that folds to one of
    ``folded_words``: the stemmer's filters run before the alef forms and ة
    are folded."""
    sources = folded_from()
    return "|".join("".join(char_class([c, *sources[c]]) if c in sources else c for c in w)
                    for w in sorted(folded_words))


def endings_filter() -> dict:
    """The feminine ة, else a plural or dual ending, each with its guard."""
    alts = [f"(.{{{_stem.FEMININE_KEEP},}}){_stem.TEH_MARBUTA}"]
    alts += [f"(.{{{keep},}}){s}" for s, keep in _stem.PLURAL_SUFFIXES]
    groups = "".join(f"${i}" for i in range(1, len(alts) + 1))
    return pattern_replace("^(?:" + "|".join(alts) + ")$", groups)


def folded_from() -> dict[str, list[str]]:
    """Each letter ``normalize.fold`` folds others into (ا, ه), with those
    letters (أ إ آ, ة)."""
    by_value: dict[str, list[str]] = {}
    for key, value in _norm._FOLD_TABLE.items():
        by_value.setdefault(value, []).append(chr(key))
    return by_value


def fold_filters() -> list[dict]:
    return [pattern_replace(char_class(keys), value)
            for value, keys in sorted(folded_from().items())]


def hamza_seats_filter() -> dict:
    return pattern_replace(char_class([_norm.WAW_HAMZA, _norm.YEH_HAMZA]), _norm.HAMZA)
