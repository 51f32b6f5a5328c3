"""Query strings -> a small syntax tree (lenient parser).

Syntax (everything is optional; a plain sentence is the common case):

=======================  ===================================================
``word word``            ranked OR over the words (more words matched and
                         the phrase itself rank higher)
``+word`` / ``-word``    must / must not
``a AND b``, ``a و b``   both; ``a OR b``, ``a أو b``: either
``NOT a``, ``ليس a``     must not (the Arabic operators count only when they
                         stand alone between two terms, and only in a query
                         of search terms: in a sentence, one with stop words
                         of its own such as a question or a quoted verse,
                         they are its words)
``( … )``                grouping
``"…"`` ``«…»`` ``“…”``  phrase (also ``„…“``)
``field:value``          title, text, collection, category; a phrase may
                         follow the colon: ``title:«…»``
``date:[A TO B]``        dates: ``date:>2024``, ``date:<=2024-06``,
                         ``date:2024``
``word*``                prefix;  ``word~`` / ``word~2`` fuzzy
=======================  ===================================================

The parser never raises in lenient mode: an unbalanced quote or bracket, a
lone operator or an unknown ``field:`` degrades to plain words.  With
``strict=True`` the same problems raise :class:`QueryError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal, cast

from ..analysis import WORD_PATTERN
from ..errors import QueryError
from ..fields import DATE, KEYWORD_FIELDS, QUERY_FIELDS, TEXT_FIELDS
from ..text.normalize import normalize
from ..text.terms import is_stopped
from .dates import DateRange, date_range
from .kinds import Occur, WordKind
from .notices import Notice, NoticeCode

__all__ = ["parse", "only_stop_words", "Word", "Phrase", "Keyword", "DateRange", "Group",
           "Clause"]

MUST, SHOULD, MUST_NOT = Occur.MUST, Occur.SHOULD, Occur.MUST_NOT

#: The field names a query may use, as the message of a wrong one lists them.
_FIELD_LIST = ", ".join([*TEXT_FIELDS, *KEYWORD_FIELDS]) + f" or {DATE}"
_QUOTES = {'"': '"', "«": "»", "“": "”", "„": "“", "”": "”"}
_AND = {"AND", "&&", normalize("و")}
_OR = {"OR", "||", normalize("أو")}
_NOT = {"NOT", normalize("ليس")}
#: Arabic operators need a term on both sides and a query without other stop
#: words (see _Parser.sentence); Latin ones are always operators.
_ARABIC_OPS = {normalize("و"), normalize("أو"), normalize("ليس")}

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<open>[(\[{])
  | (?P<close>[)\]}])
  | (?P<field>[A-Za-z_]+):(?=\S)
  | (?P<quote>["«“„”])
  | (?P<word>[^\s()\[\]{}"«»“”„]+)
  | (?P<other>.)
    """,
    re.VERBOSE,
)
_NON_SPACE = re.compile(r"\S+")


@dataclass(frozen=True)
class Word:
    """One query word: plain, a prefix or fuzzy."""
    text: str
    field: str | None = None
    kind: WordKind = WordKind.PLAIN
    distance: int = 0


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    field: str | None = None


@dataclass(frozen=True)
class Keyword:
    """``collection:news``: an exact value of a keyword field."""
    field: str
    value: str


@dataclass(frozen=True)
class Clause:
    occur: Occur
    node: object


@dataclass
class Group:
    clauses: list[Clause] = field(default_factory=list)


#: What the lexer cuts a query into: ("word", "موسكو"), ("phrase", "الجيش السوري"),
#: ("field", "title"), ("date", ">2024"), ("open", "("), ("close", ")"), …
TokenKind = Literal["word", "phrase", "field", "date", "open", "close", "other"]
Token = tuple[TokenKind, str]
#: A binary or unary operator between clauses.
Operator = Literal["AND", "OR", "NOT"]


