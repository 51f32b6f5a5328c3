"""Search behaviour, each case with real Arabic."""

from __future__ import annotations

import re

import pytest

from seedsearch import Index, QueryError


def ids(results):
    return [h.id for h in results]


def test_article_query_finds_conjunction_and_vowelled_forms(small_index):
    assert "news-1" in ids(small_index.search("الرئيس السوري"))  # والرئيسُ السوريُّ


def test_prefixed_query_finds_the_plain_word(small_index):
    assert ids(small_index.search("بالرئيس"))[0] == "news-1"


def test_vowelled_query_matches_bare_text(small_index):
    assert ids(small_index.search("الْقَوَاعِدِ الْعَسْكَرِيَّةِ"))[0] == "news-2"


def test_bare_query_matches_vowelled_text_and_highlights_the_original(small_index):
    hit = small_index.search("الأعمال بالنيات")[0]
    assert hit.id == "hadith-1"
    snippet = hit.highlight("text")
    assert "<b>الأَعْمَالُ</b>" in snippet and "<b>بِالنِّيَّاتِ</b>" in snippet


def test_persian_keyboard_query_finds_arabic_text(small_index):
    assert "pen-1" in ids(small_index.search("قصیدته"))  # Persian yeh


def test_hamza_seat_spellings_find_each_other(small_index):
    for query in ("مسئولية", "المسؤولية", "القايد", "روية"):
        assert "news-4" in ids(small_index.search(query)), query


def test_exact_word_ranks_above_a_stem_only_match(small_index):
    """القواعد: news-2 has the very word, news-3 only قاعدة (a different stem)."""
    results = ids(small_index.search("القواعد"))
    assert results[0] == "news-2"


def test_known_word_finds_its_prefixed_forms_but_names_stay_whole(small_index):
    """قلم is a word of the index (القلم), so it finds بقلم; ليد is not, so
    it does not find وليد."""
    hits = {h.id: h for h in small_index.search("قلم")}
    assert {"pen-1", "pen-2"} <= set(hits)
    assert "<b>بقلم</b>" in hits["pen-1"].highlight()
    assert ids(small_index.search("وليد")) == ["name-1"]
    assert small_index.search("ليد").total == 0


def test_prefixed_query_word_finds_the_bare_word(small_index):
    assert "pen-2" in ids(small_index.search("بالقلم"))
    assert "pen-2" in ids(small_index.search("وقلم"))


def test_a_plural_with_a_pronoun_finds_the_plural_and_the_singular(empty_index):
    """«حكوماتهم» (their governments) finds الحكومات, حكومة and وحكوماتهم,
    and «الحكومات» finds وحكوماتهم; «بحياته» (ب + حياة + ه), whose ات is
    a singular's, is still found from «حياته»."""
    empty_index.add_documents([
        {"id": "plural", "text": "اجتمعت الحكومات العربية في القاهرة"},
        {"id": "singular", "text": "أعلنت حكومة لبنان خطتها"},
        {"id": "pronoun", "text": "طالب المتظاهرون وحكوماتهم بالإصلاح"},
        {"id": "life", "text": "عاش الشاعر بحياته كلها في دمشق"},
    ])
    assert set(ids(empty_index.search("حكوماتهم"))) == {"plural", "singular", "pronoun"}
    assert "pronoun" in ids(empty_index.search("الحكومات"))
    assert ids(empty_index.search("حياته")) == ["life"]


def test_a_plural_kept_whole_reaches_its_prefixed_forms_with_a_pronoun(empty_index):
    """آيات and قوات keep their ات (two letters would be left) but بآيات,
    بآياتنا, وقواتنا, five letters and more, lose it (باي, وقو): «آيات»
    and «آياتنا» found بِآيَاتِنَا (in 57 verses of the Qur'an) neither by
    stem nor by form, nor «قوات» وقواتنا.  The prefixed forms are now asked
    for as the stemmer files them, the word forms with a pronoun, so بأيكم
    and كائنا, whose stems are باي and كاي too, stay out; and two such
    forms in a document are two occurrences, as two of one form are."""
    empty_index.add_documents([
        {"id": "signs", "text": "تِلْكَ آيَاتُ الْكِتَابِ الْمُبِينِ"},
        {"id": "our-signs", "text": "الَّذِينَ كَذَّبُوا بِآيَاتِنَا وَاسْتَكْبَرُوا عَنْهَا"},
        {"id": "and-his-signs", "text": "وَمِنْ آيَاتِهِ اللَّيْلُ وَالنَّهَارُ وَالشَّمْسُ وَالْقَمَرُ"},
        {"id": "two-forms", "text": "كذبوا بآياتنا وكفروا بآياته وجحدوا"},
        {"id": "one-form-twice", "text": "كذبوا بآياتنا وكفروا بآياتنا وجحدوا"},
        {"id": "which-of-you", "text": "فَسَتُبْصِرُ وَيُبْصِرُونَ بِأَيِّكُمُ الْمَفْتُونُ"},
        {"id": "whoever", "text": "يقال الحق كائنا من كان قائله"},
        {"id": "our-forces", "text": "تقدمت وقواتنا نحو الحدود"},
        {"id": "the-forces", "text": "انسحبت القوات من المدينة"},
    ])
    signs = {"signs", "our-signs", "and-his-signs", "two-forms", "one-form-twice"}
    for query in ("آيات", "آياتنا", "الآيات"):
        assert set(ids(empty_index.search(query))) == signs, query
    scores = {h.id: h.score for h in empty_index.search("آيات")}
    assert scores["two-forms"] == pytest.approx(scores["one-form-twice"])
    assert set(ids(empty_index.search("قوات"))) == {"our-forces", "the-forces"}


