"""«Did you mean» prefers a word many documents hold, and counts the slips
people make as half an edit (issue 20): each case failed with 0.1.0, which
ranked candidates by distance first and frequency second."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seedsearch import Index
from seedsearch.text.edits import KEY_SLIP, NEAR, arabic_distance, slips


def _docs(words_and_counts):
    """One short document per occurrence: «<word> <n>» (no other shared word)."""
    out = []
    for word, count in words_and_counts:
        out += [{"id": f"{word}-{i}", "text": f"{word} رقم{i}"} for i in range(count)]
    return out


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    index = Index.create(tmp_path_factory.mktemp("dym") / "ix")
    index.add_documents(_docs([
        ("رمضان", 40), ("رمطان", 1),        # ض/ظ and ط/ظ are both confused with ظ
        ("الرياض", 30), ("الرياط", 1),
        ("كورونا", 60), ("كرونا", 1), ("كرتنا", 2),   # a long vowel dropped
        ("فيروس", 20), ("فرس", 35), ("فيرى", 10),     # فرس: a long vowel added is no slip
        ("الكعبة", 15), ("الكبدة", 3),     # two letters swapped
        ("الظهر", 30), ("الزهر", 2),       # ض for ظ, a merger of speech
        ("مروان", 80),                      # ك/م are neighbouring keys: two slips from كرونا
        ("بين", 200), ("بوتين", 4),         # a stop word is no correction
    ]))
    yield index
    index.close()


@pytest.mark.parametrize("typed, meant", [
    ("رمظان", "رمضان"), ("الرياظ", "الرياض"),     # the issue's own examples
    ("فيرس", "فيروس"), ("الكبعة", "الكعبة"),
    ("الضهر", "الظهر"),                            # our own: صلاة الضهر
])
def test_did_you_mean_prefers_a_common_word_a_slip_away(ix, typed, meant):
    assert ix.search(typed).suggestion == meant


def test_a_word_few_documents_hold_is_weighed_against_its_common_neighbour(ix):
    """كرونا is in one document and كورونا, a dropped و away, in 60: the
    rare spelling gets a suggestion although it is not unknown (a slip costs
    the odds of one word in fifty, so the neighbour must be 55 times as
    common)."""
    results = ix.search("كرونا")
    assert results.total == 1 and results.suggestion == "كورونا"


def test_a_stop_word_is_never_offered_for_a_name(ix):
    """بوتن: بين is two slips away and fifty times as common; a stop word is
    no correction of a name (بوتين, a dropped ي away, is)."""
    assert ix.search("بوتن").suggestion == "بوتين"


def test_a_suggestion_replaces_only_the_unknown_word_of_a_query(ix):
    assert ix.search("صيام رمظان").suggestion == "صيام رمضان"


def test_a_word_of_the_language_absent_from_this_index_gets_no_suggestion(ix):
    """إله is a word (the shipped lexicon knows it), not a slip of الله."""
    assert ix.search("إله").suggestion is None


@pytest.mark.parametrize("typed, meant, cost", [
    ("رمظان", "رمضان", NEAR),        # ظ for ض
    ("كرونا", "كورونا", NEAR),       # the long vowel و left out
    ("الكبعة", "الكعبة", NEAR),      # ب and ع swapped
    ("التعلييم", "التعليم", NEAR),   # a letter doubled
    ("الجماعت", "الجماعه", NEAR),    # ت for a teh marbuta
    ("فيرس", "فرس", 1.0),            # a long vowel added: a full edit
    ("الكبعة", "الكبدة", 1.0),
])
def test_slips_cost_half_an_edit(typed, meant, cost):
    assert arabic_distance(typed, meant) == cost


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويء", min_size=2, max_size=8))
def test_every_word_one_slip_away_costs_at_most_a_slip(word):
    """slips() spells out words the distance counts as one slip (half an
    edit, or three quarters for a neighbouring key): never further."""
    for other in slips(word):
        assert other != word and 0 < arabic_distance(word, other) <= KEY_SLIP
