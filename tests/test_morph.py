"""A query word also finds its broken plural or singular and its other verb
form (seedsearch/morph.py, planned in seedsearch/plan.py), below the word
itself, and never conflates names or words of another meaning."""

from __future__ import annotations

import pytest

from seedsearch import Index
from seedsearch.text.morph import (
    BROKEN_PLURALS,
    broken_plural_candidates,
    imperfect_candidates,
    perfect_candidates,
)

#: Each word in one document only, with filler so no document is empty.
DOCS = [
    {"id": "qaida", "text": "وضعت اللجنة قاعدة جديدة للعمل."},
    {"id": "qawaid", "text": "ناقش المجلس القواعد العسكرية في الشمال."},
    {"id": "masjid", "text": "صلى الناس في المسجد الكبير."},
    {"id": "masajid", "text": "افتتحت الوزارة مساجد في القرى."},
    {"id": "qalam", "text": "كتب الشاعر قصيدته بالقلم الأحمر."},
    {"id": "aqlam", "text": "اشترى التلميذ أقلام الرصاص من السوق."},
    {"id": "wazir", "text": "استقبل الوزير الوفد الزائر في مكتبه."},
    {"id": "wuzara", "text": "اجتمع الوزراء في العاصمة صباحا."},
    {"id": "alim", "text": "شرح العالم المسألة لطلابه."},
    {"id": "ulama", "text": "اتفق العلماء على الرأي الأول."},
    {"id": "takhalla", "text": "تخلى الفريق عن الصدارة في الجولة الأخيرة."},
    {"id": "yatakhalla", "text": "لن يتخلى المدرب عن لاعبيه ولن تتخلى الإدارة عنه."},
    {"id": "istakhdam", "text": "استخدم الباحث طريقة حديثة."},
    {"id": "yastakhdim", "text": "يستخدم المزارعون الماء بحذر وتستخدم المصانع الكهرباء."},
    # Names and words that must not be conflated.
    {"id": "yemen", "text": "زار الوفد اليمن والتقى بالمسؤولين في يمن."},
    {"id": "iman", "text": "الإيمان بالله أصل الدين، والإيمان قول وعمل."},
    {"id": "man", "text": "سأل الرجل من جاء."},
    {"id": "yazid", "text": "حدثنا يزيد بن هارون عن شعبة."},
    {"id": "zayd", "text": "روى زيد بن ثابت الحديث."},
    {"id": "tazid", "text": "الأسعار تزيد كل عام."},
    {"id": "tunis", "text": "سافر الوفد إلى تونس في الصيف."},
    {"id": "wanas", "text": "شعر بالونس مع أصدقائه."},
    {"id": "nil", "text": "يجري نهر النيل في مصر."},
    {"id": "tahrir", "text": "تحرير الأسرى مطلب المتظاهرين."},
    {"id": "harir", "text": "لبست العروس ثوبا من الحرير."},
    {"id": "kutub", "text": "قرأ الطالب كتب التاريخ في المكتبة."},
    {"id": "yaktub", "text": "يكتب الطالب الدرس وتكتب أخته الواجب."},
]


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    index = Index.create(tmp_path_factory.mktemp("morph") / "ix")
    index.add_documents(DOCS)
    yield index
    index.close()


def ids(ix, query, **kw):
    return [h.id for h in ix.search(query, limit=50, **kw)]


# -- broken plurals ---------------------------------------------------------------

def test_broken_plural_query_finds_singular(ix):
    """قواعد (فواعل) finds the document that only says قاعدة, below the one
    with the word itself."""
    assert ids(ix, "قواعد") == ["qawaid", "qaida"]


def test_singular_query_finds_broken_plural(ix):
    """The reverse: قاعدة finds القواعد, below قاعدة."""
    assert ids(ix, "قاعدة") == ["qaida", "qawaid"]


@pytest.mark.parametrize("query, first, second", [
    ("مساجد", "masajid", "masjid"), ("المسجد", "masjid", "masajid"),     # مفاعل
    ("أقلام", "aqlam", "qalam"), ("قلم", "qalam", "aqlam"),              # أفعال
    ("وزراء", "wuzara", "wazir"), ("الوزير", "wazir", "wuzara"),         # فعلاء / فعيل
    ("علماء", "ulama", "alim"), ("عالم", "alim", "ulama"),               # فعلاء / فاعل
])
def test_plural_and_singular_find_each_other_word_itself_first(ix, query, first, second):
    assert ids(ix, query) == [first, second]


