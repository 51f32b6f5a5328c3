"""A seedsearch query -> the OpenSearch / Elasticsearch query DSL.

:func:`translate_query` reads the query with :func:`seedsearch.search.query.parse`
(the same language, leniently) and builds the search body for an index made
from ``settings.json`` (see :mod:`.bulk`), with seedsearch's weights:

==========================  ==================================================
seedsearch                  query DSL
==========================  ==================================================
a word                      ``combined_fields`` over ``title^2`` and ``text``
                            of the word and its marked form (الرئيس|=الرءيس=):
                            its stems, which the engine's analyzer finds, and
                            the form, one BM25F term, as seedsearch scores it
several plain words         ``bool.should`` (``minimum_should_match`` 1), plus
                            the whole phrase on ``.exact`` as a bonus (boost 2)
«phrase»                    ``match_phrase`` on ``title.exact`` / ``text.exact``
مسؤول*                      ``prefix`` on ``.exact`` (normalized value)
الصلاه~ / ~2                ``fuzzy`` on ``.exact`` (at most 2 edits, first
                            letter fixed, 256 expansions, no transpositions)
+a / -a / AND / OR / NOT    ``bool`` must / should / must_not
title: text:                only that field
collection: category:       ``term`` in ``bool.filter``
date:                       ``range`` on ``date`` (start inclusive, end
                            exclusive) in ``bool.filter``
root:كتب                    ``match`` on ``title_roots^2`` / ``text_roots``
                            (the roots the export wrote), plus the word
                            itself when a word was typed
==========================  ==================================================

A query of stop words only (لا إله إلا الله) searches the ``.exact`` fields,
as seedsearch does.  What the DSL cannot say without the index at hand: a
query word with a possible one-letter prefix (لحكومة) is not also read
without it, and a bare word (قلم) does not reach its prefixed forms (بقلم);
prefix expansions all count, unranked by frequency.  ``index=`` writes
those decisions out (:mod:`.planned`).

``sort="newest"`` or ``"oldest"`` adds a ``sort`` on ``date`` (documents
without one last) and then ``_score``, as ``search(sort=…)`` orders.
:func:`translate_similar` writes ``more_like_this`` for ``ix.similar``: the
document's own text, analysed by the exported ``seedsearch_ranked``
analyzer, its 20 heaviest terms held by at least two documents.

``combined_fields`` (Robertson, Zaragoza and Taylor's BM25F, as Lucene's
CombinedFieldQuery computes it) is in Elasticsearch from 7.13 and OpenSearch
from 3.2.  For older engines (OpenSearch 1.x and 2.x, Elasticsearch 7.10)
``combined=False`` writes the nearest they have: ``multi_match`` of type
``cross_fields``, which blends the fields' term statistics but scores each
field on its own.
"""

from __future__ import annotations

from typing import Any

from ..fields import DATE, TEXT, TEXT_FIELDS
from ..search.expansion import MAX_EXPANSIONS, MAX_FUZZY
from ..search.kinds import Occur, WordKind
from ..search.plan import MAX_QUERY_WORDS
from ..search.query import (
    DateRange,
    Group,
    Keyword,
    Phrase,
    Word,
    only_stop_words,
    parse,
    quoted_with_words,
)
from ..search.ranking import DEFAULT_RANKING
from ..search.similar import MIN_DOCS, SIMILAR_WORDS
from ..search.sorting import Sort, sort_of
from ..text.normalize import hamza_variants, normalize
from ..text.questions import question_content
from ..text.root_query import is_root_letters, parse_root
from ..text.terms import WORD_PATTERN, exact_terms, ranked_terms
from .mappings import roots_field
from .settings import EXACT_SUBFIELD, RANKED, STACK, marked_form
from .words import any_of

__all__ = ["translate_query", "translate_similar", "EXACT_SUBFIELD"]

#: The weights translated: seedsearch's defaults.
_RANKING = DEFAULT_RANKING


