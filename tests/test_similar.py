"""ix.similar(doc_id): the documents most like one document, by its most
characteristic words, the same Arabic analysis as a search, explainable.

The parallels below were read in seeds/: the same matn narrated by
al-Bukhari and by Muslim, each with its own chain of narrators."""

from __future__ import annotations

import pytest

from seedsearch import DocumentNotFoundError, Index, normalize
from seedsearch.text.terms import WORD_PATTERN

#: (a hadith of al-Bukhari, its parallel in Muslim, words of their matn)
PARALLELS = [
    ("bukhari:6507", "muslim:6822", "مَنْ أَحَبَّ لِقَاءَ اللَّهِ أَحَبَّ اللَّهُ لِقَاءَهُ"),
    ("bukhari:5770", "muslim:5788", "لاَ عَدْوَى وَلاَ صَفَرَ وَلاَ هَامَةَ"),
    ("bukhari:3884", "muslim:132", "إِنَّكَ لاَ تَهْدِي مَنْ أَحْبَبْتَ"),
    ("bukhari:7525", "muslim:1001", "وَلاَ تَجْهَرْ بِصَلاَتِكَ وَلاَ تُخَافِتْ بِهَا"),
]


def words(text: str) -> str:
    return " ".join(filter(None, (normalize(w) for w in WORD_PATTERN.findall(text))))


@pytest.mark.parametrize("doc_id, parallel, matn", PARALLELS)
def test_similar_finds_the_same_matn_in_the_other_collection_first(seeds_index, doc_id,
                                                                   parallel, matn):
    assert words(matn) in words(seeds_index.get(doc_id)["text"])
    assert words(matn) in words(seeds_index.get(parallel)["text"])
    results = seeds_index.similar(doc_id, limit=5)
    assert results[0].id == parallel
    # far above the unrelated hadith that share a narrator or a formula
    assert results[0].score > 2 * results[1].score
    # and the other way round
    assert seeds_index.similar(parallel, limit=1)[0].id == doc_id


def test_similar_leaves_the_document_out_and_pages_like_a_search(seeds_index):
    whole = [h.id for h in seeds_index.similar("bukhari:6507", limit=12)]
    assert "bukhari:6507" not in whole and len(whole) == 12
    second = seeds_index.similar("bukhari:6507", limit=4, page=2)
    assert [h.id for h in second] == whole[4:8] and [h.rank for h in second] == [5, 6, 7, 8]
    assert second.total == seeds_index.search(second.query).total - 1


def test_similar_marks_the_shared_words_and_takes_filters(seeds_index):
    """Filtered to Muslim's collection, the parallel is still first, and its
    snippet marks لقاء as written there (لِقَاءَ)."""
    results = seeds_index.similar("bukhari:6507", filters={"collection": "muslim"})
    assert {h["collection"] for h in results} == {"muslim"}
    assert results[0].id == "muslim:6822" and "<b>لِقَاءَ</b>" in results[0].highlight()
    assert results.suggestion is None


def test_similar_is_explained_by_its_query_and_words(seeds_index):
    """The query is the heaviest words of the text in one group, plain words
    the search reads as always: لقاء (eight times in the hadith, in three
    documents) weighs most."""
    results = seeds_index.similar("bukhari:6507")
    assert results.query.startswith("(لقاء ") and results.query.endswith(")")
    assert "صحيح" not in results.query  # the title is never read
    explained = seeds_index.explain_similar("bukhari:6507")
    assert explained.splitlines()[0] == "similar to: bukhari:6507"
    assert "لقاء (stem لقاء): tf 8, df 3" in explained
    assert "word «لقاء» (plain)" in explained  # the plan of the query follows
    assert seeds_index.search(results.query, limit=2)[1].id == "muslim:6822"


def test_a_document_whose_words_no_other_holds_has_no_similar(tmp_path):
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents([{"id": "a", "text": "زيارة الرئيس إلى موسكو"},
                          {"id": "b", "text": "القلم أداة الكاتب"}])
        results = ix.similar("a", filters={"collection": "news"})
        assert results.total == 0 and results.query == "" and not results.hits
        assert "no word of it is held by another document" in ix.explain_similar("a")


def test_similar_of_an_unknown_or_deleted_document_says_so(small_index):
    with pytest.raises(DocumentNotFoundError, match="no document with id 'لا-يوجد'"):
        small_index.similar("لا-يوجد")
    small_index.delete_documents(["news-2"])
    with pytest.raises(DocumentNotFoundError):
        small_index.similar("news-2")
