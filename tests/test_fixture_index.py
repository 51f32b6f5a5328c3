"""Indexes written by earlier releases keep opening and answering.

``tests/fixtures/index-0.1.0`` was built by seedsearch 0.1.0 (commit
1f99606, before the package was split into layers: analysis version 1,
flat postings of format 2), ``tests/fixtures/index-0.2.0`` by 0.2.0
(analysis 2, flat format 3) and ``tests/fixtures/index-0.2.0-a4`` by the
code of 2026-12-04 (analysis 4, root tables of version 3, posting lists
of fewer than eight postings inlined in Whoosh's term table, their
pickles of protocol 3), all from ``tests/fixtures/fixture_docs.jsonl``:
the seed article, 50 vowelled hadith of the demo and six short news texts
written for it, with ``vowels=True``.  Whoosh pickles the schema and its
analyzers into an index, so their class paths (``seedsearch.analysis.*``,
``seedsearch.schema.ArabicTextField``) are a stored format; this test fails
when a move or a rename breaks them, when a format is no longer read, or
when reading an old index no longer gives what a fresh one gives.  (The
fixture texts hold no Uthmani word that analysis 2 spells differently.)
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from seedsearch import Index, load_documents
from seedsearch.text.terms import ANALYSIS_VERSION

FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: Each kept index, with the analysis version and flat format it was built with.
KEPT = {"index-0.1.0": (1, [2]), "index-0.2.0": (2, [3]), "index-0.2.0-a4": (4, [3])}
#: The kept indexes whose flat files hold no root tables this reader trusts:
#: 0.1.0 was written before root tables, 0.2.0 with version 2 of the root
#: reader (:data:`seedsearch.storage.roottable.ROOTS_VERSION` is now 3).
WITHOUT_ROOT_TABLES = {"index-0.1.0", "index-0.2.0"}

#: Every kind of query: plain words, a phrase, must/not, a prefix, fuzzy, a
#: misspelling, stop words only, fields, filters, dates, hamza spellings,
#: a prefixed form, a broken plural, exact and vowelled search.
QUERIES = [
    ("الرئيس السوري", {}), ("«الجيش السوري»", {}), ("موسكو -بوتين", {}), ("مسؤول*", {}),
    ("الصلاه~", {}), ("رمظان", {}), ("حدثنا", {}), ("قال رسول الله صلى الله عليه وسلم", {}),
    ("لا إله إلا الله", {}), ("title:صحيح", {}), ("collection:news كورونا", {}),
    ("date:>2023 الرياض", {}), ("مسئولية", {}), ("يكتبون", {}), ("الكتب", {}),
    ("الصلاة", {"exact": True}), ("عَلِمَ", {"vowels": True}), ("+روسيا الجيش", {}),
    ("(الرياض OR موسكو) AND الرئيس", {}), ("category:health", {}), ("بالمدارس", {}),
    ("قواعد", {}), ("النبي", {"filters": {"collection": "bukhari"}}),
    ("ما حكم صيام يوم الجمعة", {}), ("وليد", {}), ("الثواني المتبقية", {}),
]


def _answers(ix: Index) -> list[tuple]:
    out = []
    for query, options in QUERIES:
        results = ix.search(query, limit=20, **options)
        out.append((query, results.total, results.facets, results.suggestion,
                    [(h.id, round(h.score, 9), h.highlight("text"), h.highlight("title"))
                     for h in results]))
    return out


@pytest.fixture(scope="module", params=sorted(KEPT))
def old_and_fresh(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fixture")
    old_path = folder / "old"
    shutil.copytree(FIXTURES / request.param, old_path)  # searching must not write into the repo
    fresh = Index.create(folder / "fresh", vowels=True)
    fresh.add_documents(load_documents(FIXTURES / "fixture_docs.jsonl"))
    old = Index.open(old_path)
    yield request.param, old, fresh
    old.close()
    fresh.close()


def test_a_kept_index_opens_with_its_documents_and_versions(old_and_fresh):
    name, old, fresh = old_and_fresh
    assert len(old) == len(fresh) == 57
    assert old.has_vowels
    assert old.get("news/3") == fresh.get("news/3")
    assert old.get("news/3")["title"] == "افتتاح مكتبة عامة جديدة"
    stats = old.stats(count_terms=False)
    assert (stats["analysis"], stats["flat_formats"]) == KEPT[name]
    if name == "index-0.2.0-a4":  # it keeps short lists inlined: an id has one posting
        from whoosh import index as windex

        with windex.open_dir(str(old.path)).reader() as reader:
            assert reader.term_info("id", "news/3").is_inlined()


@contextmanager
def _analysis_of(version: int):
    """The analysis as it was at ``version``, for the rules that a rebuild
    changes (:data:`seedsearch.text.terms.ANALYSIS_VERSION`): before 3, a
    vowelled accusative kept its alef (خَيْرًا -> خيرا); before 4, a lone
    bidi mark or tatweel took a position; before 5, a length counted terms
    (:data:`~seedsearch.text.terms.WORD_LENGTHS`, which follows the version
    the fields record); before 6, a plural's ات before a pronoun was read as a
    construct ة (مولاته, حكوماتهم) and وكالات lost وكال as an article.
    The fresh index records ``version``."""
    from seedsearch import analysis, schema
    from seedsearch.text import stem, terms

    cached = (terms.ranked_terms, terms.split_terms, terms.stem_only_terms,
              stem.stem, stem.stem_prenormalized)
    saved = (terms._accusative_alef_dropped, schema.is_word, analysis.is_word,
             schema.ANALYSIS_VERSION, stem._is_plural, stem.KAF_ARTICLES)
    if version < 3:
        terms._accusative_alef_dropped = lambda word, pre: pre
    if version < 4:
        schema.is_word = analysis.is_word = lambda word: True
    if version < 6:
        stem._is_plural = lambda word: False
        stem.KAF_ARTICLES = frozenset()
    schema.ANALYSIS_VERSION = version
    for f in cached:
        f.cache_clear()
    try:
        yield
    finally:
        (terms._accusative_alef_dropped, schema.is_word, analysis.is_word,
         schema.ANALYSIS_VERSION, stem._is_plural, stem.KAF_ARTICLES) = saved
        for f in cached:
            f.cache_clear()


def test_a_kept_index_answers_as_a_fresh_index_of_the_same_documents(old_and_fresh, tmp_path):
    """Every kind of query gives the same totals, facets, suggestions, hits,
    scores and highlights on the kept index as on a fresh index of the same
    documents built with the kept index's analysis (a rebuild changes only
    what :data:`~seedsearch.text.terms.ANALYSIS_VERSION` lists)."""
    name, old, _ = old_and_fresh
    with _analysis_of(KEPT[name][0]):
        with Index.create(tmp_path / "fresh", vowels=True) as fresh:
            fresh.add_documents(load_documents(FIXTURES / "fixture_docs.jsonl"))
            old_answers, fresh_answers = _answers(old), _answers(fresh)
    for got, want in zip(old_answers, fresh_answers):
        assert got == want, got[0]
    # The queries find what they are about (so the comparison is not of
    # empty results): the news article, the hadith, the hamza spellings.
    by_query = {a[0]: a for a in old_answers}
    assert by_query["الرئيس السوري"][4][0][0] == "news/jazeera-2026-01-28"
    assert by_query["مسئولية"][1] == by_query["مسؤول*"][1] == 2
    assert by_query["حدثنا"][1] >= 40


def test_a_kept_index_answers_root_queries_as_a_fresh_one(old_and_fresh, tmp_path):
    """Indexes written before root tables, or with tables of an older root
    reader, compute their segments' roots on the first root query, say so
    once, and answer as a fresh index of their analysis does."""
    name, old, _ = old_and_fresh
    first = old.search("root:قول", limit=20)
    computed = "roots_computed" in [n.code for n in first.notices]
    assert computed == (name in WITHOUT_ROOT_TABLES)
    with _analysis_of(KEPT[name][0]):
        with Index.create(tmp_path / "fresh", vowels=True) as fresh:
            fresh.add_documents(load_documents(FIXTURES / "fixture_docs.jsonl"))
            for query in ("root:قول", "root:كتب", "جذر:الصيام", "+root:صلو -النبي"):
                got, want = old.search(query, limit=20), fresh.search(query, limit=20)
                assert want.total and got.total == want.total, query
                assert [(h.id, round(h.score, 9)) for h in got] == \
                    [(h.id, round(h.score, 9)) for h in want], query
    assert "roots_computed" not in [n.code for n in old.search("root:كتب").notices]


def test_an_index_of_a_newer_analysis_is_refused_naming_both_versions(tmp_path, monkeypatch):
    """An index built by a later seedsearch (here: this one, opened by a
    code that reads analysis 1 only) says what it is and what to do."""
    from seedsearch import SchemaMismatchError
    from seedsearch.storage import opening

    Index.create(tmp_path / "ix").close()
    monkeypatch.setattr(opening, "ANALYSIS_VERSION", 1)
    with pytest.raises(SchemaMismatchError, match=rf"analysis version {ANALYSIS_VERSION}.*reads "
                                                  r"versions 1 to 1.*upgrade seedsearch"):
        Index.open(tmp_path / "ix")


def test_an_index_of_an_analysis_no_longer_read_says_to_rebuild(tmp_path, monkeypatch):
    from seedsearch import SchemaMismatchError
    from seedsearch.storage import opening

    shutil.copytree(FIXTURES / "index-0.1.0", tmp_path / "ix")
    monkeypatch.setattr(opening, "OLDEST_ANALYSIS", 2)
    with pytest.raises(SchemaMismatchError, match=r"analysis version 1.*no longer.*rebuild"):
        Index.open(tmp_path / "ix")
