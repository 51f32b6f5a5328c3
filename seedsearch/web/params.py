"""The query string of the page and the API -> search arguments, and back.

Pure functions, no web framework: ``parse_params`` turns the (name, value)
pairs of a URL into :class:`Params` or raises QueryError with a message a
user can act on (and a code, which the page says in Arabic); ``Params.url``
writes a state back into a link, so every link of the page (facets, pages,
sort, did-you-mean, a hit's page) carries the whole state.  The API refuses
a parameter it does not know; the page ignores it, so that a shared link
decorated with ``fbclid`` or ``utm_source`` still opens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from ..errors import QueryError
from ..fields import DATE, KEYWORD_FIELDS, YEAR
from ..search.sorting import Sort, sort_of

__all__ = ["Params", "parse_params", "root_query", "ALLOWED", "SIMILAR_ALLOWED", "DEFAULT_LIMIT",
           "MAX_WEB_LIMIT", "MAX_DEPTH", "MAX_QUERY_CHARS"]

#: Every parameter the page and /api/search understand (``similar`` is the
#: page's: the documents like one document, instead of a query).
ALLOWED = ("q", "page", "limit", *KEYWORD_FIELDS, DATE, "exact", "vowels", "root", "sort",
           "similar")
#: What /api/similar/ID understands.
SIMILAR_ALLOWED = ("page", "limit", *KEYWORD_FIELDS, DATE)
#: Parameters that may repeat (?collection=bukhari&collection=muslim means either).
REPEATABLE = KEYWORD_FIELDS
DEFAULT_LIMIT = 10
#: Hits per page a client of the page or the API may ask for (the library's
#: own cap, ``seedsearch.search.run.MAX_LIMIT``, is 10,000).
MAX_WEB_LIMIT = 100
#: The deepest hit a page may reach (page × limit): ranking deeper costs
#: time and no reader goes there.
MAX_DEPTH = 10_000
#: A longer query is refused rather than cut (the engine reads 64 words).
MAX_QUERY_CHARS = 1_000

_TRUE = ("1", "on", "true", "yes")
_FALSE = ("", "0", "off", "false", "no")


@dataclass(frozen=True)
class Params:
    """One search as the URL states it."""
    q: str = ""
    page: int = 1
    limit: int = DEFAULT_LIMIT
    collection: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    date: str = ""
    exact: bool = False
    vowels: bool = False
    #: «بحث بالجذر»: each word of ``q`` searched by its root (:meth:`query`).
    root: bool = False
    sort: str = str(Sort.RELEVANCE)
    #: The id of a document whose similar documents the page lists.
    similar: str = ""

    def query(self) -> str:
        """The query the engine runs: ``q``, or with the root switch on,
        ``q`` with each plain word wrapped in ``root:`` (كتاب -> root:كتاب,
        +صيام -> +root:صيام); operators, quoted phrases and ``field:``
        values are left as typed."""
        return root_query(self.q) if self.root else self.q

    def filters(self) -> dict:
        """The ``filters=`` argument of ``Index.search``."""
        out: dict = {name: list(getattr(self, name)) for name in KEYWORD_FIELDS
                     if getattr(self, name)}
        if self.date:
            out[DATE] = self.date
        return out

    def pairs(self) -> list[tuple[str, str]]:
        """The state as URL pairs, defaults left out."""
        out = [("q", self.q)] if self.q else []
        out += [(name, v) for name in KEYWORD_FIELDS for v in getattr(self, name)]
        if self.date:
            out.append((DATE, self.date))
        if self.exact:
            out.append(("exact", "1"))
        if self.vowels:
            out.append(("vowels", "1"))
        if self.root:
            out.append(("root", "1"))
        if self.sort != Sort.RELEVANCE:
            out.append(("sort", self.sort))
        if self.similar:
            out.append(("similar", self.similar))
        if self.limit != DEFAULT_LIMIT:
            out.append(("limit", str(self.limit)))
        if self.page != 1:
            out.append(("page", str(self.page)))
        return out

    def url(self, path: str = "/", **changes: Any) -> str:
        """A link to this state with ``changes``; any change but ``page``
        itself goes back to page 1 (a new filter gives new pages)."""
        if changes and "page" not in changes:
            changes["page"] = 1
        state = replace(self, **changes)
        query = urlencode(state.pairs())
        return f"{path}?{query}" if query else path

    def toggle(self, facet: str, value: str) -> str:
        """The link of a facet value: add it to the values chosen (either
        of them matches), or drop it when it is chosen.

        ``facet`` is collection, category or year (a year filters on date:
        choosing another year replaces it).
        """
        if facet == YEAR:
            return self.url(date="" if self.date == value else value)
        current: tuple[str, ...] = getattr(self, facet)
        change: dict[str, Any] = {facet: tuple(v for v in current if v != value)
                                  if value in current else current + (value,)}
        return self.url(**change)

    def is_on(self, facet: str, value: str) -> bool:
        """Whether a facet value is among the filters."""
        return self.date == value if facet == YEAR else value in getattr(self, facet)


_OPERATORS = frozenset({"AND", "OR", "NOT", "&&", "||", "و", "أو", "ليس"})
#: A token the root switch leaves alone: a field, a quote, a bracket, a star or a tilde.
_NOT_A_WORD = re.compile(r"[:\"«»“”„()\[\]{}*~]")


def root_query(q: str) -> str:
    """``q`` with each plain word wrapped in ``root:`` (see :meth:`Params.query`)."""
    out = []
    in_quote = False
    for token in q.split():
        if token[0] in "\"«“„":
            in_quote = True
        if in_quote or token in _OPERATORS or _NOT_A_WORD.search(token):
            in_quote = in_quote and not token.endswith(("\"", "»", "”", "“"))
            out.append(token)
            continue
        sign = token[0] if token[0] in "+-" and len(token) > 1 else ""
        out.append(f"{sign}root:{token[len(sign):]}")
    return " ".join(out)


def _one(name: str, values: list[str]) -> str:
    if len(values) > 1:
        raise QueryError(f"give {name!r} once, not {len(values)} times",
                         code="repeated_param", params={"name": name})
    return values[0]


def _whole(name: str, text: str, low: int, high: int, default: int) -> int:
    text = text.strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
        raise QueryError(f"{name} must be a whole number from {low} to {high}, not {text[:20]!r}",
                         code="bad_number", params={"name": name, "low": low, "high": high,
                                                    "value": text[:20]})
    return int(text)


def _switch(name: str, text: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise QueryError(f"{name} is a switch: use {name}=1 or {name}=0, not {text[:20]!r}",
                     code="bad_switch", params={"name": name, "value": text[:20]})


def parse_params(items: Iterable[tuple[str, str]], *, allowed: tuple[str, ...] = ALLOWED,
                 ignore_unknown: bool = False) -> Params:
    """URL pairs -> Params; QueryError names the first bad parameter, and
    a parameter not in ``allowed`` unless ``ignore_unknown`` (the page's
    links may carry a tracker's parameters)."""
    seen: dict[str, list[str]] = {}
    for name, value in items:
        if name not in allowed:
            if ignore_unknown:
                continue
            raise QueryError(f"unknown parameter {name[:40]!r}; use {', '.join(allowed)}",
                             code="unknown_param", params={"name": name[:40]})
        seen.setdefault(name, []).append(value)
    single = {name: _one(name, v) for name, v in seen.items() if name not in REPEATABLE}
    q = single.get("q", "").strip()
    if len(q) > MAX_QUERY_CHARS:
        raise QueryError(f"the query has {len(q):,} characters; the most is {MAX_QUERY_CHARS:,}",
                         code="query_too_long", params={"chars": len(q), "most": MAX_QUERY_CHARS})
    limit = _whole("limit", single.get("limit", ""), 1, MAX_WEB_LIMIT, DEFAULT_LIMIT)
    page = _whole("page", single.get("page", ""), 1, MAX_DEPTH // limit, 1)
    repeated = {name: tuple(v.strip() for v in seen.get(name, ()) if v.strip())
                for name in REPEATABLE}
    sort = str(sort_of(single.get("sort") or str(Sort.RELEVANCE)))
    return Params(q=q, page=page, limit=limit, date=single.get(DATE, "").strip(),
                  exact=_switch("exact", single.get("exact", "")),
                  vowels=_switch("vowels", single.get("vowels", "")),
                  root=_switch("root", single.get("root", "")), sort=sort,
                  similar=single.get("similar", "").strip(), **repeated)
