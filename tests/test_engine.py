"""The query engine (parse -> plan -> execute): consistent pages, no hang at
limit=1, results bound to one searcher, a work budget, and explain()."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from conftest import SEEDS, SMALL_CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seedsearch import Index, load_documents
from seedsearch.search.expansion import QUERY_EXPANSIONS, QUERY_SCAN
from seedsearch.search.nodes import Vocabulary
from seedsearch.search.plan import plan_query
from seedsearch.search.query import parse

#: Words of the seeds' hadith and news article, for queries of every kind.
WORDS = ["الله", "رسول", "الصلاة", "صلاة", "الجماعة", "قال", "النبي", "يوم", "الرئيس",
         "سوريا", "موسكو", "الناس", "الماء", "الوضوء", "عليه", "الجنة", "النار"]


@pytest.fixture(scope="module")
def segmented(tmp_path_factory):
    """seeds/ in three batches (three segments) with some documents deleted:
    the multi-segment, with-deletions case of every query."""
    path = tmp_path_factory.mktemp("segmented") / "ix"
    docs = list(load_documents(SEEDS))
    ix = Index.create(path, vowels=True)
    third = len(docs) // 3
    for start in (0, third, 2 * third):
        ix.add_documents(docs[start:start + third] if start < 2 * third else docs[start:],
                         procs=1)
    ix.delete_documents([d["id"] for d in docs[5:400:7]])
    yield ix
    ix.close()


def _queries():
    word = st.sampled_from(WORDS)
    plain = st.lists(word, min_size=1, max_size=3).map(" ".join)
    kinds = st.one_of(
        plain,
        st.tuples(word, word).map(lambda p: f"«{p[0]} {p[1]}»"),
        word.map(lambda w: w[:3] + "*"),
        word.map(lambda w: w + "~"),
        word.map(lambda w: w + "~2"),
        st.tuples(word, word).map(lambda p: f"+{p[0]} -{p[1]}"),
        word.map(lambda w: f"title:{w}"),
        word.map(lambda w: f"{w} collection:bukhari"),
        st.tuples(word, word).map(lambda p: f"{p[0]} OR {p[1]}"),
    )
    return kinds


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=_queries(), limit=st.integers(1, 12), page=st.integers(1, 5),
       exact=st.booleans(), vowels=st.booleans())
def test_every_page_is_a_slice_of_one_ranking(segmented, query, limit, page, exact, vowels):
    """Page p at limit L holds exactly ranks (p-1)L+1 … pL of one search at
    limit pL, without duplicates, for every kind of query (issue 10)."""
    kwargs = dict(exact=exact, vowels=vowels)
    one = segmented.search(query, limit=page * limit, **kwargs)
    paged = segmented.search(query, limit=limit, page=page, **kwargs)
    expected = [(h.id, h.score) for h in one.hits[(page - 1) * limit:]]
    assert [(h.id, h.score) for h in paged] == expected
    assert [h.rank for h in paged] == list(range((page - 1) * limit + 1,
                                                 (page - 1) * limit + 1 + len(paged)))
    ranked = [h.id for h in one]
    assert len(ranked) == len(set(ranked))
    scores = [h.score for h in one]
    assert scores == sorted(scores, reverse=True)
    assert paged.total == one.total


@pytest.mark.parametrize("query", ["title:صحيح", "الصلاة", "صلا*", "الصلاه~", "+الصلاة -الجماعة",
                                   "«صلاة الجماعة»", "الله collection:bukhari"])
def test_limit_one_answers_with_the_first_hit(segmented, query):
    """limit=1 once hung in Whoosh's top-N collector; it is an ordinary case."""
    first = segmented.search(query, limit=1)
    assert first.total == segmented.search(query, limit=50).total > 0
    assert [h.id for h in first] == [segmented.search(query, limit=50)[0].id]


def test_results_keep_their_counts_when_the_index_changes(tmp_path):
    """total, facets and hits come from the searcher the search used, even
    after a delete and an optimize through the same Index."""
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents(SMALL_CORPUS)
        results = ix.search("الرئيس OR القواعد OR القلم", limit=2)
        before = (results.total, results.facets, [h.id for h in results])
        ix.delete_documents([d["id"] for d in SMALL_CORPUS if d["collection"] == "news"])
        ix.optimize()
        assert (results.total, results.facets, [h.id for h in results]) == before
        assert results.facets["collection"] == {"news": before[0]}
        assert ix.search("الرئيس OR القواعد OR القلم").total == 0


class _ManyWords(Vocabulary):
    """A vocabulary where every prefix matches many words (like ا*)."""
    fieldnames = frozenset({"text", "text_exact", "title", "title_exact"})

    def __init__(self):
        self.scanned = 0

    def doc_frequency(self, fieldname, term):
        return 1

    def iter_prefix(self, fieldname, prefix):
        for i in range(50_000):
            self.scanned += 1
            yield prefix + f"ب{i:05d}", 1 + i % 7

    def terms_within(self, fieldname, text, maxdist, prefix=1):
        return iter(())