def test_a_rare_plural_does_not_outrank_a_common_singular(tmp_path):
    """The alternative's idf is capped at the word's: قواعد in one document
    (idf high) does not outrank قاعدة (in many, idf low) for «قاعدة»."""
    docs = [{"id": f"s{i}", "text": f"قاعدة رقم {i} في النظام الداخلي للجمعية"} for i in range(30)]
    docs += [{"id": f"f{i}", "text": f"خبر عادي رقم {i} عن الطقس"} for i in range(30)]
    docs.append({"id": "rare", "text": "القواعد"})
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents(docs)
        found = ids(ix, "قاعدة")
        assert found[-1] == "rare" and len(found) == 31


def test_a_pattern_whose_singular_the_index_lacks_adds_nothing(tmp_path):
    """مساجد has the shape of مفاعل, but an index without مسجد gets no
    extra term (and شوارع without شارع likewise)."""
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents([{"id": "a", "text": "مساجد المدينة وشوارعها"}])
        plan = ix.explain("مساجد شوارع")
        assert "plural" not in plan


def test_explain_shows_the_plural_and_its_weight(ix):
    plan = ix.explain("قواعد")
    assert "plural in text ×0.25: text:قاعد + text_exact:قاعد" in plan
    assert "plural in title" in plan


def test_excluded_word_does_not_exclude_its_plural(ix):
    """-قواعد removes the documents with قواعد, not those with قاعدة: an
    alternative is a guess, searched only for positive words."""
    assert "qaida" in ids(ix, "+وضعت -قواعد")
    assert "plural" not in ix.explain("-قواعد").split("must not", 1)[-1]


def test_exact_search_adds_no_alternatives(ix):
    assert ids(ix, "القواعد", exact=True) == ["qawaid"]
    assert "plural" not in ix.explain("القواعد", exact=True)


@pytest.mark.parametrize("stem, feminine, absent", [
    ("نسب", True, "انساب"),    # نسبة is feminine: not فعل -> أفعال (أنساب)
    ("كبير", False, "كباءر"),  # كبير is masculine: not فعيلة -> فعائل (كبائر)
    ("كبير", False, "كباير"),  # nor a فعلل with "plural" كباير
    ("اسلح", False, "سلاح"),   # أسلح without ة is an elative, not أسلحة
    ("اقلام", False, "اقاليم"),  # أقلام is not فعلال (أقاليم is إقليم's plural)
    ("يكتب", False, "يكاتب"),  # a stem in ي is a verb, not فعلل
    ("دفاع", False, "ادفع"),   # أفعلة is read towards the singular only
])
def test_patterns_do_not_offer_what_the_grammar_rules_out(stem, feminine, absent):
    assert absent not in broken_plural_candidates(stem, feminine)


def test_every_documented_example_is_generated_both_ways():
    """The examples written beside each template are true of it: the plural
    gives the singular's stem, and the singular the plural's (but أفعلة,
    read one way only, see BROKEN_PLURALS).  As the planner does, the
    plural is also read unstemmed (قوانين, which stems to قوان) and a
    candidate is looked up by its stem."""
    from seedsearch.text.normalize import hamza_variants, normalize
    from seedsearch.text.stem import stem
    from seedsearch.text.terms import ranked_terms

    def found(word_stem, surface, fem):
        return {ranked_terms(c)[0] for w in (word_stem, surface)
                for c in broken_plural_candidates(w, fem)}

    for _, _, examples in BROKEN_PLURALS:
        for pair in examples.split(", "):
            singular, plural = pair.split(" → ")
            s, p = ranked_terms(singular)[0], ranked_terms(plural)[0]
            assert s in found(p, hamza_variants(normalize(plural))[0], plural.endswith("ة")), pair
            if not plural.endswith("ة"):
                assert p in found(s, s, singular.endswith("ة")), pair
    assert stem("قوانين") == "قوان"  # why the unstemmed reading is needed


# -- verb forms -------------------------------------------------------------------

def test_imperfect_verb_finds_its_perfect(ix):
    """يتخلى (form V) finds تخلى; يستخدم (form X) finds استخدم."""
    assert ids(ix, "يتخلى") == ["yatakhalla", "takhalla"]
    assert ids(ix, "يستخدم") == ["yastakhdim", "istakhdam"]