def _lex(text: str, problem: Callable[[Notice], None]) -> list[Token]:
    """The tokens of ``text``; ``problem`` hears of an unclosed quote or
    date range (and may raise)."""
    out: list[Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        assert m is not None and m.lastgroup is not None  # (?P<other>.) matches anything
        kind = m.lastgroup
        if kind == "quote":
            close = _QUOTES[m.group()]
            end = text.find(close, m.end())
            if end < 0:
                # A stray quote is dropped: the words after it are
                # read as they would be without it.
                problem(Notice(NoticeCode.UNCLOSED_QUOTE, {"quote": m.group(), "at": m.start()}))
                pos = m.end()
                continue
            out.append(("phrase", text[m.end():end]))
            pos = end + 1
            continue
        if kind == "field" and m.group("field").lower() == DATE:
            pos = _lex_date(text, m.end(), out, problem)
            continue
        if kind != "space":
            out.append((cast(TokenKind, kind), m.group(kind)))
        pos = m.end()
    return out


def _lex_date(text: str, pos: int, out: list[Token], problem: Callable[[Notice], None]) -> int:
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


class _Parser:
    def __init__(self, text: str, strict: bool):
        self.strict = strict
        self.problems: list[Notice] = []
        self.tokens = _lex(text, self._problem)
        self.i = 0
        # In a sentence (a question, a quoted verse) و أو ليس are words.
        self.sentence = any(kind == "word" and normalize(value) not in _ARABIC_OPS
                            and is_stopped(value) for kind, value in self.tokens)

    def _problem(self, notice: Notice) -> None:
        if self.strict:
            raise notice.error()
        self.problems.append(notice)

    # -- parsing --------------------------------------------------------
    def peek(self) -> tuple[TokenKind | None, str]:
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, "")

    def parse(self) -> Group:
        group = self._group(top=True)
        return group

    def _group(self, top: bool = False) -> Group:
        items: list[Clause | Operator] = []
        while self.i < len(self.tokens):
            kind, value = self.tokens[self.i]
            if kind == "close":
                if top:
                    self._problem(Notice(NoticeCode.UNBALANCED, {"bracket": value}))
                    self.i += 1
                    continue
                self.i += 1
                break
            self.i += 1
            if kind == "open":
                items.append(Clause(SHOULD, self._group()))
                continue
            if kind == "word" and self._is_operator(value, items):
                items.append(self._operator(value))
                continue
            items.extend(self._atom(kind, value))
        else:
            if not top:
                self._problem(Notice(NoticeCode.UNCLOSED_PAREN))
        return self._combine(items)

    def _is_operator(self, value: str, items: list[Clause | Operator]) -> bool:
        norm = value if value in ("AND", "OR", "NOT", "&&", "||") else normalize(value)
        if norm not in _AND | _OR | _NOT:
            return False
        if value in ("AND", "OR", "NOT", "&&", "||"):
            return True
        if self.sentence:
            return False
        # Arabic operators only between two terms (ليس may also start a clause).
        before = bool(items) and isinstance(items[-1], Clause)
        kind, nxt = self.peek()
        after = kind in ("word", "phrase", "open", "field", "date") and not (
            kind == "word" and normalize(nxt) in _ARABIC_OPS)
        return before and after

    @staticmethod
    def _operator(value: str) -> Operator:
        norm = value if value in ("AND", "OR", "NOT", "&&", "||") else normalize(value)
        if norm in _AND:
            return "AND"
        if norm in _OR:
            return "OR"
        return "NOT"

    def _atom(self, kind: TokenKind, value: str) -> list[Clause]:
        """The clauses of one lexed token (none for stray punctuation)."""
        if kind == "phrase":
            words = _words_of(value)
            return [Clause(SHOULD, Phrase(words))] if words else []
        if kind == "date":
            rng = date_range(value)
            if rng is None:
                self._problem(Notice(NoticeCode.BAD_DATE, {"value": value}))
                return []
            return [Clause(MUST, rng)]
        if kind == "field":
            return self._field(value)
        if kind == "word":
            occur = SHOULD
            if value[0] in "+-" and len(value) > 1:
                occur = MUST if value[0] == "+" else MUST_NOT
                value = value[1:]
            if value.strip("*") == "" and "*" in value:
                self._problem(Notice(NoticeCode.LONE_STAR))
            return [Clause(occur, node) for node in _word(value)]
        return []

    def _field(self, name: str) -> list[Clause]:
        fname = name.lower()
        kind, value = self.peek()
        if fname not in QUERY_FIELDS:
            self._problem(Notice(NoticeCode.UNKNOWN_FIELD, {"field": name, "fields": _FIELD_LIST}))
            return [Clause(SHOULD, node) for node in _word(name)]
        if kind not in ("word", "phrase"):
            return []
        self.i += 1
        if fname in KEYWORD_FIELDS:
            return [Clause(MUST, Keyword(fname, value))]
        if kind == "phrase":
            words = _words_of(value)
            return [Clause(SHOULD, Phrase(words, fname))] if words else []
        return [Clause(SHOULD, node) for node in _word(value, fname)]

    def _combine(self, items: list[Clause | Operator]) -> Group:
        group = Group()
        pending: Operator | None = None  # waiting for its right-hand clause
        for item in items:
            if isinstance(item, str):
                if item == "NOT":
                    pending = "NOT"
                elif group.clauses:
                    pending = item
                else:
                    self._problem(Notice(NoticeCode.OPERATOR_ALONE, {"operator": item, "side": "left"}))
                continue
            clause = item
            if pending == "NOT":
                clause = Clause(MUST_NOT, clause.node)
            elif pending == "AND":
                last = group.clauses[-1]
                if last.occur == SHOULD:
                    group.clauses[-1] = Clause(MUST, last.node)
                if clause.occur == SHOULD:
                    clause = Clause(MUST, clause.node)
            group.clauses.append(clause)
            pending = None
        if pending:
            self._problem(Notice(NoticeCode.OPERATOR_ALONE, {"operator": pending, "side": "right"}))
        return group