def test_a_verse_quoted_in_a_sentence_ranks_first_as_it_does_unquoted(empty_index):
    """Commentary that quotes a verse: «"إلا حميما وغساقا"، قال ابن عباس: الغساق:
    الزمهرير» found the verse (78:25) first without the quotation marks and
    below the hadith holding «قال ابن عباس» with them, since a quoted phrase
    was one term whose words no longer counted.  In a longer query its words
    now count too (Metzler and Croft's sequential dependence: the ordered
    window adds to its words); quoted alone, it is still only the phrase,
    so 70:10, which holds حميما but not the phrase, stays out."""
    empty_index.add_documents([
        {"id": "78:25", "text": "إِلَّا حَمِيمًا وَغَسَّاقًا", "collection": "quran"},
        {"id": "70:10", "text": "وَلَا يَسْأَلُ حَمِيمٌ حَمِيمًا", "collection": "quran"},
        *({"id": f"hadith-{n}", "text": f"حدثنا {name} قال قال ابن عباس رضي الله عنهما {rest}"}
          for n, (name, rest) in enumerate([
              ("سفيان", "الغساق ما يسيل من أهل النار"),
              ("شعبة", "الزمهرير البرد الشديد"),
              ("وكيع", "قال ابن عباس في قوله تعالى ما قال"),
              ("معمر", "كان النبي يصلي من الليل")]))])
    sentence = "إلا حميما وغساقا، قال ابن عباس: الغساق: الزمهرير"
    quoted = '"إلا حميما وغساقا"، قال ابن عباس: الغساق: الزمهرير'
    assert ids(empty_index.search(sentence))[0] == "78:25"
    assert ids(empty_index.search(quoted))[0] == "78:25"
    assert ids(empty_index.search('"إلا حميما وغساقا"')) == ["78:25"]
    # Beside a filter or an excluded word the phrase is still what must match.
    assert ids(empty_index.search('"إلا حميما وغساقا" -الزمهرير')) == ["78:25"]
    assert ids(empty_index.search('"حميما وغساقا" collection:quran')) == ["78:25"]


def test_a_minus_before_a_field_excludes_what_it_names(empty_index):
    """-collection:news keeps the news out, and -"…" the documents with the
    phrase (both were once read as plain words or an optional phrase)."""
    empty_index.add_documents([
        {"id": "news", "text": "قالت موسكو إن الجيش السوري تقدم", "collection": "news"},
        {"id": "book", "text": "ذكر موسكو في كتاب الرحلات", "collection": "books"},
        {"id": "news-2", "text": "زار وفد من موسكو دمشق", "collection": "news"}], procs=1)
    assert ids(empty_index.search("-collection:news موسكو")) == ["book"]
    assert set(ids(empty_index.search('موسكو -"الجيش السوري"'))) == {"book", "news-2"}


def test_plain_query_never_empties_because_one_word_is_missing(small_index):
    results = small_index.search("الرئيس السوري كلمةغيرموجودة")
    assert ids(results)[0] == "news-1"


def test_more_matching_words_rank_higher(small_index):
    results = ids(small_index.search("العسكرية الروسية سوريا"))
    assert results[0] == "news-2"


def test_guillemet_phrase_requires_adjacent_words(small_index):
    assert ids(small_index.search("«القواعد العسكرية»")) == ["news-2"]
    assert small_index.search("«العسكرية القواعد»").total == 0


