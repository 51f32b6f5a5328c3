"""The plan's data: what a query becomes before it runs (pure data, no Whoosh).

:mod:`.plan` builds it from a parsed query and an index's vocabulary,
:mod:`.scoring` runs it, and :meth:`Plan.explain` prints it.  The filters a
caller passes to ``search(filters=…)`` become :class:`FilterNode` s here too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from ..errors import QueryError
from ..fields import DATE, KEYWORD_FIELDS
from .dates import date_range, parse_date_bound
from .kinds import Combine, Occur, TermKind, WordKind
from .notices import Notice
from .ranking import DEFAULT_RANKING, Ranking

__all__ = ["Vocabulary", "Spelling", "TermScore", "WordNode", "PhraseNode", "ProximityNode",
           "FilterNode", "GroupNode", "Plan", "filter_nodes"]


class Vocabulary:
    """What planning may ask of an index: frequencies and expansions.

    The executor's search state implements it over a Whoosh reader; tests
    may implement it over a dict.
    """
    fieldnames: frozenset[str]
    #: Documents in the index (for idf); a vocabulary without it is read as
    #: unknown by the planner.
    size: int

    def doc_frequency(self, fieldname: str, term: str) -> int:
        raise NotImplementedError

    def iter_prefix(self, fieldname: str, prefix: str) -> Iterable[tuple[str, int]]:
        """``(term, document frequency)`` of every term starting with ``prefix``."""
        raise NotImplementedError

    def terms_within(self, fieldname: str, text: str, maxdist: int,
                     prefix: int = 1) -> Iterable[str]:
        """Terms within ``maxdist`` edits of ``text`` sharing its first
        ``prefix`` letters."""
        raise NotImplementedError

    def prefix_terms(self, fieldname: str, prefix: str, want: int,
                     scan: int) -> tuple[list[tuple[str, int]], int, bool]:
        """``(term, document frequency)`` of terms that begin with
        ``prefix``, among them its ``want`` most frequent where the
        vocabulary can tell, else the first ``scan`` in term order; how
        many vocabulary entries were read to find them; and whether terms
        with the prefix were left out."""
        pairs = list(islice(self.iter_prefix(fieldname, prefix), max(0, scan)))
        return pairs, len(pairs), False

    def root_terms(self, fieldname: str, root: str) -> tuple[list[tuple[str, int, int]], int]:
        """``(term, document frequency, the root's rank among the term's
        roots)`` of every term of ``fieldname`` that has the Arabic root
        ``root``, and how many segments had no root table and had their
        roots computed for this call (this default reads the whole
        vocabulary every time: for tests over a dict)."""
        from ..text.roots import roots_of

        out = []
        for term, df in self.iter_prefix(fieldname, ""):
            found = roots_of(term)
            if root in found:
                out.append((term, df, found.index(root)))
        return out, 0

    def prefetch(self, fieldnames: Iterable[str], terms: Iterable[str]) -> None:
        """A hint: :meth:`doc_frequency` will be asked about these terms in
        these fields (a vocabulary may look them up together)."""


# -- the plan ---------------------------------------------------------------
@dataclass(frozen=True)
class Spelling:
    """One occurrence of a word, in one index field, under any of ``terms``
    (hamza-seat spellings filed at the same position): its frequency in a
    document is the largest of theirs, times ``weight``."""
    field: str
    terms: tuple[str, ...]
    weight: float = 1.0


@dataclass(frozen=True)
class TermScore:
    """One reading of a word in one text field, a part of the word's BM25F
    term: a document's frequency of it is the sum (``combine="sum"``) or
    the largest (``"max"``) of its spellings', divided by the length norm of
    the word's fields as one and weighted ``boost`` (the field's weight
    times the reading's)."""
    field: str
    spellings: tuple[Spelling, ...]
    boost: float
    kind: TermKind
    combine: Combine = "sum"


@dataclass
class WordNode:
    """One query word: one BM25F term whose frequency adds up its parts
    (``scores``: its readings in each text field) and whose idf is the
    word's own (the documents holding one of its primary readings)."""
    text: str
    kind: WordKind
    scores: list[TermScore]
    #: vowels=True: only documents holding one of these vowel-field terms.
    vowel_terms: tuple[str, ...] | None = None
    #: A root word: the roots it was read as (likeliest first).
    roots: tuple[str, ...] = ()


@dataclass
class PhraseNode:
    """Consecutive words, read in the exact field of each text field of
    ``fields`` (name, weight); each position lists the spellings of its
    word.  One BM25F term whose frequency is the phrase's occurrences,
    weighted ``boost``."""
    fields: tuple[tuple[str, float], ...]
    positions: tuple[tuple[str, ...], ...]
    boost: float


