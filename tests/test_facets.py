"""search(combine_facets=True): a facet that a filter restricts is counted
without that filter, so its other values stay listed with their counts
and a reader can add a second collection."""

from __future__ import annotations


def test_a_chosen_collection_keeps_the_other_collections_listed(seeds_index):
    query = "صَلاَةُ الْجَمَاعَةِ"
    everything = seeds_index.search(query)
    bukhari = seeds_index.search(query, filters={"collection": "bukhari"}, combine_facets=True)
    # the hits and the total are Bukhari's only ...
    assert {h["collection"] for h in bukhari} == {"bukhari"}
    assert bukhari.total == everything.facets["collection"]["bukhari"]
    # ... and the collection facet still counts Muslim's, as without the filter
    assert bukhari.facets["collection"] == everything.facets["collection"]
    # the other facets count the filtered matches
    assert sum(bukhari.facets["category"].values()) == bukhari.total
    # without combine_facets, the facet counts the filtered matches only
    alone = seeds_index.search(query, filters={"collection": "bukhari"})
    assert alone.facets["collection"] == {"bukhari": bukhari.total}


def test_two_collections_are_either_and_each_facet_drops_only_its_own_filter(seeds_index):
    query = "الوضوء"
    both = seeds_index.search(query, filters={"collection": ["bukhari", "muslim"],
                                              "category": "book-4"}, combine_facets=True)
    by_category = seeds_index.search(query, filters={"category": "book-4"})
    by_collection = seeds_index.search(query, filters={"collection": ["bukhari", "muslim"]})
    assert both.total == by_category.total
    assert both.facets["collection"] == by_category.facets["collection"]
    assert both.facets["category"] == by_collection.facets["category"]


def test_the_year_facet_is_counted_without_the_date_filter(small_index):
    results = small_index.search("الروسي", filters={"date": "2025"}, combine_facets=True)
    assert [h.id for h in results] == ["news-2"]
    assert results.facets["year"] == {"2025": 1, "2026": 1}
