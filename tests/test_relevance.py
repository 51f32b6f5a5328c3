"""Relevance cases a new user met (issue 12), each with words of our own
beside the ones quoted."""

from __future__ import annotations

import pytest

from seedsearch import Index

DOCS = [
    {"id": "salat-1", "text": "أقيموا الصلاة وآتوا الزكاة."},
    {"id": "salat-2", "text": "وقت الصلاة قريب، والصلاةُ خيرٌ من النوم."},
    {"id": "salat-3", "text": "صلاته في المسجد أفضل."},
    {"id": "salah-1", "text": "الصلاح أساس العمل الصالح والصلاح مطلوب."},
    {"id": "silah-1", "text": "الصلة بين البلدين قوية والصلة مستمرة والصلة قديمة."},
    {"id": "salaba-1", "text": "الصلابة في المواقف والصلابة مطلوبة."},
    {"id": "school-1", "text": "افتتحت المدرسة الجديدة في الرياض."},
    {"id": "pres-1", "text": "قال الرئيس إن الرئيس السابق زار المستشفى."},
    {"id": "pres-2", "text": "استقبل الرئيس الوفد في المستشفى الجديد."},
    {"id": "pres-3", "text": "الرئيس يلتقي الوزراء."},
    {"id": "cheap-1", "text": "السعر الرخيص يجذب الناس."},
    {"id": "saudi-1", "text": "زار الوفد السعودية، والسعودية بلد كبير."},
]


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    index = Index.create(tmp_path_factory.mktemp("rel") / "ix")
    index.add_documents(DOCS)
    yield index
    index.close()


def ids(results):
    return [h.id for h in results]


@pytest.mark.parametrize("fuzzy, plain", [("الصلاه~", "الصلاة"), ("الصلاة~", "الصلاة"),
                                          ("المدرسه~", "المدرسة")])
def test_fuzzy_word_finds_what_the_plain_word_finds_and_ranks_it_first(ix, fuzzy, plain):
    """الصلاه~ once ranked الصلاح, الصلابة and الصلة above الصلاة."""
    found, exact = ids(ix.search(fuzzy, limit=50)), ids(ix.search(plain, limit=50))
    assert set(exact) <= set(found)
    assert found[:len(exact)] == exact or set(found[:len(exact)]) == set(exact)


def test_fuzzy_word_also_finds_its_neighbours_below_the_word(ix):
    found = ids(ix.search("الصلاح~", limit=50))
    assert found[0] == "salah-1"
    assert {"salat-1", "salat-2"} <= set(found)  # الصلاة is one edit away


@pytest.mark.parametrize("heh, teh", [("الصلاه", "الصلاة"), ("المدرسه", "المدرسة"),
                                      ("السعوديه", "السعودية")])
def test_final_heh_query_finds_what_the_teh_marbuta_query_finds(ix, heh, teh):
    """People type ه for ة: both spellings find the same documents alike."""
    a, b = ix.search(heh), ix.search(teh)
    assert a.total == b.total > 0 and ids(a) == ids(b)


@pytest.mark.parametrize("typo, meant", [("الرئيص", "الرئيس"), ("الرئيسس", "الرئيس"),
                                         ("السعودبة", "السعودية"), ("المستشفيي", "المستشفى")])
def test_did_you_mean_offers_the_spelling_people_write(ix, typo, meant):
    """Not the index's internal spelling (الرءيس, السعوديه), and not الرخيص
    for الرئيص: ص and س are neighbouring keys."""
    assert ix.search(typo).suggestion == meant


def test_no_suggestion_for_a_known_word(ix):
    assert ix.search("الرئيس").suggestion is None
