"""search(sort="newest" | "oldest"): by date, undated documents last, ties
in the order of relevance, and pages that still read one ranking."""

from __future__ import annotations

import pytest

from seedsearch import Index, QueryError

#: News about the Syrian president on several dates (two on one day), and
#: two hadith-like texts with the word and no date.
DATED = [
    {"id": "d1", "title": "الرئيس في موسكو", "text": "زار الرئيس السوري موسكو.", "date": "2024-03-01"},
    {"id": "d2", "title": "قمة", "text": "الرئيس السوري والرئيس الروسي في قمة.", "date": "2026-01-28"},
    {"id": "d3", "title": "بيان", "text": "أصدر الرئيس بيانا.", "date": "2025-06-15"},
    {"id": "d4", "title": "لقاء", "text": "التقى الرئيس السوري بالوزراء.", "date": "2025-06-15"},
    {"id": "u1", "title": "أثر", "text": "قال الرئيس كلمة.", "collection": "bukhari"},
    {"id": "d5", "title": "زيارة", "text": "وصل الرئيس إلى بغداد.", "date": "2023-11-30T10:00:00"},
    {"id": "u2", "title": "أثر آخر", "text": "الرئيس السوري الرئيس السوري.", "collection": "muslim"},
    {"id": "d6", "title": "خبر قديم", "text": "كان الرئيس في دمشق.", "date": "2019-02-02"},
]


@pytest.fixture
def dated_index(tmp_path):
    ix = Index.create(tmp_path / "ix")
    ix.add_documents(DATED)
    yield ix
    ix.close()


def ids(results):
    return [h.id for h in results]


def test_newest_orders_by_date_with_undated_documents_last(dated_index):
    results = dated_index.search("الرئيس", sort="newest", limit=20)
    dates = [h.get("date") for h in results]
    assert dates[:6] == sorted(dates[:6], reverse=True) and all(dates[:6])
    assert ids(results)[0] == "d2" and set(ids(results)[6:]) == {"u1", "u2"}
    assert results.sort == "newest" and results.to_dict()["sort"] == "newest"


def test_oldest_orders_by_date_with_undated_documents_still_last(dated_index):
    results = dated_index.search("الرئيس", sort="oldest", limit=20)
    assert ids(results)[:2] == ["d6", "d5"]  # 2019, then 2023-11-30T10:00
    assert set(ids(results)[-2:]) == {"u1", "u2"}


def test_one_date_and_no_date_keep_the_order_of_relevance(dated_index):
    """d3 and d4 share 2025-06-15; «الرئيس السوري» matches d4 whole and d3
    only in part, so d4 comes first; u2 (both words, twice) before u1."""
    relevance = ids(dated_index.search("الرئيس السوري", limit=20))
    newest = ids(dated_index.search("الرئيس السوري", sort="newest", limit=20))
    assert newest.index("d4") + 1 == newest.index("d3")
    assert newest[-2:] == [d for d in relevance if d in ("u1", "u2")] == ["u2", "u1"]


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_pages_of_a_date_sort_are_slices_of_one_ranking(dated_index, sort):
    whole = ids(dated_index.search("الرئيس", sort=sort, limit=8))
    for limit in (1, 2, 3):
        pages = [ids(dated_index.search("الرئيس", sort=sort, limit=limit, page=p))
                 for p in range(1, 9)]
        assert [i for page in pages for i in page] == whole
    page = dated_index.search("الرئيس", sort=sort, limit=3, page=2)
    assert [h.rank for h in page] == [4, 5, 6] and page.total == 8


def test_sort_keeps_filters_total_and_facets(dated_index):
    results = dated_index.search("الرئيس", sort="newest", filters={"date": ">=2025"})
    assert ids(results) == ["d2", "d3", "d4"] and results.total == 3  # d3 is the shorter
    assert results.facets["year"] == {"2025": 2, "2026": 1}


def test_a_bad_sort_is_a_query_error_listing_the_allowed_ones(dated_index):
    with pytest.raises(QueryError, match="sort must be one of relevance, newest, oldest") as err:
        dated_index.search("الرئيس", sort="الأحدث")
    assert err.value.code == "bad_sort"


def test_sort_by_date_on_an_index_without_dates_is_the_order_of_relevance(small_index):
    """The hadith of the small corpus have no date: newest is relevance."""
    query = "الله"
    assert ids(small_index.search(query, sort="newest")) == ids(small_index.search(query))
