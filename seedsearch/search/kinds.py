"""The closed sets of the search layer, each named once.

They are ``str`` enums: a member equals its value (``Occur.MUST == "must"``),
prints as it (``f"{WordKind.PREFIX}"`` is ``prefix``) and goes into JSON as
it, so ``explain()`` and the plan read as before.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

__all__ = ["Occur", "WordKind", "TermKind", "MORPH_KINDS", "Combine"]


class _Named(str, Enum):
    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class Occur(_Named):
    """How a clause of a query counts."""
    MUST = "must"
    SHOULD = "should"
    MUST_NOT = "must_not"


class WordKind(_Named):
    """What a query word asks for."""
    PLAIN = "plain"
    PREFIX = "prefix"  # مسؤول*
    FUZZY = "fuzzy"  # الصلاه~
    PHRASE = "phrase"  # a phrase of one word («الصلاة»), planned as a word
    ROOT = "root"  # root:كتب, the words of an Arabic root


class TermKind(_Named):
    """What one BM25 term of a planned word stands for."""
    STEM = "stem"  # the word's light stems (and prefixed forms the index reads)
    FORM = "form"  # the very word form, a bonus on top of its stem
    PLURAL = "plural"  # its broken plural or singular
    VERB = "verb"  # its other verb form
    PREFIX = "prefix"  # the expansions of a prefix word
    FUZZY = "fuzzy"  # the neighbours of a fuzzy word
    PHRASE = "phrase"  # one word of a phrase
    ROOT = "root"  # the words of a root query's root


#: Terms that read a word as another word: they do not make it "known"
#: (did you mean) and their idf never exceeds the word's.
MORPH_KINDS = frozenset({TermKind.PLURAL, TermKind.VERB})

#: How a term's spellings add up in a document: summed, or the largest.
Combine = Literal["sum", "max"]