@dataclass
class ProximityNode:
    """The words of a plain query, for the proximity and sequence bonuses:
    per word, the surface forms to look for in the field's exact index (its
    positions) and its idf; ``boost`` weighs the proximity bonus.
    ``sequence`` lists the query's consecutive word pairs as (first word,
    second word, how many places apart they stand in the query), and
    ``sequence_boost`` weighs the bonus of finding them in that order."""
    field: str
    words: tuple[tuple[str, ...], ...]
    idfs: tuple[float, ...]
    boost: float
    labels: tuple[str, ...] = ()
    sequence: tuple[tuple[int, int, int], ...] = ()
    sequence_boost: float = 0.0


@dataclass
class FilterNode:
    """A non-scoring condition: a keyword value or a date range."""
    field: str
    values: tuple[str, ...] = ()
    start: Any = None
    end: Any = None

    def describe(self) -> str:
        if self.values:
            return f"{self.field} in ({', '.join(self.values)})"
        return f"{self.field} in [{self.start or '…'}, {self.end or '…'})"


@dataclass
class GroupNode:
    must: list[Any] = field(default_factory=list)
    should: list[Any] = field(default_factory=list)
    must_not: list[Any] = field(default_factory=list)
    #: Words that add to the score of the documents the group matches and
    #: match none themselves (the frame of a question; a root query's word).
    extra: list[Any] = field(default_factory=list)
    #: What ``explain()`` calls them.
    extra_label: str = "question frame"

    def children(self, occur: Occur) -> list[Any]:
        """The list of children that count as ``occur``."""
        return {Occur.MUST: self.must, Occur.SHOULD: self.should,
                Occur.MUST_NOT: self.must_not}[occur]


@dataclass
class Plan:
    query: str
    root: GroupNode | None
    filters: list[FilterNode] = field(default_factory=list)
    #: The phrase bonus of a plain multi-word query.
    bonus: PhraseNode | None = None
    #: Proximity bonus of a plain query of two words or more.
    proximity: ProximityNode | None = None
    #: What the search says about how it read the query (see :mod:`.notices`).
    notices: list[Notice] = field(default_factory=list)
    #: index field -> terms to highlight -> the query word they answer.
    highlight: dict[str, dict[str, int]] = field(default_factory=dict)
    #: Phrases to highlight where they occur whole: text fields, the exact
    #: terms of each word, the phrase's number.
    phrase_marks: list[tuple[tuple[str, ...], tuple[tuple[str, ...], ...], int]] = field(
        default_factory=list)
    #: How many query words and phrases have a number (see :meth:`item`).
    items: int = 0
    #: vowels=True: (ranked terms, stem, vocalized query word) per vowelled word.
    vowel_checks: list[tuple[frozenset[str], str, str]] = field(default_factory=list)
    #: Plain words of the query that few documents hold, or none, with how
    #: many do: «did you mean» looks for the words they may be slips of.
    spelling_checks: list[tuple[str, int]] = field(default_factory=list)
    #: The weights the plan was made with (the executor reads k1, b and
    #: the proximity span and window from it).
    ranking: Ranking = DEFAULT_RANKING

    @property
    def reads_positions(self) -> bool:
        """Whether the executor reads word positions for this plan (a
        phrase, or a plain query's phrase and proximity bonuses)."""
        def phrases(node: Any) -> bool:
            if isinstance(node, PhraseNode):
                return True
            return isinstance(node, GroupNode) and any(
                phrases(c) for c in (*node.must, *node.should, *node.must_not, *node.extra))
        return self.bonus is not None or self.proximity is not None or phrases(self.root)

    def warn(self, notice: Notice) -> None:
        """Note ``notice`` among the notices (once)."""
        if notice not in self.notices:
            self.notices.append(notice)

    @property
    def warnings(self) -> list[str]:
        """The notices' English messages."""
        return [n.message for n in self.notices]

    def item(self) -> int:
        """A new number for a query word or phrase to highlight."""
        self.items += 1
        return self.items

    def mark(self, fieldname: str, terms: Iterable[str], item: int) -> None:
        """Highlight ``terms`` of the index field ``fieldname`` as answers
        to the query word ``item``."""
        marks = self.highlight.setdefault(fieldname, {})
        for term in terms:
            marks.setdefault(term, item)

    def explain(self) -> str:
        """The plan as text, one line per word, term, phrase and filter."""
        lines = [f"query: {self.query}"]
        if self.root is None:
            lines.append("  (nothing to search)")
        else:
            lines += _describe(self.root, "  ")
        if self.bonus is not None:
            lines.append(f"  phrase bonus ×{self.bonus.boost:g} in {_fields(self.bonus)}: "
                         f"«{' '.join(p[0] for p in self.bonus.positions)}»")
        near = self.proximity
        if near is not None:
            lines.append(f"  proximity bonus ×{near.boost:g} in {near.field} "
                         f"(the best {self.ranking.proximity_window}): "
                         f"«{' '.join(near.labels)}» within {self.ranking.proximity_span} words")
        for f in self.filters:
            lines.append(f"  filter: {f.describe()}")
        if self.ranking != DEFAULT_RANKING:
            lines.append(f"  {self.ranking.describe()}")
        for w in self.warnings:
            lines.append(f"  warning: {w}")
        return "\n".join(lines)


