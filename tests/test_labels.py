"""Labels: display names of collection and category values, kept beside
the index (seedsearch-labels.json) and given beside the values."""

from __future__ import annotations

import json

import pytest
from conftest import SMALL_CORPUS

from seedsearch import Index, LabelError
from seedsearch.storage.labels import LABELS_FILE

LABELS = {"collection": {"bukhari": "صحيح البخاري", "muslim": "صحيح مسلم", "news": "أخبار"},
          "category": {"politics": "سياسة"}}


@pytest.fixture
def labelled(tmp_path):
    ix = Index.create(tmp_path / "ix", labels=LABELS)
    ix.add_documents(SMALL_CORPUS)
    yield ix
    ix.close()


def test_labels_round_trip_through_a_reopen(labelled):
    labelled.close()
    with Index.open(labelled.path) as again:
        assert again.labels == LABELS
        hit = again.search("الأعمال بالنيات")[0]
        assert hit.label("collection") == "صحيح البخاري"
    on_disk = json.loads((labelled.path / LABELS_FILE).read_text(encoding="utf-8"))
    assert on_disk["format"] == "seedsearch-labels" and on_disk["version"] == 1


def test_hits_and_results_give_labels_beside_the_values(labelled):
    results = labelled.search("الرئيس السوري")
    hit = results.to_dict()["hits"][0]
    assert (hit["collection"], hit["collection_label"]) == ("news", "أخبار")
    assert (hit["category"], hit["category_label"]) == ("politics", "سياسة")
    facets = labelled.search("الأعمال الله").to_dict()
    assert facets["facet_labels"]["collection"] == {"bukhari": "صحيح البخاري",
                                                    "muslim": "صحيح مسلم"}
    assert "year" not in facets["facet_labels"]


def test_a_value_without_a_label_has_an_empty_label_and_shows_itself(labelled):
    hit = labelled.search("القواعد العسكرية")[0]
    assert hit["category"] == "military" and hit.to_dict()["category_label"] == ""
    assert hit.label("category") == "military"


def test_set_labels_adds_names_or_replaces_them_and_another_process_sees_them(labelled):
    labelled.set_labels({"category": {"culture": "ثقافة"}})
    assert labelled.labels["category"] == {"politics": "سياسة", "culture": "ثقافة"}
    assert labelled.labels["collection"]["news"] == "أخبار"
    with Index.open(labelled.path) as other:  # as another process would
        other.set_labels({"collection": {"news": "الأخبار"}}, replace=True)
    assert labelled.labels == {"collection": {"news": "الأخبار"}}  # read again, changed
    assert labelled.search("موسكو")[0].to_dict()["collection_label"] == "الأخبار"


def test_no_labels_no_file_and_overwrite_forgets_the_old_ones(labelled, tmp_path):
    assert (labelled.path / LABELS_FILE).exists()
    labelled.set_labels({}, replace=True)
    assert not (labelled.path / LABELS_FILE).exists() and labelled.labels == {}
    labelled.set_labels(LABELS)
    labelled.close()
    with Index.create(labelled.path, overwrite=True) as fresh:
        assert fresh.labels == {} and not (labelled.path / LABELS_FILE).exists()


@pytest.mark.parametrize("labels, message", [
    (["bukhari"], "labels must be a dict"),
    ({"year": {"2024": "٢٠٢٤"}}, "cannot label 'year'"),
    ({"collection": "صحيح البخاري"}, "must be a dict of value -> name"),
    ({"collection": {"bukhari": ""}}, "the name not empty"),
    ({"collection": {"bukhari": 7}}, "must both be strings"),
    ({"collection": {"bukhari": "ب" * 201}}, "the most is 200"),
])
def test_bad_labels_are_one_clear_error(labelled, tmp_path, labels, message):
    with pytest.raises(LabelError, match=message):
        labelled.set_labels(labels)
    with pytest.raises(LabelError, match=message):
        Index.create(tmp_path / "other", labels=labels)
    assert not (tmp_path / "other").exists()  # nothing created


def test_a_hand_edited_labels_file_that_is_broken_says_where(labelled):
    path = labelled.path / LABELS_FILE
    path.write_text('{"format": "seedsearch-labels", "version": 1, "labels": {', encoding="utf-8")
    labelled.close()
    with pytest.raises(LabelError, match=f"{LABELS_FILE}: not valid JSON"):
        Index.open(labelled.path)
    path.write_text(json.dumps({"format": "seedsearch-labels", "version": 9, "labels": {}}),
                    encoding="utf-8")
    with pytest.raises(LabelError, match="labels version 9"):
        Index.open(labelled.path)
