"""Query strings -> tokens: the lexer of :mod:`.query`.

A token is a pair (kind, text): ("word", "موسكو"), ("phrase", "الجيش السوري")
(the text between two quotes), ("field", "title"), ("date", ">2024") (the
spec after ``date:``), ("open", "("), ("close", ")"), ("other", "!").  A
root field may carry its clause's sign: ("field", "+root"), ("field", "-جذر").  The
lexer reads the string once, left to right: its work grows with the length
of the query and no faster, whatever the query holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal, cast

from ..fields import DATE, QUERY_FIELDS, ROOT_NAMES
from .notices import Notice, NoticeCode

__all__ = ["lex", "Token", "TokenKind"]

TokenKind = Literal["word", "phrase", "sign", "field", "date", "open", "close", "other"]
Token = tuple[TokenKind, str]
#: Each opening quote and the quote that closes it.
_QUOTES = {'"': '"', "«": "»", "“": "”", "„": "“", "”": "”"}

#: The root field's names (root, جذر), with a clause's sign.
_ROOT_NAME = "[+-]?(?i:" + "|".join(sorted(ROOT_NAMES)) + ")"
#: A field's name (the root field's with its sign) as typed before a space
#: (``title: الحج``); ``date:`` reads its own spec.
_SPACED_NAME = ("(?:" + _ROOT_NAME + "|(?i:"
                + "|".join(sorted(QUERY_FIELDS - ROOT_NAMES - {DATE}, key=len, reverse=True)) + "))")
_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<open>[(\[{])
  | (?P<close>[)\]}])
  | (?P<field>""" + _ROOT_NAME + r"""|[+-]?[A-Za-z_]+):(?=\S)
  | (?P<spaced>""" + _SPACED_NAME + r"""):(?=\s|$)
  | (?P<quote>["«“„”])
  | (?P<word>[^\s()\[\]{}"«»“”„]+)
  | (?P<other>.)
    """,
    re.VERBOSE,
)
_NON_SPACE = re.compile(r"\S+")
#: A plain word after spaces (what ``root: `` may take).
_WORD = re.compile(r"\s+(?![+-])([^\s()\[\]{}\"«»“”„:]+)(?=[\s()\[\]{}]|$)")


def lex(text: str, problem: Callable[[Notice], None]) -> list[Token]:
    """The tokens of ``text``; ``problem`` hears of an unclosed quote or
    date range (and may raise)."""
    out: list[Token] = []
    pos = 0
    # Closing quotes that occur nowhere after some point: looked for once, so
    # that a megabyte of «««… is not read once per quote.
    absent: set[str] = set()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        assert m is not None and m.lastgroup is not None  # (?P<other>.) matches anything
        kind = m.lastgroup
        if kind == "quote":
            close = _QUOTES[m.group()]
            end = -1 if close in absent else text.find(close, m.end())
            if end < 0:
                absent.add(close)
                # A stray quote is dropped: the words after it are
                # read as they would be without it.
                problem(Notice(NoticeCode.UNCLOSED_QUOTE, {"quote": m.group(), "at": m.start()}))
                pos = m.end()
                continue
            out.append(("phrase", text[m.end():end]))
            pos = end + 1
            continue
        if kind == "field" and m.group("field").lower() == DATE:
            pos = _date(text, m.end(), out, problem)
            continue
        if kind == "spaced":
            pos = _spaced_field(text, m, out, problem)
            continue
        if kind == "word" and m.group() in ("+", "-") and text[m.end():m.end() + 1] in _QUOTES:
            out.append(("sign", m.group()))  # +"…" / -"…": the phrase right after it
        elif kind != "space":
            out.append((cast(TokenKind, kind), m.group(kind)))
        pos = m.end()
    return out


def _spaced_field(text: str, m: re.Match, out: list[Token],
                  problem: Callable[[Notice], None]) -> int:
    """``root: كتب``, ``title: الحج``, a space typed after the colon (an easy
    slip): the field of the word that follows.  A field's name with no word
    after it (``title:``) is left out, and said."""
    word = _WORD.match(text, m.end())
    if word is None:
        problem(Notice(NoticeCode.OPERATOR_ALONE, {"operator": m.group(), "side": "right"}))
        return m.end()
    out.append(("field", m.group("spaced")))
    out.append(("word", word.group(1)))
    return word.end()


def _date(text: str, pos: int, out: list[Token], problem: Callable[[Notice], None]) -> int:
    """The date spec after ``date:`` at ``pos`` (``[A TO B]`` or one word)."""
    if text.startswith("[", pos):
        end = text.find("]", pos)
        if end < 0:
            problem(Notice(NoticeCode.UNCLOSED_RANGE))
            end = len(text)
        out.append(("date", text[pos + 1:end]))
        return end + 1
    m = _NON_SPACE.match(text, pos)
    if m is None:  # "date:" followed by a space or nothing
        return pos
    out.append(("date", m.group()))
    return m.end()