def test_perfect_verb_finds_its_imperfect(ix):
    assert ids(ix, "تخلى") == ["takhalla", "yatakhalla"]
    assert ids(ix, "استخدم") == ["istakhdam", "yastakhdim"]
    assert "verb in text ×0.25" in ix.explain("تخلى")


@pytest.mark.parametrize("query, only", [
    ("يمن", {"yemen"}),       # not من (2 letters left), not إيمان (أفعال of يمن)
    ("تونس", {"tunis"}),      # not ونس
    ("النيل", {"nil"}),       # not يل
    ("يزيد", {"yazid"}),      # a name on the pattern of a verb: not زيد (nor تزيد)
    ("تحرير", {"tahrir"}),    # a verbal noun: no يحرير, so not حرير
    ("يكتب", {"yaktub"}),     # form I left out: كتب is also "books"
])
def test_names_and_unrelated_words_are_not_conflated(ix, query, only):
    assert set(ids(ix, query)) == only
    plan = ix.explain(query)
    assert "verb in" not in plan and "plural in" not in plan


@pytest.mark.parametrize("stem, word", [
    ("يمني", "يمنية"),   # a ة: a noun (Yemeni), not the verb يمني -> مني
    ("يمني", "اليمني"),  # the article: a noun
    ("يعقوب", "يعقوب"),  # a name: not عقوب (the stem of عقوبة)
    ("احمد", "أحمد"),    # a name: not يحمد
])
def test_verb_reading_needs_a_bare_word_that_is_not_a_name(stem, word):
    from seedsearch.text.normalize import prenormalize

    assert imperfect_candidates(stem, prenormalize(word)) == ()
    assert perfect_candidates(stem, prenormalize(word)) == ()


def test_an_elative_is_not_read_as_a_perfect():
    """أفضل, أكبر (4 letters in أ) are elatives; form VII-X perfects have 5."""
    assert perfect_candidates("افضل") == perfect_candidates("اكبر") == ()
    assert perfect_candidates("انسحب") == ("ينسحب", "تنسحب", "ننسحب")


def test_vowel_aware_search_adds_no_alternatives(tmp_path):
    """vowels=True with harakat asks for one reading of the word: its plural
    or other verb form is not that reading."""
    with Index.create(tmp_path / "ix", vowels=True) as ix:
        ix.add_documents(DOCS[:2])
        assert "plural" not in ix.explain("قَوَاعِدُ", vowels=True)
        assert "plural" in ix.explain("قَوَاعِدُ")


def test_a_misspelt_word_still_gets_did_you_mean(tmp_path):
    """الجماعت (for الجماعة) has the shape of فعالل, and جمعت is a word; the
    plural term must not hide that the word as typed is unknown."""
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents([{"id": "a", "text": "صلاة الجماعة أفضل، والجماعة رحمة."},
                          {"id": "b", "text": "جمعت الأم أولادها."}])
        assert "plural in" in ix.explain("الجماعت")
        assert ix.search("الجماعت").suggestion == "الجماعة"


def test_nisba_adjective_is_not_read_as_the_singular_of_a_broken_plural(tmp_path):
    """السوري (Syrian) has the shape of a فوعل singular and الروسي of one too:
    read that way, they reached السواري (pillars) and الرؤاسي (a name) in
    the hadith demo.  A masculine word in ي gets no broken plural; a
    feminine one in ية still does (ناحية → نواحي)."""
    index = Index.create(tmp_path / "ix")
    index.add_documents([
        {"id": "syria", "text": "التقى الرئيس السوري بالوفد."},
        {"id": "pillars", "text": "صلى بين السواري في المسجد."},
        {"id": "ruasi", "text": "حدثنا الرؤاسي عن أبيه."},
        {"id": "aspect", "text": "درس الباحث نواحي المسألة."},
        {"id": "side", "text": "من ناحية أخرى تغير الموقف."},
    ])
    assert [h.id for h in index.search("السوري")] == ["syria"]
    assert [h.id for h in index.search("الروسي")] == []
    assert "plural" not in index.explain("السوري")
    assert {h.id for h in index.search("ناحية")} == {"side", "aspect"}
    index.close()
