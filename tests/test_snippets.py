"""Snippets that show why a hit matched (issue 20): a phrase is marked where
it occurs whole and nowhere else, the window holds the most different
query words, and the stop words of a plain query are marked only inside
the run of the query itself.  Each failed with 0.1.0, which marked every
word of a phrase everywhere and cut the window around the most marks."""

from __future__ import annotations

import pytest

from seedsearch import Index

FILLER = " ".join(["ثم مضى الناس إلى أعمالهم في السوق والمزارع"] * 6)

DOCS = [
    {"id": "khalid",
     "text": "حدثنا عبد الله بن يوسف عن مالك بن أنس عن نافع بن سرجس " + FILLER
             + " ثم بعث رسول الله خالد بن الوليد إلى بني جذيمة فدعاهم إلى الإسلام"},
    {"id": "fitr",
     "text": "خرج الناس إلى صلاة عيد الفطر في المصلى، وكان عيد الفطر يوما مشهودا، "
             + FILLER + " وأمر بإخراج زكاة الفطر قبل الصلاة صاعا من تمر"},
    {"id": "words",
     "text": "الزيت في كل بيت، والزيت غال، والزيت يباع في السوق، والزيت مفيد. " + FILLER
             + " وفي القرية يعصر الفلاحون الزيتون ويبيعون الزيت الجديد في الموسم"},
    {"id": "masjid",
     "text": "صلى في البيت ثم جلس في الظل. " + FILLER
             + " وكانت صلاة الجماعة في المسجد أفضل من صلاته في بيته"},
]


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    index = Index.create(tmp_path_factory.mktemp("snip") / "ix")
    index.add_documents(DOCS)
    yield index
    index.close()


def _hit(ix, query, doc_id):
    return next(h for h in ix.search(query, limit=10) if h.id == doc_id)


def test_a_phrase_is_marked_where_it_occurs_whole_and_nowhere_else(ix):
    """«خالد بن الوليد»: the snippet shows the phrase, marked, and no
    بن of the chain of narrators (عبد الله بن يوسف)."""
    snippet = _hit(ix, "«خالد بن الوليد»", "khalid").highlight(size=120)
    assert "<b>خالد</b> <b>بن</b> <b>الوليد</b>" in snippet
    assert snippet.count("<b>") == 3


def test_a_phrase_snippet_shows_the_phrase_not_its_last_word_elsewhere(ix):
    """«زكاة الفطر»: عيد الفطر twice at the start is not the phrase."""
    snippet = _hit(ix, "«زكاة الفطر»", "fitr").highlight(size=120)
    assert "<b>زكاة</b> <b>الفطر</b>" in snippet
    assert "عيد <b>الفطر</b>" not in snippet and snippet.count("<b>") == 2


def test_the_window_holds_the_most_different_query_words(ix):
    """زيت زيتون: four marks of الزيت at the start lose to the place where
    الزيتون and الزيت stand together."""
    snippet = _hit(ix, "الزيتون الزيت", "words").highlight(size=120)
    assert "<b>الزيتون</b>" in snippet and "<b>الزيت</b>" in snippet


def test_the_stop_words_of_a_plain_query_are_marked_only_where_the_query_stands_whole(ix):
    """صلاة الجماعة في المسجد: في is marked in «صلاة الجماعة في المسجد» and
    not in «في البيت» nor «في بيته»."""
    hit = _hit(ix, "صلاة الجماعة في المسجد", "masjid")
    snippet = hit.highlight(size=400)
    assert "<b>صلاة</b> <b>الجماعة</b> <b>في</b> <b>المسجد</b>" in snippet
    assert "<b>في</b> البيت" not in snippet and "<b>في</b> بيته" not in snippet
    marked = [hit["text"][s:e] for s, e in hit.spans()]
    assert marked.count("في") == 1