def translate_query(query: str, *, strict: bool = False, combined: bool = True,
                    sort: str = "relevance", index: Any = None) -> dict:
    """The search body (``{"query": …}``) for ``query``.

    >>> translate_query("collection:news")["query"]["bool"]["filter"]
    [{'term': {'collection': 'news'}}]
    >>> translate_query("الرئيس", sort="newest")["sort"]
    [{'date': {'order': 'desc', 'missing': '_last'}}, '_score']

    ``strict=True`` raises QueryError on malformed syntax, as
    ``Index.search`` does; otherwise it is read leniently.  ``combined=False``
    writes ``multi_match``/``cross_fields`` for engines without
    ``combined_fields`` (see the module).  ``sort`` is relevance, newest or
    oldest (QueryError otherwise).  ``index`` (an open Index or its
    folder) writes the plan seedsearch makes against that index's
    vocabulary instead (:mod:`.planned`): the readings of each word, the
    kept prefix expansions and fuzzy neighbours as explicit, ranked terms.
    """
    order = sort_of(sort)
    if index is not None:
        from .planned import planned_body

        body: dict = planned_body(query, index, strict=strict, combined=combined)
    else:
        group, _problems = parse(query, strict=strict)
        body = {"query": _Translator(group, combined).top()}
    if order != Sort.RELEVANCE:
        body.pop("rescore", None)  # the engines refuse a rescore beside a sort
        direction = "desc" if order == Sort.NEWEST else "asc"
        body["sort"] = [{DATE: {"order": direction, "missing": "_last"}}, "_score"]
    return body


def translate_similar(doc_id: str, *, index: str | None = None) -> dict:
    """The search body of ``ix.similar(doc_id)`` on the engine: a
    ``more_like_this`` query over the text, analysed with the exported
    ranked analyzer, as :mod:`seedsearch.search.similar` chooses words.

    >>> translate_similar("bukhari:13")["query"]["more_like_this"]["like"]
    [{'_id': 'bukhari:13', 'per_field_analyzer': {'text': 'seedsearch_ranked'}}]

    For a document the engines draw its terms from term vectors made with
    the field's index analyzer, which also files each word's marked form
    and ``·`` for a stop word; ``per_field_analyzer`` makes them with the
    stems only.  The document itself is left out (``include`` false).  The engine weighs
    terms by tf·idf, not BM25, and keeps the title out only because it
    searches the text alone; expect the same documents first, not the same
    scores.
    """
    like: dict = {"_id": doc_id}
    if index:
        like["_index"] = index
    like["per_field_analyzer"] = {TEXT.name: RANKED}
    return {"query": {"more_like_this": {
        "fields": [TEXT.name], "like": [like], "analyzer": RANKED,
        "max_query_terms": SIMILAR_WORDS, "min_term_freq": 1, "min_doc_freq": MIN_DOCS,
        "include": False}}}


def _exact(fieldname: str) -> str:
    return f"{fieldname}.{EXACT_SUBFIELD}"


def _boost(fieldname: str, boost: float = 1.0) -> float:
    return boost * _RANKING.weight(fieldname)


def _index_form(word: str) -> str:
    """The word as the exported exact analyzer indexes it (one hamza spelling)."""
    return hamza_variants(normalize(word))[0]


