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
``root:كتب``, ``جذر:كتب``  every word of an Arabic root: its letters (كتب,
                         ك-ت-ب, ك ت ب) or a word of it (``root:يكتبون``);
                         ``+root:…`` / ``-root:…`` must / must not
=======================  ===================================================

The parser never raises in lenient mode: an unbalanced quote or bracket, a
lone operator, an unknown ``field:`` or brackets nested more than ten deep
degrade to plain words.  With ``strict=True`` the same problems raise
:class:`QueryError`.  The limits of :mod:`.limits` (64 words, 64 letters a
word) apply in both modes, each noted in :attr:`Group.notes`.  The tokens
come from :mod:`.lexer`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from ..errors import QueryError
from ..fields import DATE, KEYWORD_FIELDS, QUERY_FIELDS, ROOT, ROOT_NAMES, TEXT_FIELDS
from ..text.normalize import normalize
from ..text.root_query import SEPARATOR_CHARS
from ..text.terms import is_stopped
from .dates import DateRange, date_range
from .kinds import Occur, WordKind
from .lexer import Token, TokenKind, lex
from .limits import MAX_NESTING, MAX_QUERY_WORDS, Problems, Words, cut_word, nesting_problem
from .notices import Notice, NoticeCode

__all__ = ["parse", "only_stop_words", "plain_words", "sentence_words", "quoted_with_words",
           "Word", "Phrase", "Keyword", "DateRange", "Group", "Clause"]

MUST, SHOULD, MUST_NOT = Occur.MUST, Occur.SHOULD, Occur.MUST_NOT

#: The field names a query may use, as the message of a wrong one lists them.
_FIELD_LIST = ", ".join([*TEXT_FIELDS, *KEYWORD_FIELDS, DATE]) + f" or {ROOT}"
#: A root typed as letters apart (ك ت ب) has at most four.
_ROOT_LETTERS = 4
_SEPARATOR = re.compile("[" + SEPARATOR_CHARS + "]+")
#: A letter typed apart, perhaps with separators around it (ك, ك-, -ت).
_ONE_LETTER = re.compile("[" + SEPARATOR_CHARS + r"]*\w[" + SEPARATOR_CHARS + "]*")
_AND = {"AND", "&&", normalize("و")}
_OR = {"OR", "||", normalize("أو")}
_NOT = {"NOT", normalize("ليس")}
#: Arabic operators need a term on both sides and a query without other stop
#: words (see _Parser.sentence); Latin ones are always operators.
_ARABIC_OPS = {normalize("و"), normalize("أو"), normalize("ليس")}

_FUZZY = re.compile(r"(.+?)~(\d*)")


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
    #: Of the whole query (the top group): what its reading left out within
    #: the limits of :mod:`.limits` (words beyond the 64th, letters of an
    #: over-long word), as warnings; not problems, so strict mode takes them.
    notes: list[Notice] = field(default_factory=list)


#: A binary or unary operator between clauses.
Operator = Literal["AND", "OR", "NOT"]


#: What a sign written against a word, a quote or a field's name makes of it.
_SIGN = {"+": MUST, "-": MUST_NOT}


def _signed(sign: str, clauses: list[Clause]) -> list[Clause]:
    """``clauses`` required (``sign`` +) or excluded (-)."""
    return [Clause(_SIGN[sign], c.node) for c in clauses]