def _describe(node: Any, indent: str) -> list[str]:
    if isinstance(node, GroupNode):
        out = []
        for occur, children in (("must", node.must), ("should", node.should),
                                ("must not", node.must_not), (node.extra_label, node.extra)):
            for child in children:
                sub = _describe(child, indent + "  ")
                out.append(f"{indent}{occur}: {sub[0].strip()}")
                out += sub[1:]
        return out
    if isinstance(node, WordNode):
        out = [f"{indent}word «{node.text}» ({node.kind})"]
        if node.roots:
            reached = {s.terms for ts in node.scores if ts.kind == TermKind.ROOT
                       for s in ts.spellings}
            out.append(f"{indent}  read as the root {' or '.join(node.roots)}, reaching "
                       f"{len(reached)} indexed words")
        for ts in node.scores:
            terms = " + ".join(
                f"{s.field}:{'|'.join(s.terms)}" + (f"×{s.weight:g}" if s.weight != 1 else "")
                for s in ts.spellings)
            how = "" if ts.combine == "sum" else f" ({ts.combine})"
            out.append(f"{indent}  {ts.kind} in {ts.field} ×{ts.boost:g}{how}: {terms or '∅'}")
        if node.vowel_terms is not None:
            out.append(f"{indent}  only with harakat: {' '.join(node.vowel_terms) or '∅'}")
        return out
    if isinstance(node, PhraseNode):
        words = " ".join("|".join(p) for p in node.positions)
        return [f"{indent}phrase ×{node.boost:g} in {_fields(node)}: «{words}»"]
    if isinstance(node, FilterNode):
        return [f"{indent}filter: {node.describe()}"]
    return [f"{indent}{node!r}"]


def _fields(node: PhraseNode) -> str:
    return " + ".join(f"{name} ×{weight:g}" for name, weight in node.fields)


# -- filters given as arguments -----------------------------------------------
def filter_nodes(filters: Mapping[str, Any] | None) -> list[FilterNode]:
    """``search(filters=…)`` -> filter nodes; QueryError names a bad one."""
    if not filters:
        return []
    if not isinstance(filters, Mapping):
        raise QueryError(f"filters must be a dict such as {{'collection': 'news'}}, "
                         f"not {type(filters).__name__}")
    out = []
    for name, value in filters.items():
        if name in KEYWORD_FIELDS:
            values = [value] if isinstance(value, str) else value
            if (not isinstance(values, (list, tuple, set, frozenset)) or not values
                    or not all(isinstance(v, str) for v in values)):
                raise QueryError(f"filter {name!r} needs a string or a list of strings, "
                                 f"not {value!r}")
            out.append(FilterNode(name, values=tuple(values)))
        elif name == DATE:
            out.append(_date_filter(value))
        else:
            raise QueryError(f"cannot filter on {name!r}; use one of "
                             f"{', '.join(KEYWORD_FIELDS)}, date")
    return out


def _date_filter(value: Any) -> FilterNode:
    if isinstance(value, str):
        rng = date_range(value.strip("[]") if " TO " in value.upper() else value)
        if rng is not None:
            return FilterNode(DATE, start=rng.start, end=rng.end)
    elif isinstance(value, (tuple, list)) and len(value) == 2:
        lo = parse_date_bound(str(value[0])) if value[0] else (None, None)
        hi = parse_date_bound(str(value[1])) if value[1] else (None, None)
        if lo is not None and hi is not None:
            return FilterNode(DATE, start=lo[0], end=hi[1])
    raise QueryError(f"cannot read the date filter {value!r} "
                     "(examples: '2024', '>=2024-05', '[2020-01-01 TO 2021-12-31]', "
                     "('2020', '2021'))", code="bad_date_filter", params={"value": str(value)})