def _fuzzy(word: Word, fields: list[str]) -> dict | None:
    """``word~N``: a ``fuzzy`` on each field's ``.exact`` (first letter fixed,
    no transpositions, as seedsearch expands it)."""
    value = _index_form(word.text)
    if not value:
        return None
    distance = max(0, min(word.distance, MAX_FUZZY, len(value) // 2))
    return any_of([{"fuzzy": {_exact(f): {
        "value": value, "fuzziness": distance, "prefix_length": 1,
        "max_expansions": MAX_EXPANSIONS, "transpositions": False, "boost": _boost(f)}}}
        for f in fields])


class _Translator:
    def __init__(self, group: Group, combined: bool = True):
        self.group = group
        self.combined = combined
        self.words_seen = 0
        # A query made only of stop words searches them in the exact fields.
        self.keep_stops = only_stop_words(group)

    @staticmethod
    def _fields(name: str | None) -> list[str]:
        return [name] if name in TEXT_FIELDS else list(TEXT_FIELDS)

    def top(self) -> dict:
        filters: list[dict] = []
        q = self._group(self.group, filters)
        if q is None and not filters:
            return {"match_none": {}}
        if q is not None and not filters:
            return q
        body: dict = {"filter": filters}
        if q is not None:
            body["must"] = [q]
        return {"bool": body}

    def _group(self, group: Group, filters: list | None = None) -> dict | None:
        top = filters is not None
        must: list[dict] = []
        should: list[dict] = []
        must_not: list[dict] = []
        plain: list[str] = []
        for clause in group.clauses:
            node = clause.node
            if (clause.occur == Occur.SHOULD and isinstance(node, Word)
                    and node.kind == WordKind.PLAIN
                    and node.field is None):
                plain.append(node.text)  # stop words too, as seedsearch.search.plan reads it
            q = self._node(node)
            if q is None:
                continue
            if filters is not None and clause.occur == Occur.MUST and isinstance(node, (Keyword,
                                                                                DateRange)):
                filters.append(q)
                continue
            {Occur.MUST: must, Occur.SHOULD: should,
             Occur.MUST_NOT: must_not}[clause.occur].append(q)
        if top:
            plain = question_content(plain)  # as the planner reads it
        if top and len(plain) >= 2:
            bonus = self._phrase(tuple(plain), None, _RANKING.phrase_bonus)
            if bonus is not None:
                should.append(bonus)
        for phrase in quoted_with_words(group):  # its words too, as seedsearch plans them
            words = (self._word(Word(w, phrase.field)) for w in phrase.words)
            should += [q for q in words if q is not None]
        body: dict = {}
        if must:
            body["must"] = must
        if should:
            body["should"] = should
            if not must:
                body["minimum_should_match"] = 1
        if must_not:
            body["must_not"] = must_not
        if not body:
            return None
        if set(body) == {"should", "minimum_should_match"} and len(should) == 1:
            return should[0]
        if list(body) == ["must"] and len(must) == 1:
            return must[0]
        return {"bool": body}

    def _node(self, node) -> dict | None:
        if isinstance(node, Group):
            return self._group(node)
        if isinstance(node, Word):
            return self._word(node)
        if isinstance(node, Phrase):
            return self._phrase(node.words, node.field)
        if isinstance(node, Keyword):
            return {"term": {node.field: node.value}}
        if isinstance(node, DateRange):
            bounds = {}
            if node.start is not None:
                bounds["gte"] = node.start.isoformat()
            if node.end is not None:
                bounds["lt"] = node.end.isoformat()
            return {"range": {DATE: bounds}} if bounds else None
        return None

    def _word(self, word: Word) -> dict | None:
        self.words_seen += 1
        if self.words_seen > MAX_QUERY_WORDS:
            return None
        if word.kind == WordKind.PREFIX:
            value = _index_form(word.text)
            return any_of([{"prefix": {_exact(f): {"value": value, "boost": _boost(f)}}}
                         for f in self._fields(word.field)]) if value else None
        if word.kind == WordKind.FUZZY:
            return _fuzzy(word, self._fields(word.field))
        if word.kind == WordKind.ROOT:
            return _root(self, word)
        ranked = ranked_terms(word.text)
        if not ranked and not self.keep_stops:
            return None  # a stop word in a query that has other words
        fields = self._fields(word.field)
        form = _index_form(word.text)
        if ranked and form and self.combined and _RANKING.exact_bonus == 1.0 and \
                len(WORD_PATTERN.findall(word.text)) == 1:
            # The stems (the engine's analyzer finds them) and the very form,
            # marked: one BM25F term, as seedsearch adds them.
            return self._fields_query(f"{word.text}{STACK}{marked_form(form)}", fields, 1.0)
        subs = []
        if ranked:
            subs.append(self._fields_query(word.text, fields, 1.0))
        if exact_terms(word.text):
            subs.append(self._fields_query(word.text, [_exact(f) for f in fields],
                                           _RANKING.exact_bonus))
        return any_of(subs)

    def _fields_query(self, text: str, fields: list[str], boost: float) -> dict:
        """One BM25F term over ``fields`` (names, or ``name.exact``), each
        weighted as seedsearch weighs its text field."""
        weighted = [f"{f}^{_boost(f.split('.')[0]):g}" for f in fields]
        if self.combined:
            body: dict = {"query": text, "fields": weighted}
            kind = "combined_fields"
        else:
            body = {"query": text, "fields": weighted, "type": "cross_fields"}
            kind = "multi_match"
        if boost != 1.0:
            body["boost"] = boost
        return {kind: body}

    def _phrase(self, words, fieldname, boost: float = 1.0) -> dict | None:
        words = [w for w in words if exact_terms(w)]
        if not words:
            return None
        text = " ".join(words)
        return any_of([{"match_phrase": {_exact(f): {"query": text, "boost": _boost(f, boost)}}}
                     for f in self._fields(fieldname)])


def _root(self: _Translator, word: Word) -> dict | None:
    """``root:كتب``: a ``match`` of its root(s) on each text field's roots
    field (:func:`~.mappings.roots_field`), weighted as the field; a
    word typed (``root:يكتبون``) is also searched as itself; a value
    with no root is a plain word, as seedsearch reads it."""
    roots = parse_root(word.text)
    self.words_seen -= 1  # the word's own reading counts as this one
    if roots is None:
        return self._word(Word(word.text))
    subs: list[dict | None] = [
        {"match": {roots_field(f): {"query": " ".join(roots), "boost": _boost(f)}}}
        for f in TEXT_FIELDS]
    if not is_root_letters(word.text, roots):
        subs.append(self._word(Word(word.text)))
    return any_of([s for s in subs if s is not None])
