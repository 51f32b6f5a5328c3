"""What a search says about how it read the query, as data.

Each warning a search gives is a :class:`Notice`: a code from the closed
set :class:`NoticeCode`, its parameters, and the English sentence made
from them (:attr:`Notice.message`), which is exactly the string
``SearchResults.warnings`` has always held.  The code and the parameters
let a page say the same thing in another language (``seedsearch serve``
says it in Arabic) without reading the English.

===========================  ==========================================  =====================
code                         English message                             params
===========================  ==========================================  =====================
``vowels_ignored``           this index was created with vowels=False…   (none)
``query_cut``                only the first 64 words of the query …      ``words``
``prefix_cut``               مسؤول* matches more than 256 words; …       ``word``, ``cap``
``expansions_cut``           the query's prefix and fuzzy words reached  ``word``, ``words``,
                             their limit …                               ``entries``
``fuzzy_lowered``            fuzzy distance ~5 lowered to ~2             ``asked``, ``used``
``unclosed_quote``           read leniently: unclosed quote « at …       ``quote``, ``at``
``unclosed_range``           read leniently: unclosed date range [       (none)
``unbalanced``               read leniently: unbalanced )                ``bracket``
``unclosed_paren``           read leniently: unclosed parenthesis        (none)
``bad_date``                 read leniently: cannot read the date …      ``value``
``lone_star``                read leniently: a lone * would match …      (none)
``unknown_field``            read leniently: unknown field 'x' (use …)   ``field``, ``fields``
``operator_alone``           read leniently: operator AND has nothing…   ``operator``, ``side``
``too_deep``                 read leniently: brackets nested more than   ``depth``
                             10 deep; …
``word_cut``                 the word «…» has 1,000 letters; only its    ``word``, ``letters``,
                             first 64 were searched                      ``cap``
``more_problems``            read leniently: and 3 more problems         ``count``
``no_positions``             this index keeps word positions in a file   (none)
                             this seedsearch cannot read: …
``root_unknown``             root:موسكو: no known Arabic root; searched  ``value``
                             as a word
``root_ambiguous``           root:يعد: read as the root وعد; it may      ``value``, ``first``,
                             also be عدد (root:عدد)                      ``second``
``root_not_listed``          root:يكتب: not a root of the list; read as  ``value``, ``root``
                             a word of the root كتب
``root_misspelt``            root:كتبب: not a root of the list; read as  ``value``, ``root``,
                             a word of the root تبب; did you mean        ``near``
                             root:كتب?
``root_letters_unlisted``    root:ز-ز-ز: ززز is not a root of the list:  ``value``, ``root``
                             no indexed word has it
``root_letters_misspelt``    root:ك-ت-ب-ب: كتبب is not a root of the     ``value``, ``root``,
                             list; …; did you mean root:كتب?             ``near``
``roots_computed``           2 segments of this index have no table of   ``segments``
                             roots: computed now, kept while it is open…
===========================  ==========================================  =====================

The ``read leniently`` codes are the parser's problems
(:func:`seedsearch.search.query.parse`): with ``strict=True`` they raise
:class:`~seedsearch.errors.QueryError` instead, carrying the same code and
parameters, and the sentence without its ``read leniently:`` prefix.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import QueryError
from .kinds import _Named

__all__ = ["Notice", "NoticeCode", "LENIENT", "LENIENT_PREFIX"]


class NoticeCode(_Named):
    """Every kind of notice a search gives."""
    VOWELS_IGNORED = "vowels_ignored"
    QUERY_CUT = "query_cut"
    PREFIX_CUT = "prefix_cut"
    EXPANSIONS_CUT = "expansions_cut"
    FUZZY_LOWERED = "fuzzy_lowered"
    UNCLOSED_QUOTE = "unclosed_quote"
    UNCLOSED_RANGE = "unclosed_range"
    UNBALANCED = "unbalanced"
    UNCLOSED_PAREN = "unclosed_paren"
    BAD_DATE = "bad_date"
    LONE_STAR = "lone_star"
    UNKNOWN_FIELD = "unknown_field"
    OPERATOR_ALONE = "operator_alone"
    TOO_DEEP = "too_deep"
    WORD_CUT = "word_cut"
    MORE_PROBLEMS = "more_problems"
    NO_POSITIONS = "no_positions"
    ROOT_UNKNOWN = "root_unknown"
    ROOT_AMBIGUOUS = "root_ambiguous"
    ROOT_NOT_LISTED = "root_not_listed"
    ROOT_MISSPELT = "root_misspelt"
    ROOT_LETTERS_UNLISTED = "root_letters_unlisted"
    ROOT_LETTERS_MISSPELT = "root_letters_misspelt"
    ROOTS_COMPUTED = "roots_computed"


#: The English sentence of each code (``str.format`` with its params).
_ENGLISH: dict[NoticeCode, str] = {
    NoticeCode.VOWELS_IGNORED: "this index was created with vowels=False: "
                               "diacritics were ignored",
    NoticeCode.QUERY_CUT: "only the first {words} words of the query were searched",
    NoticeCode.PREFIX_CUT: "{word} matches more than {cap} words; searched the {cap} most frequent",
    NoticeCode.EXPANSIONS_CUT: "the query's prefix and fuzzy words reached their limit of "
                               "{words} words and {entries} vocabulary entries in all; "
                               "{word} and the words after it were cut",
    NoticeCode.FUZZY_LOWERED: "fuzzy distance ~{asked} lowered to ~{used}",
    NoticeCode.UNCLOSED_QUOTE: "unclosed quote {quote} at character {at}",
    NoticeCode.UNCLOSED_RANGE: "unclosed date range [",
    NoticeCode.UNBALANCED: "unbalanced {bracket}",
    NoticeCode.UNCLOSED_PAREN: "unclosed parenthesis",
    NoticeCode.BAD_DATE: "cannot read the date {value!r}",
    NoticeCode.LONE_STAR: "a lone * would match every word; put at least one letter before it",
    NoticeCode.UNKNOWN_FIELD: "unknown field {field!r} (use {fields})",
    NoticeCode.OPERATOR_ALONE: "operator {operator} has nothing on its {side}",
    NoticeCode.TOO_DEEP: "brackets nested more than {depth} deep; the inner ones were read as "
                         "if they were not there",
    NoticeCode.WORD_CUT: "the word «{word}…» has {letters:,} letters; only its first {cap} "
                         "were searched",
    NoticeCode.MORE_PROBLEMS: "and {count:,} more problems",
    NoticeCode.NO_POSITIONS: "this index keeps word positions in a file this seedsearch cannot "
                             "read: phrases matched as all their words, without proximity; "
                             "upgrade seedsearch or rebuild the index",
    NoticeCode.ROOT_UNKNOWN: "root:{value}: neither the letters of a root nor a word with a "
                             "known Arabic root; searched as a word",
    NoticeCode.ROOT_AMBIGUOUS: "root:{value}: read as the root {first}; it may also be "
                               "{second} (search root:{second} for that)",
    NoticeCode.ROOT_NOT_LISTED: "root:{value}: not a root of the list; read as a word of the "
                                "root {root}",
    NoticeCode.ROOT_MISSPELT: "root:{value}: not a root of the list; read as a word of the "
                              "root {root}; did you mean root:{near}?",
    NoticeCode.ROOT_LETTERS_UNLISTED: "root:{value}: {root} is not a root of the list; no "
                                      "indexed word has it",
    NoticeCode.ROOT_LETTERS_MISSPELT: "root:{value}: {root} is not a root of the list; no "
                                      "indexed word has it; did you mean root:{near}?",
    NoticeCode.ROOTS_COMPUTED: "{segments} segment(s) of this index have no table of roots: "
                               "their roots were computed for this search and are kept while "
                               "the index is open; rebuild the index to store them",
}

#: The parser's problems: the query was read leniently (strict mode raises).
LENIENT = frozenset({NoticeCode.UNCLOSED_QUOTE, NoticeCode.UNCLOSED_RANGE, NoticeCode.UNBALANCED,
                     NoticeCode.UNCLOSED_PAREN, NoticeCode.BAD_DATE, NoticeCode.LONE_STAR,
                     NoticeCode.UNKNOWN_FIELD, NoticeCode.OPERATOR_ALONE, NoticeCode.TOO_DEEP,
                     NoticeCode.MORE_PROBLEMS})
LENIENT_PREFIX = "read leniently: "


@dataclass(frozen=True)
class Notice:
    """One thing a search says about how it read the query."""
    code: NoticeCode
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The English sentence, without the ``read leniently:`` prefix."""
        return _ENGLISH[self.code].format(**self.params)

    @property
    def message(self) -> str:
        """The English warning, as ``SearchResults.warnings`` holds it."""
        return (LENIENT_PREFIX if self.code in LENIENT else "") + self.text

    def __str__(self) -> str:
        return self.message

    def error(self) -> QueryError:
        """The QueryError a strict search raises for this problem."""
        return QueryError(self.text, code=str(self.code), params=dict(self.params))

    def to_dict(self) -> dict[str, Any]:
        """``{"code", "params", "message"}``, ready for ``json.dumps``."""
        return {"code": str(self.code), "params": dict(self.params), "message": self.message}
