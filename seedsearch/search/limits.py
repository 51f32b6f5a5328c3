"""The limits of one query's reading, so that no input, however hostile,
makes a search slow, deep or large.

=========================  ====================================================
``MAX_QUERY_WORDS`` (64)   words of a query read (a pasted book stays fast);
                           the rest are left out, with a warning
``MAX_WORD_LETTERS`` (64)  letters of one word read (no Arabic word comes near:
                           the longest, such as فأسقيناكموه, have about a
                           dozen); the rest of the word is cut, with a warning
``MAX_NESTING`` (10)       levels of brackets read as groups; deeper brackets
                           group nothing (lenient) or are a QueryError
                           (strict).  Every stage (parser, planner, executor,
                           ``explain()``, the export's translation) walks the
                           tree recursively; ten levels keep them far from
                           Python's recursion limit, and the translated query
                           within Elasticsearch's default bool nesting (20)
``MAX_PROBLEMS`` (10)      problems of a lenient reading listed; the rest are
                           counted in one more line
=========================  ====================================================

Harakat and other marks inside a word are not letters: a vowelled word
keeps its marks up to its 64th letter.
"""

from __future__ import annotations

import unicodedata

from ..text.normalize import normalize
from ..text.terms import WORD_PATTERN
from .notices import Notice, NoticeCode

__all__ = ["MAX_QUERY_WORDS", "MAX_WORD_LETTERS", "MAX_NESTING", "MAX_PROBLEMS", "cut_word",
           "words_note", "letters_note", "nesting_problem", "Words", "Problems"]

MAX_QUERY_WORDS = 64
MAX_WORD_LETTERS = 64
MAX_NESTING = 10
MAX_PROBLEMS = 10
#: Characters of a cut word shown in its warning.
_SHOWN = 12


def _is_letter(ch: str) -> bool:
    """A character that counts as a letter of a word: not a combining mark
    (harakat, shadda, Qur'anic marks) nor a format character (a bidi mark)."""
    return unicodedata.category(ch)[0] != "M" and unicodedata.category(ch) != "Cf"


def cut_word(word: str) -> str:
    """``word`` up to its :data:`MAX_WORD_LETTERS`-th letter (with the marks
    that follow that letter), or ``word`` itself when it is not longer.

    >>> cut_word("الرئيس") == "الرئيس", len(cut_word("ب" * 1000))
    (True, 64)
    """
    if len(word) <= MAX_WORD_LETTERS:  # a word has no more letters than characters
        return word
    letters = 0
    for at, ch in enumerate(word):
        if _is_letter(ch):
            letters += 1
            if letters > MAX_WORD_LETTERS:
                return word[:at]
    return word


def words_note() -> Notice:
    """The warning of a query longer than :data:`MAX_QUERY_WORDS` words."""
    return Notice(NoticeCode.QUERY_CUT, {"words": MAX_QUERY_WORDS})


def letters_note(word: str) -> Notice:
    """The warning of a word cut by :func:`cut_word` (``word`` as typed)."""
    letters = sum(1 for ch in word if _is_letter(ch))
    return Notice(NoticeCode.WORD_CUT, {"word": word[:_SHOWN], "letters": letters,
                                        "cap": MAX_WORD_LETTERS})


def nesting_problem() -> Notice:
    """The problem of brackets nested deeper than :data:`MAX_NESTING`."""
    return Notice(NoticeCode.TOO_DEEP, {"depth": MAX_NESTING})


class Words:
    """The words one reading of a query takes, within the limits, and the
    notes (warnings) of what it left out."""

    def __init__(self) -> None:
        self.count = 0
        self.notes: list[Notice] = []

    @property
    def spent(self) -> bool:
        """True once MAX_QUERY_WORDS words were taken."""
        return self.count == MAX_QUERY_WORDS

    def note(self, notice: Notice) -> None:
        if notice not in self.notes:
            self.notes.append(notice)

    def take(self, text: str) -> tuple[str, ...]:
        """The words of ``text`` as the analyzers cut them (punctuation and
        words of marks alone dropped), each cut by :func:`cut_word`, while
        the query's MAX_QUERY_WORDS last."""
        words: list[str] = []
        if self.spent and words_note() in self.notes:
            return ()  # the rest of a long query costs no more than its lexing
        for m in WORD_PATTERN.finditer(text):
            if not normalize(m.group()):
                continue
            if self.spent:
                self.note(words_note())
                break
            word = cut_word(m.group())
            if word != m.group():
                self.note(letters_note(m.group()))
            words.append(word)
            self.count += 1
        return tuple(words)


class Problems:
    """The problems of one reading: the first raises QueryError in strict
    mode; a lenient reading lists MAX_PROBLEMS different ones and counts
    the rest (a megabyte of stray quotes is one line, not a million)."""

    def __init__(self, strict: bool):
        self.strict = strict
        self.listed: list[Notice] = []
        self.unlisted = 0

    def __call__(self, notice: Notice) -> None:
        if self.strict:
            raise notice.error()
        if notice in self.listed:
            return
        if len(self.listed) < MAX_PROBLEMS:
            self.listed.append(notice)
        else:
            self.unlisted += 1

    def all(self) -> list[Notice]:
        """The problems listed, and a last one counting the others."""
        more = [Notice(NoticeCode.MORE_PROBLEMS, {"count": self.unlisted})] if self.unlisted else []
        return self.listed + more
