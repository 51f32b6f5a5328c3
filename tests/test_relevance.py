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


def test_a_run_of_words_with_stop_words_finds_its_document_first(tmp_path):
    """A fragment pasted from a text (stop words and all) is a phrase: the
    bonus is read over every word, so the document holding the run beats
    one that repeats its content words (a hadith fragment, issue 12)."""
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents([
            {"id": "run", "text": "قال إن العلم في الصدر لا في الكتب والدفاتر."},
            {"id": "repeats", "text": "العلم العلم الصدر الصدر الكتب الكتب العلم الكتب."},
        ])
        assert [h.id for h in ix.search("العلم في الصدر لا في الكتب")] == ["run", "repeats"]
        assert [h.id for h in ix.search("صلى الله عليه وسلم")] == []


FATIHA_AND_NEWS = [
    {"id": "quran-1-1", "text": "بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ", "collection": "quran"},
    {"id": "quran-1-2", "text": "ٱلْحَمْدُ لِلَّهِ رَبِّ ٱلْعَٰلَمِينَ", "collection": "quran"},
    {"id": "quran-1-3", "text": "ٱلرَّحْمَٰنِ ٱلرَّحِيمِ", "collection": "quran"},
    {"id": "sport-1", "title": "حمد الحمد يقود فريقه إلى الفوز",
     "text": "سجل اللاعب حمد الحمد هدفين، وقال الحمد بعد المباراة: الحمد لله على الفوز، "
             "وشكرا للجماهير في العالم العربي، فالحمد لهم أيضا، ورب ضارة نافعة.",
     "collection": "news"},
    {"id": "news-rahman", "title": "الوزير يستقبل الوفد الزائر",
     "text": "استقبل الوزير عبد الرحمن الوفد الزائر في مكتبه بالعاصمة، وقال عبد الرحمن إن "
             "الزيارة ناجحة وإن الجانبين بحثا التعاون في التعليم والصحة والطاقة.",
     "collection": "news"},
]


@pytest.mark.parametrize("query", ["الحمد لله رب العالمين", "ٱلْحَمْدُ لِلَّهِ رَبِّ ٱلْعَٰلَمِينَ",
                                   "الْحَمْدُ لِلَّهِ رَبِّ الْعَالَمِينَ"])
def test_a_whole_verse_finds_its_verse_first(tmp_path, query):
    """Bare, Uthmani or imla'i vowelled, the verse 1:2 ranks above a sports
    story about a player called «حمد الحمد» (issue 12)."""
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents(FATIHA_AND_NEWS)
        assert ix.search(query)[0].id == "quran-1-2"


def test_an_uthmani_word_finds_the_short_verses_before_the_news(tmp_path):
    """«ٱلرَّحْمَٰنِ» ranked verses 1:3 and 1:1 under news about «عبد الرحمن»."""
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents(FATIHA_AND_NEWS)
        assert {h.id for h in ix.search("ٱلرَّحْمَٰنِ", limit=2)} == {"quran-1-1", "quran-1-3"}
        assert ix.search("ٱلرَّحْمَٰنِ ٱلرَّحِيمِ")[0].id == "quran-1-3"


@pytest.mark.parametrize("bare, prefixed", [("قلم", "بقلم"), ("جبال", "وجبال"), ("كتاب", "بكتاب")])
def test_a_small_index_reaches_prefixed_forms_through_the_lexicon(tmp_path, bare, prefixed):
    """On a few documents the index cannot tell that قلم is a word: the
    shipped lexicon does, so قلم finds بقلم (issue 12, small collections)."""
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents([{"id": "one", "text": f"كتب الشاعر قصيدته {prefixed} وسافر."},
                          {"id": "two", "text": "سافر الشاعر إلى لندن."}])
        assert [h.id for h in ix.search(bare)] == ["one"]


def test_the_lexicon_does_not_make_names_out_of_fragments(tmp_path):
    """ليد is no word: it does not reach وليد, however small the index."""
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents([{"id": "walid", "text": "سافر وليد إلى لندن وبريطانيا."}])
        assert ix.search("ليد").total == 0 and ix.search("ندن").total == 0


# -- proximity ----------------------------------------------------------------------
FAR = "في ذلك اليوم كانت الأجواء هادئة في المدينة كلها"  # ten words between


def _proximity_index(tmp_path, docs):
    """``docs`` among others that name none of the query words (so that the
    words have the idf they would have in a real collection)."""
    index = Index.create(tmp_path / "ix")
    index.add_documents(docs + [{"id": f"other-{i}", "text": text} for i, text in enumerate(
        ["ارتفعت أسعار النفط في الأسواق", "فاز الفريق بالمباراة النهائية",
         "هطلت الأمطار على المناطق الشمالية", "افتتح المعرض الدولي للكتاب",
         "تراجع سعر صرف العملة", "بدأ العام الدراسي الجديد"])])
    return index


def test_words_close_together_outrank_the_same_words_far_apart(tmp_path):
    """«موسكو الرئيس» (not the documents' word order, so no phrase bonus):
    the report where the president arrives in Moscow ranks above the one
    that names both ten words apart.  The far one is indexed first, so
    without the proximity bonus the tie would rank it first."""
    docs = [{"id": "far", "text": f"وصل الرئيس {FAR} إلى موسكو"},
            {"id": "near", "text": f"وصل الرئيس إلى موسكو {FAR}"}]
    with _proximity_index(tmp_path, docs) as index:
        assert ids(index.search("موسكو الرئيس")) == ["near", "far"]
        assert "proximity bonus" in index.explain("موسكو الرئيس")


def test_proximity_reads_prefixed_and_suffixed_forms(tmp_path):
    """The words of a question stand in the text with particles and
    endings: «متى زار الرئيس العاصمة» is near in «والرئيسُ زار عاصمتها»,
    which ranks above the same forms far apart (indexed first: the tie
    without the bonus would rank it first)."""
    docs = [{"id": "far", "text": f"والرئيسُ {FAR} زار عاصمتها"},
            {"id": "near", "text": f"والرئيسُ زار عاصمتها {FAR}"}]
    with _proximity_index(tmp_path, docs) as index:
        assert ids(index.search("متى زار الرئيس العاصمة"))[0] == "near"


def test_one_word_query_has_no_proximity_bonus(tmp_path):
    """A single word (with stop words) has no pair: the plan says none."""
    with _proximity_index(tmp_path, [{"id": "a", "text": "زار الرئيس موسكو"}]) as index:
        assert "proximity" not in index.explain("متى زار")


def test_a_vowelled_hadith_scores_like_its_bare_text(tmp_path):
    """«لا يؤمن أحدكم حتى يحب لأخيه ما يحب لنفسه» (al-Bukhari 13) pasted with
    its harakat writes يحب twice differently (يُحِبَّ, يُحِبُّ): still one
    word, so the vowelled query scores the hadith exactly as the bare one."""
    hadith = {"id": "bukhari-13",
              "text": "لاَ يُؤْمِنُ أَحَدُكُمْ حَتَّى يُحِبَّ لأَخِيهِ مَا يُحِبُّ لِنَفْسِهِ"}
    with _proximity_index(tmp_path, [hadith]) as index:
        bare = index.search("لا يؤمن أحدكم حتى يحب لأخيه ما يحب لنفسه")[0]
        vowelled = index.search("لاَ يُؤْمِنُ أَحَدُكُمْ حَتَّى يُحِبَّ لأَخِيهِ مَا يُحِبُّ لِنَفْسِهِ")[0]
        assert bare.id == vowelled.id == "bukhari-13"
        assert vowelled.score == pytest.approx(bare.score)