class _Parser:
    """One reading of a query, within the limits of :mod:`.limits`: at most
    MAX_QUERY_WORDS words of at most MAX_WORD_LETTERS letters each, and
    brackets at most MAX_NESTING deep."""

    def __init__(self, text: str, strict: bool):
        self._problem = Problems(strict)
        self.words = Words()
        self.tokens = lex(text, self._problem)
        self.i = 0
        self.ignored = 0  # brackets opened beyond MAX_NESTING and not yet closed
        self.sentence = _is_sentence(self.tokens)

    # -- parsing --------------------------------------------------------
    def peek(self) -> tuple[TokenKind | None, str]:
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, "")

    def parse(self) -> tuple[Group, list[Notice]]:
        group = self._group(0)
        group.notes = self.words.notes
        return group, self._problem.all()

    def _group(self, depth: int) -> Group:
        items: list[Clause | Operator] = []
        while self.i < len(self.tokens):
            kind, value = self.tokens[self.i]
            self.i += 1
            if kind == "open" and depth >= MAX_NESTING:
                self._problem(nesting_problem())
                self.ignored += 1
                continue
            if kind == "close":
                if self.ignored:  # the close of an ignored open
                    self.ignored -= 1
                    continue
                if depth == 0:
                    self._problem(Notice(NoticeCode.UNBALANCED, {"bracket": value}))
                    continue
                break
            if kind == "open":
                items.append(Clause(SHOULD, self._group(depth + 1)))
                continue
            if kind == "word" and self.words.spent:
                self.words.take(value)  # notes the words left out, once
                continue
            if kind == "word" and self._is_operator(value, items):
                items.append(self._operator(value))
                continue
            items.extend(self._atom(kind, value))
        else:
            if depth:
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
        after = kind in ("word", "phrase", "sign", "open", "field", "date") and not (
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
            words = self.words.take(value)
            return [Clause(SHOULD, Phrase(words))] if words else []
        if kind == "sign":  # +"…" required, -"…" excluded; before an unclosed quote, nothing
            quoted = self.peek()[0] == "phrase"
            self.i += quoted
            return _signed(value, self._atom(*self.tokens[self.i - 1])) if quoted else []
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
                occur, value = _SIGN[value[0]], value[1:]
            if value.strip("*") == "" and "*" in value:
                self._problem(Notice(NoticeCode.LONE_STAR))
            return [Clause(occur, node) for node in _word(value, self.words)]
        return []

    def _field(self, name: str) -> list[Clause]:
        fname = name.lower()
        kind, value = self.peek()
        if fname.lstrip("+-") in ROOT_NAMES:
            return _root(self, fname)
        if fname[:1] in "+-" and fname[1:] in QUERY_FIELDS - {DATE}:  # -collection:news
            return _signed(fname[0], self._field(name[1:]))
        if fname not in QUERY_FIELDS:
            self._problem(Notice(NoticeCode.UNKNOWN_FIELD, {"field": name, "fields": _FIELD_LIST}))
            return [Clause(SHOULD, node) for node in _word(name, self.words)]
        if kind not in ("word", "phrase"):
            return []
        self.i += 1
        if fname in KEYWORD_FIELDS:
            return [Clause(MUST, Keyword(fname, value))]
        if kind == "phrase":
            words = self.words.take(value)
            return [Clause(SHOULD, Phrase(words, fname))] if words else []
        return [Clause(SHOULD, node) for node in _word(value, self.words, fname)]

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
        if pending and not self.words.spent:  # else its right side was left out
            self._problem(Notice(NoticeCode.OPERATOR_ALONE, {"operator": pending, "side": "right"}))
        return group


def _root(parser: _Parser, fname: str) -> list[Clause]:
    """``root:`` and its value: a word (كتب, ك-ت-ب, يكتبون), letters typed
    apart (ك ت ب, ك - ت - ب: up to four tokens of one letter, with
    separators between), or a phrase; one query word.  The root itself is
    read when the query is planned."""
    occur = _SIGN.get(fname[0], SHOULD)
    kind, value = parser.peek()
    if kind not in ("word", "phrase"):
        return []
    parser.i += 1
    if kind == "word" and _ONE_LETTER.fullmatch(value):
        parts, at = [value], parser.i
        while len(parts) < _ROOT_LETTERS:
            j = at
            if _is_word(parser.tokens, j, _SEPARATOR):
                j += 1  # a separator is taken only with the letter after it
            if not _is_word(parser.tokens, j, _ONE_LETTER):
                break
            parts.append(parser.tokens[j][1])
            at = j + 1
        parser.i = at
        value = " ".join(parts)
    taken = parser.words.take(value)  # the limits' count: one query word
    if not taken:
        return []
    parser.words.count -= len(taken) - 1
    return [Clause(occur, Word(cut_word(value.strip()), None, WordKind.ROOT))]


def _is_word(tokens: list[Token], at: int, pattern: re.Pattern[str]) -> bool:
    return at < len(tokens) and tokens[at][0] == "word" and bool(pattern.fullmatch(tokens[at][1]))


def _word(value: str, words: Words, fname: str | None = None) -> list[Word]:
    """Words of one whitespace-free query token, taken from ``words``:
    «البانثرز؟» is one word, and a trailing ``*`` or ``~N`` applies to the
    last word of the token."""
    kind, distance = WordKind.PLAIN, 0
    m = _FUZZY.fullmatch(value)
    if m:
        value, kind = m.group(1), WordKind.FUZZY
        distance = int(m.group(2)) if m.group(2) else 1
    elif value.endswith("*"):
        value, kind = value.rstrip("*"), WordKind.PREFIX
    taken = words.take(value)
    out = [Word(w, fname) for w in taken[:-1]]
    if taken:
        out.append(Word(taken[-1], fname, kind, distance))
    return out


def _is_sentence(tokens: list[Token]) -> bool:
    """Whether the query is a sentence (a question, a quoted verse), in
    which و أو ليس are words: one of its words is a stop word.  Only the
    words the reading can reach are looked at."""
    words = (value for kind, value in tokens if kind == "word")
    content = (w for w in words if normalize(w) not in _ARABIC_OPS)
    return any(is_stopped(w) for w in itertools.islice(content, MAX_QUERY_WORDS))


def parse(text: str, strict: bool = False) -> tuple[Group, list[Notice]]:
    """Parse ``text``; return the tree and the problems met (lenient mode),
    each a :class:`~.notices.Notice` (``str(notice)`` is its English message).

    >>> group, problems = parse("«الجيش السوري» -روسيا")
    >>> [str(c.occur) for c in group.clauses]
    ['should', 'must_not']
    """
    if not isinstance(text, str):
        raise QueryError(f"a query must be a string, not {type(text).__name__}")
    return _Parser(text, strict).parse()


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


def plain_words(group: Group) -> list[tuple[int, str]]:
    """(clause number, text) of the group's plain optional words of no
    field, stop words too (the phrase bonus reads them in the exact field)."""
    return [(i, c.node.text) for i, c in enumerate(group.clauses)
            if c.occur == Occur.SHOULD and isinstance(c.node, Word)
            and c.node.kind == WordKind.PLAIN and c.node.field is None]


def sentence_words(group: Group) -> list[str]:
    """The words the phrase, sequence and proximity bonuses read: the group's
    plain optional words of no field and the words of its phrases of no
    field, in the order typed.  A hadith pasted with its quotation marks
    (قَالَ ‏"‏ كُلُّ خُطْبَةٍ …) is one sentence: the words on either side of a
    quote are not neighbours.  None without a plain word: a phrase alone is
    its own phrase."""
    words: list[str] = []
    plain = False
    for c in group.clauses:
        node = c.node
        if c.occur != Occur.SHOULD or not isinstance(node, (Word, Phrase)) or node.field:
            continue
        if isinstance(node, Phrase):
            words += node.words
        elif node.kind == WordKind.PLAIN:
            words.append(node.text)
            plain = True
    return words if plain else []


def quoted_with_words(group: Group) -> list[Phrase]:
    """The group's phrases of two words or more searched as their words too:
    optional, among other optional clauses (see ``seedsearch.search.plan``)."""
    optional = [c.node for c in group.clauses if c.occur == Occur.SHOULD]
    return [n for n in optional if isinstance(n, Phrase) and len(n.words) > 1 and len(optional) > 1]