@pytest.mark.parametrize("quotes", ['"{}"', "“{}”", "„{}“", "«{}»"])
def test_every_quote_style_makes_a_phrase(small_index, quotes):
    assert ids(small_index.search(quotes.format("مصير القواعد"))) == ["news-2"]


def test_phrase_of_stop_words_finds_its_document(small_index):
    assert ids(small_index.search("«لا إله إلا الله»")) == ["hadith-2"]


def test_query_of_only_stop_words_searches_the_exact_field(small_index):
    assert "hadith-1" in ids(small_index.search("إنما"))


def test_must_and_must_not(small_index):
    assert set(ids(small_index.search("+موسكو"))) == {"news-1"}
    results = ids(small_index.search("جديد -فيلم"))
    assert "news-3" in results and "name-1" not in results


def test_arabic_operators_between_terms(small_index):
    assert ids(small_index.search("موسكو و بوتين")) == ["news-1"]
    assert set(ids(small_index.search("موسكو أو لندن"))) == {"news-1", "name-1"}
    assert set(ids(small_index.search("جديد ليس فيلم"))) == {"news-3"}


def test_waw_in_a_question_does_not_require_both_words(small_index):
    """«من التقى بوتين و لافروف» is a question (من is a stop word): و is the
    sentence's "and", so the news item that names only بوتين is still found."""
    assert ids(small_index.search("من التقى بوتين و لافروف"))[0] == "news-1"
    assert small_index.search("بوتين و لافروف").total == 0  # terms only: و is AND


def test_latin_operators_and_parentheses(small_index):
    assert set(ids(small_index.search("(موسكو OR لندن) AND سافر"))) == {"name-1"}
    assert "news-1" not in ids(small_index.search("الرئيس NOT موسكو"))


def test_field_query_searches_only_that_field(small_index):
    assert ids(small_index.search("title:الكتابة")) == ["pen-1"]
    assert small_index.search("title:رصاص").total == 0


def test_field_filter_in_the_query_narrows_without_making_words_optional(small_index):
    results = small_index.search("جديد collection:news")
    assert set(ids(results)) == {"news-3", "name-1"}
    assert small_index.search("صحيح collection:bukhari").total == 1


def test_filters_argument_matches_the_query_syntax(small_index):
    assert set(ids(small_index.search("جديد", filters={"category": "culture"}))) == {"name-1"}
    both = small_index.search("جديد", filters={"category": ["culture", "politics"]})
    assert set(ids(both)) == {"name-1", "news-3"}


def test_date_ranges_in_query_and_filters(small_index):
    assert set(ids(small_index.search("date:[2025-01-01 TO 2026-12-31]"))) == {"news-1", "news-2"}
    assert set(ids(small_index.search("date:>2024"))) == {"news-1", "news-2"}
    assert set(ids(small_index.search("date:2024"))) == {"news-3"}
    assert set(ids(small_index.search("", filters={"date": "<=2022"}))) == {"name-1", "pen-1", "pen-2"}
    assert set(ids(small_index.search("", filters={"date": ("2023", "2024")}))) == {
        "news-3", "news-4"}


def test_unknown_filter_field_is_a_query_error(small_index):
    with pytest.raises(QueryError, match="cannot filter on 'author'"):
        small_index.search("موسكو", filters={"author": "x"})


@pytest.mark.parametrize("filters, message", [
    ({"collection": 5}, "filter 'collection' needs a string or a list of strings, not 5"),
    ({"category": []}, "filter 'category' needs a string or a list of strings"),
    ({"category": ["culture", 7]}, "filter 'category' needs a string"),
    ({"date": 2024}, "cannot read the date filter 2024"),
    ({"date": "yesterday"}, "cannot read the date filter 'yesterday'"),
    (["collection", "news"], "filters must be a dict"),
])
def test_a_bad_filter_is_a_query_error_naming_it(small_index, filters, message):
    """filters={'collection': 5} raised TypeError: 'int' object is not iterable."""
    with pytest.raises(QueryError, match=re.escape(message)):
        small_index.search("موسكو", filters=filters)
    with pytest.raises(QueryError, match=re.escape(message)):
        small_index.explain("موسكو", filters=filters)


def test_prefix_query_is_normalized_like_other_terms(small_index):
    assert "news-4" in ids(small_index.search("مسئول*"))  # hamza-variant prefix
    assert "news-2" in ids(small_index.search("الْعَسْكَرِي*"))  # vowelled prefix


def test_fuzzy_query_finds_a_misspelling(small_index):
    assert "news-1" in ids(small_index.search("موسكا~"))
    assert "news-1" in ids(small_index.search("فلاديمر~2"))


