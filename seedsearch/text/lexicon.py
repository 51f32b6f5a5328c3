"""A lexicon of Arabic light stems that stand on their own, shipped as data.

A one-letter prefix (و ف ب ل ك) is ambiguous: بقلم is ب + قلم, but وليد,
فيلم, بريطانيا are whole words.  The query planner reads a word without the
letter only where the rest is a known word.  The index's own vocabulary
answers that well on a large collection and badly on a small one (قلم does
not reach بقلم when قلم never stands alone in a few hundred documents).  This
lexicon answers it independently of the index's size.

:func:`is_known_stem` says whether a stem, as :func:`seedsearch.text.stem.stem`
returns it (fully normalized), is in the list.  The list is read once, on
first use, from ``seedsearch/text/data/stems.txt.gz`` (one stem a line, gzip,
about 69 KB, 25,068 stems).

Source and licence: built by ``tools/build_lexicon.py`` from the hadith of
the project's bench corpus (classical Arabic matn and isnad, public domain,
as collected by the hadith-json project from sunnah.com) and from nothing
else: stems seen at least 3 times without a one-letter prefix, minus forms
that are a prefix on a much commoner word.  The Qur'an text (Tanzil: CC BY
3.0, verbatim copies only), news and tafsir texts and pyarabic's word lists
(GPL) are not used.  See ``seedsearch/data/NOTICE.md``.

No Whoosh import: this module depends only on :mod:`seedsearch.text.normalize`.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

from .normalize import hamza_variants

__all__ = ["is_known_stem", "known_stems"]

DATA_FILE = "stems.txt.gz"


@lru_cache(maxsize=1)
def known_stems() -> frozenset[str]:
    """Every stem of the shipped lexicon with its hamza spellings (read once)."""
    data = resources.files(__package__).joinpath("data").joinpath(DATA_FILE).read_bytes()
    stems = gzip.decompress(data).decode("utf-8").split()
    return frozenset(v for s in stems for v in hamza_variants(s) + (s,))


def is_known_stem(stem: str) -> bool:
    """True when ``stem`` is attested on its own in the lexicon's source.

    ``stem`` is a light stem as :func:`seedsearch.text.stem.stem` returns it
    (قلم, جبال, كتاب), or one of the spellings the index files a seated
    hamza under (:func:`seedsearch.text.normalize.hamza_variants`: مسؤول,
    مسءول, مسوول are all known).

    >>> is_known_stem("قلم"), is_known_stem("ليد")
    (True, False)
    """
    return stem in known_stems()