def _words_of(text: str) -> tuple[str, ...]:
    """The words of ``text`` as the analyzers cut them (punctuation dropped)."""
    return tuple(WORD_PATTERN.findall(text))


def _word(value: str, fname: str | None = None) -> list[Word]:
    """Words of one whitespace-free query token: «البانثرز؟» is one word, and
    a trailing ``*`` or ``~N`` applies to the last word of the token."""
    kind, distance = WordKind.PLAIN, 0
    m = re.fullmatch(r"(.+?)~(\d*)", value)
    if m:
        value, kind = m.group(1), WordKind.FUZZY
        distance = int(m.group(2)) if m.group(2) else 1
    elif value.endswith("*"):
        value, kind = value.rstrip("*"), WordKind.PREFIX
    words = [w for w in _words_of(value) if normalize(w)]
    out = [Word(w, fname) for w in words[:-1]]
    if words:
        out.append(Word(words[-1], fname, kind, distance))
    return out


def parse(text: str, strict: bool = False) -> tuple[Group, list[Notice]]:
    """Parse ``text``; return the tree and the problems met (lenient mode),
    each a :class:`~.notices.Notice` (``str(notice)`` is its English message).

    >>> group, problems = parse("«الجيش السوري» -روسيا")
    >>> [str(c.occur) for c in group.clauses]
    ['should', 'must_not']
    """
    if not isinstance(text, str):
        raise QueryError(f"a query must be a string, not {type(text).__name__}")
    parser = _Parser(text, strict)
    return parser.parse(), parser.problems


def _leaves(group: Group) -> Iterator[object]:
    """Every node of the tree that is not a group, depth first."""
    for clause in group.clauses:
        if isinstance(clause.node, Group):
            yield from _leaves(clause.node)
        else:
            yield clause.node


def only_stop_words(group: Group) -> bool:
    """True when every plain word of the query is a stop word (لا إله إلا الله):
    such a query searches its words as written instead of dropping them."""
    words = [n for n in _leaves(group) if isinstance(n, Word)]
    return bool(words) and all(is_stopped(w.text) for w in words if w.kind == WordKind.PLAIN)