def test_prefix_words_share_one_budget_per_query():
    """' '.join(['ا*'] * 70) took 54 s: the whole query now reads at most
    QUERY_SCAN vocabulary entries and keeps QUERY_EXPANSIONS words, and says so."""
    query = " ".join(["ا*"] * 70)
    vocab = _ManyWords()
    plan = plan_query(query, parse(query)[0], vocab)
    kept = sum(len(s.spellings) for w in plan.root.should for s in w.scores
               if s.field == "text")
    assert kept <= QUERY_EXPANSIONS
    assert vocab.scanned <= QUERY_SCAN + 64  # one look past the end per word at most
    assert sum("reached their limit" in w for w in plan.warnings) == 1


def test_prefix_words_after_the_budget_is_spent_read_no_vocabulary():
    """Sixty different prefixes (ا* ب* ت* …) each asked the vocabulary for
    their words after the query's budget was spent, only to keep none: a
    prefix word now reads nothing once no expansion is left to keep."""
    words = ["ا*", "ب*", "ت*", "ث*", "ج*", "ح*", "خ*", "د*", "ذ*", "ر*"] * 6
    vocab = _ManyWords()
    asked: list[str] = []
    ask = vocab.prefix_terms

    def counting(fieldname, prefix, want, scan):
        asked.append(prefix)
        return ask(fieldname, prefix, want, scan)

    vocab.prefix_terms = counting  # type: ignore[method-assign]
    query = " ".join(f"{w[0]}{i:02d}*" for i, w in enumerate(words))
    plan = plan_query(query, parse(query)[0], vocab)
    assert vocab.scanned <= QUERY_SCAN + 64
    assert len(asked) < len(words)  # the later prefixes were never looked up
    assert sum("reached their limit" in w for w in plan.warnings) == 1


def test_repeated_prefix_word_is_expanded_once():
    vocab = _ManyWords()
    plan_query("مسؤول* مسؤول*", parse("مسؤول* مسؤول*")[0], vocab)
    assert vocab.scanned <= 20_001 * 2  # two hamza spellings, scanned once


def test_prefix_word_reaches_the_forms_with_the_article(tmp_path):
    """مسؤول* found مسؤول but not المسؤولية or المسئولون, which is how most
    nouns stand in a text; the article reading is grouped with the bare one."""
    ix = Index.create(tmp_path / "ix")
    ix.add_documents([{"id": "duty", "text": "المسؤولية كبيرة على الجميع."},
                      {"id": "officials", "text": "غاب المسئولون عن الاجتماع."},
                      {"id": "official", "text": "قال مسؤول في الوزارة."},
                      {"id": "other", "text": "مساء الخير يا جماعة."}])
    assert {h.id for h in ix.search("مسؤول*")} == {"duty", "officials", "official"}
    assert "text_exact:مسءوليه|مسووليه|المسءوليه|المسووليه" in ix.explain("مسؤول*")
    assert {h.id for h in ix.search("المسؤول*")} == {"duty", "officials"}
    ix.close()


def test_explain_shows_words_terms_expansions_filters_and_warnings(small_index):
    text = small_index.explain("الرئيس مسؤول* «القواعد العسكرية» -روسيا (collection:news",
                               filters={"date": "2026"})
    assert "word «الرئيس» (plain)" in text
    assert "stem in title ×2: title:رءيس|رييس" in text
    assert "form in text ×1: text_exact:الرءيس|الرييس" in text
    assert "prefix in text ×1: text_exact:مسءوليه|مسووليه" in text
    assert "phrase ×1 in title ×2 + text ×1: «القواعد العسكريه»" in text
    assert "must not: word «روسيا»" in text
    assert "filter: date in [2026-01-01 00:00:00, 2027-01-01 00:00:00)" in text
    assert "warning: read leniently" in text


def test_spelling_variants_of_one_word_score_alike(small_index):
    """مسئولية and مسؤولية are one word: same documents, same scores."""
    for a, b in (("مسئولية", "مسؤولية"), ("مسئول*", "مسؤول*"), ("القايد", "القائد")):
        ra, rb = small_index.search(a), small_index.search(b)
        assert ra.total == rb.total > 0
        assert [(h.id, h.score) for h in ra] == [(h.id, h.score) for h in rb]


def test_results_are_json_ready(small_index):
    results = small_index.search("الرئيس السوري", limit=1)
    data = json.loads(json.dumps(results.to_dict()))
    assert data["total"] == results.total and data["pages"] == results.total
    assert data["has_next"] is (results.total > 1)
    assert data["hits"][0]["id"] == "news-1"
    assert "<mark>السوريُّ</mark>" in data["hits"][0]["highlight"]


def test_highlight_escapes_the_document_and_keeps_our_tags(empty_index):
    empty_index.add_documents([{"id": "x", "text": "قال الرئيس <script>alert(1)</script> & مضى"}])
    hit = empty_index.search("الرئيس")[0]
    assert hit.highlight() == "قال <b>الرئيس</b> &lt;script&gt;alert(1)&lt;/script&gt; &amp; مضى"
    assert hit.highlight(tag="mark").count("<mark>") == 1
    assert len(repr(hit)) < 120


FIELD_NAMES = {"title_exact", "text_exact", "text_vowels", "date_iso"}


def test_field_names_are_declared_only_in_the_field_model():
    """No module but fields.py spells an index field name (issue 10)."""
    package = Path(__file__).resolve().parent.parent / "seedsearch"
    offenders = []
    for path in package.glob("*.py"):
        if path.name == "fields.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in FIELD_NAMES:
                offenders.append(f"{path.name}:{node.lineno} {node.value}")
    assert offenders == []
