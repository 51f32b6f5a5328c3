"""Every ranking weight, in one frozen object.

:class:`Ranking` is the one owner of each knob of the model: the BM25
parameters, the weight of each text field, the bonuses of the exact word
form, the phrase and proximity, and the weights of a word's other readings
(broken plural, verb form, fuzzy neighbours).  The planner receives one
(:func:`seedsearch.search.plan.plan_query`), puts it in the plan, and
``explain()`` prints it; a caller changes it per index
(``Index.open(path, ranking=…)``, ``ix.ranking = …``) or per search
(``ix.search(q, ranking=…)``) without touching a module:

>>> from dataclasses import replace
>>> flat = replace(DEFAULT_RANKING, proximity_bonus=0.0, weights={"title": 1.0, "text": 1.0})
>>> flat.weight("title"), flat.proximity_bonus
(1.0, 0.0)

A bonus set to 0 is not planned at all (no phrase check, no proximity pass).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from math import log
from types import MappingProxyType

from ..errors import QueryError
from ..fields import TEXT, TEXT_FIELDS, TITLE, TextField

__all__ = ["Ranking", "DEFAULT_RANKING", "bm25_idf"]


def _default_weights() -> Mapping[str, float]:
    return MappingProxyType({TITLE.name: 2.0, TEXT.name: 1.0})


def _default_b() -> Mapping[str, float]:
    return MappingProxyType({TITLE.name: 0.75, TEXT.name: 0.75})


@dataclass(frozen=True)
class Ranking:
    """The weights of seedsearch's ranking (the defaults are what the
    README's figures were measured with)."""

    #: BM25F (Robertson, Zaragoza and Taylor, "Simple BM25 extension to
    #: multiple weighted fields", CIKM 2004): a query word's frequency in a
    #: document is the sum over the text fields of its frequency in the
    #: field times the field's weight, divided by one length norm
    #: ``1 - b + b * L / avgL`` over the fields as one (``L`` their weighted
    #: lengths); one saturation ``k1`` and one idf per word follow.
    k1: float = 1.2
    #: The length normalization of a word's frequencies in each text field
    #: (applied to the fields' combined length; the same for both by default).
    b: Mapping[str, float] = field(default_factory=_default_b)
    #: Weight of a match in each text field.
    weights: Mapping[str, float] = field(default_factory=_default_weights)
    #: Weight of a match on the very word form, a reading on top of the stem
    #: match (so the word as typed counts twice).  Under BM25F, 1.0 against
    #: 0.5 gained on misspelt keywords (0.870 -> 0.907 MRR@10), news titles,
    #: questions about a body and pasted news, and lost 0.006 on tafsir
    #: sentences (which paraphrase) and 0.001 on xquad_ar (benchmarks/RESULTS.md).
    exact_bonus: float = 1.0
    #: Weight of the whole phrase of a plain multi-word query, on top of its words.
    phrase_bonus: float = 2.0
    #: Term proximity (Rasolofo and Savoy, "Term proximity scoring for keyword-
    #: based retrieval systems", ECIR 2003): two query words at most
    #: ``proximity_span`` words apart, in either order, add 1/d² to the pair's
    #: count, scored like a term (k1 saturation, the smaller idf of the two)
    #: and weighted ``proximity_bonus``.  Only the best ``proximity_window``
    #: documents are re-scored (a fixed window, so every page agrees).  Tried
    #: on the six quality sets together at 0.1 to 1.5: every set gains from
    #: 0.1 to 0.5; 0.2 was best overall (see benchmarks/RESULTS.md).
    proximity_bonus: float = 0.2
    proximity_span: int = 5
    proximity_window: int = 20
    #: Term dependence in order (after Metzler and Croft's sequential
    #: dependence model, SIGIR 2005, with BM25 in place of its language
    #: model): each pair of consecutive query words found in the query's
    #: order, at most one place further apart than in the query, counts once
    #: per occurrence; the count is length-normalized with ``sequence_b``,
    #: saturated with k1 and weighted by the pair's smaller idf.  A document
    #: that is the query, or holds it whole, has every pair; one that quotes
    #: a part has some.  Re-scored in the same window as proximity.
    sequence_bonus: float = 0.3
    #: The length normalization of both dependence bonuses (the ordered pairs,
    #: and the whole query as a phrase): 1, a document's whole length, so the
    #: document that is the pasted text outranks one that quotes it three
    #: times among commentary (pasted verses: 94% -> 100% first; no other
    #: development set moved).
    sequence_b: float = 1.0
    #: Weight of the words that frame a question («ما حكم», «هل يجوز»: see
    #: :mod:`seedsearch.text.questions`) against its content words at 1; a
    #: frame word adds to a document that a content word matched, and never
    #: matches one on its own.
    frame_weight: float = 0.25
    #: Weight of a word's broken plural or singular (قواعد for قاعدة) and of
    #: its other verb form (تخلى for يتخلى, and back), each its own BM25 term,
    #: against the word's stem at 1.  Tried on the six quality sets together
    #: at 0.15, 0.25, 0.3, 0.35 and 0.5 (and as weighted spellings inside the
    #: stem's term instead, which did worse): 0.25 was best overall.
    plural_weight: float = 0.25
    verb_weight: float = 0.25
    #: Weight of a fuzzy neighbour at edit distance 1 and 2 (the word itself,
    #: and its stems, count fully: a fuzzy word finds all the plain word finds).
    fuzzy_weights: tuple[float, float] = (0.5, 0.25)
    #: A root query (``root:كتب``): each word of the root counts its
    #: occurrences times its idf over the idf of the root's commonest word,
    #: at most ``root_rare_weight`` (so a rarer derivation counts more, and
    #: none counts more than twice) ...
    root_rare_weight: float = 2.0
    #: ... and times ``root_second_weight`` where the root is only the word's
    #: second reading (يعد searched under عدد, its first being وعد).  Set by
    #: hand; not tuned on a development set.
    root_second_weight: float = 0.5

    def __post_init__(self) -> None:
        numbers = {"k1": self.k1, "exact_bonus": self.exact_bonus,
                   "phrase_bonus": self.phrase_bonus, "proximity_bonus": self.proximity_bonus,
                   "sequence_bonus": self.sequence_bonus, "sequence_b": self.sequence_b,
                   "frame_weight": self.frame_weight,
                   "plural_weight": self.plural_weight, "verb_weight": self.verb_weight,
                   "root_rare_weight": self.root_rare_weight,
                   "root_second_weight": self.root_second_weight,
                   **{f"weights[{k!r}]": v for k, v in dict(self.weights).items()},
                   **{f"b[{k!r}]": v for k, v in dict(self.b).items()},
                   **{f"fuzzy_weights[{i}]": v for i, v in enumerate(self.fuzzy_weights)}}
        for name, value in numbers.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise QueryError(f"ranking {name} must be a number >= 0, not {value!r}")
        for name, value in dict(self.b).items():
            if not 0 <= value <= 1:
                raise QueryError(f"ranking b[{name!r}] must be between 0 and 1, not {value!r}")
        for name in ("proximity_span", "proximity_window"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise QueryError(f"ranking {name} must be a whole number >= 1, not {value!r}")
        if len(self.fuzzy_weights) != 2:
            raise QueryError("ranking fuzzy_weights needs two weights: edit distance 1 and 2")
        # Read-only copies: the object is shared by every search of an index.
        object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))
        object.__setattr__(self, "b", MappingProxyType(dict(self.b)))

    def weight(self, fieldname: str) -> float:
        """The weight of a match in the text field ``fieldname`` (1 if unnamed)."""
        return self.weights.get(fieldname, 1.0)

    def searched(self, fieldname: str | None) -> list[tuple[TextField, float]]:
        """The text fields a word searches (``fieldname``'s, or all when it
        names none), each with its weight."""
        specs = [TEXT_FIELDS[fieldname]] if fieldname in TEXT_FIELDS else list(TEXT_FIELDS.values())
        return [(spec, self.weight(spec.name)) for spec in specs]

    def b_of(self, fieldname: str) -> float:
        """The length normalization of the text field ``fieldname`` (0.75 if unnamed)."""
        return self.b.get(fieldname, 0.75)

    def fuzzy_weight(self, distance: int) -> float:
        """The weight of a fuzzy neighbour ``distance`` edits away."""
        return self.fuzzy_weights[min(max(distance, 1), 2) - 1]

    def describe(self) -> str:
        """One line for ``explain()``."""
        fields = ", ".join(f"{name} ×{w:g} b {self.b_of(name):g}"
                           for name, w in self.weights.items())
        return (f"ranking: BM25F k1 {self.k1:g}; {fields}; "
                f"word form ×{self.exact_bonus:g}; phrase ×{self.phrase_bonus:g}; "
                f"proximity ×{self.proximity_bonus:g} within {self.proximity_span} words "
                f"(best {self.proximity_window}); plural ×{self.plural_weight:g}, "
                f"verb ×{self.verb_weight:g}; fuzzy "
                f"×{self.fuzzy_weights[0]:g}/×{self.fuzzy_weights[1]:g}")


DEFAULT_RANKING = Ranking()


def bm25_idf(n: int, df: int) -> float:
    """BM25's idf of a term in ``df`` of ``n`` documents (Lucene's form,
    never negative): ``log(1 + (n - df + 0.5) / (df + 0.5))``."""
    return log(1 + (n - df + 0.5) / (df + 0.5))