def test_exact_mode_does_not_stem(small_index):
    assert "news-2" not in ids(small_index.search("قاعدة", exact=True))
    assert "news-3" in ids(small_index.search("قاعدة", exact=True))


def test_suggestion_offers_the_indexed_spelling(small_index):
    results = small_index.search("موسكوو")
    assert results.total == 0 and results.suggestion == "موسكو"
    assert small_index.search("موسكو").suggestion is None


def test_total_and_facets_cover_all_matches_not_only_the_page(small_index):
    results = small_index.search("جديد OR القواعد OR الرئيس", limit=1)
    assert len(results) == 1 and results.total == 4
    assert results.facets["collection"] == {"news": 4}
    assert sum(results.facets["category"].values()) == 4


def test_pagination_walks_the_ranking(small_index):
    everything = ids(small_index.search("جديد OR القواعد OR الرئيس", limit=10))
    pages = [ids(small_index.search("جديد OR القواعد OR الرئيس", limit=2, page=p))
             for p in (1, 2, 3)]
    assert pages[0] + pages[1] + pages[2] == everything
    assert pages[2] == []
    assert [h.rank for h in small_index.search("جديد OR القواعد", limit=1, page=2)] == [2]


@pytest.mark.parametrize("limit, page", [(0, 1), (-3, 1), (10, 0), (10, -1), ("10", 1)])
def test_bad_limit_or_page_is_a_query_error(small_index, limit, page):
    with pytest.raises(QueryError):
        small_index.search("موسكو", limit=limit, page=page)


def test_huge_limit_and_page_are_harmless(small_index):
    assert small_index.search("موسكو", limit=10**9).total == 1
    assert list(small_index.search("موسكو", page=10**6)) == []


def test_hit_fields_and_item_access(small_index):
    hit = small_index.search("بوتين")[0]
    assert hit["title"] == hit.fields["title"] and hit.score > 0 and hit.rank == 1
    assert hit["date"] == "2026-01-28" and hit["collection"] == "news"


def test_snippet_wraps_whole_vowelled_words_with_custom_markers(small_index):
    hit = small_index.search("السوري")[0]
    snippet = hit.snippet("text", start="[", end="]")
    assert "[السوريُّ]" in snippet


def test_vowels_option_keeps_only_agreeing_harakat(tmp_path):
    with Index.create(tmp_path / "v", vowels=True) as ix:
        ix.add_documents([
            {"id": "knew", "text": "عَلِمَ الرَّجُلُ الْخَبَرَ"},
            {"id": "was-known", "text": "عُلِمَ الْخَبَرُ"},
            {"id": "knowledge", "text": "طَلَبُ الْعِلْمِ فَرِيضَةٌ"},
            {"id": "bare", "text": "علم الرجل الخبر"},
        ])
        assert set(ids(ix.search("عَلِمَ", vowels=True))) == {"knew", "bare"}
        assert set(ids(ix.search("عِلْمٌ", vowels=True))) == {"knowledge", "bare"}
        assert set(ids(ix.search("علم", vowels=True))) == {"knew", "was-known", "knowledge",
                                                           "bare"}
        assert set(ids(ix.search("عَلِمَ"))) == {"knew", "was-known", "knowledge", "bare"}


def test_vowels_on_an_index_without_vowel_data_warns(small_index, tmp_path):
    with Index.create(tmp_path / "plain", vowels=False) as ix:
        ix.add_documents([{"id": "a", "text": "عَلِمَ"}])
        results = ix.search("عُلِمَ", vowels=True)
        assert ids(results) == ["a"] and "vowels=False" in results.warnings[0]


def test_seed_article_is_found_by_its_people_and_places(seeds_index):
    for query in ("الرئيس السوري", "بوتين", "الكرملين", "«القواعد العسكرية الروسية»"):
        assert seeds_index.search(query)[0].id == "000_5a7173eee6ba29e5", query


def test_demo_phrase_is_highlighted_in_the_vowelled_hadith(seeds_index):
    hit = seeds_index.search("«صلاة الجماعة»")[0]
    assert hit.id.startswith(("bukhari:", "muslim:"))
    assert "<b>صَلاَةُ</b> <b>الْجَمَاعَةِ</b>" in hit.highlight("text")


def test_a_stray_quote_finds_what_the_word_finds(small_index):
    plain = small_index.search("الرئيس")
    for query in ('"الرئيس', 'الرئيس"', "«الرئيس"):
        results = small_index.search(query)
        assert [h.id for h in results] == [h.id for h in plain] and results.total == plain.total
        assert any("unclosed quote" in w for w in results.warnings)
