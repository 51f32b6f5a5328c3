"""Tokenizer and analyzers: offsets into vowelled text, variants, stop words."""

from __future__ import annotations

import pickle
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.analysis import StandardAnalyzer

from seedsearch import ArabicAnalyzer, ArabicExactAnalyzer, analyze
from seedsearch.analysis import ArabicTokenizer


def test_vowelled_word_is_one_token_unlike_stock_whoosh():
    assert len([t.text for t in StandardAnalyzer()("الْقَوَاعِدِ")]) != 1
    assert [t.text for t in ArabicTokenizer()("الْقَوَاعِدِ")] == ["الْقَوَاعِدِ"]


def test_token_offsets_point_at_the_original_vowelled_characters():
    text = "قَالَ رَسُولُ اللَّهِ، «الصَّلاَةُ»"
    tokens = [(t.text, t.startchar, t.endchar) for t in ArabicExactAnalyzer()(text, chars=True)]
    for term, start, end in tokens:
        assert text[start:end].strip() and term
    assert [text[s:e] for _, s, e in tokens] == ["قَالَ", "رَسُولُ", "اللَّهِ", "الصَّلاَةُ"]


def test_tokenizer_splits_on_arabic_punctuation_and_keeps_digits():
    text = "قال: نعم، ولكن؟ لا؛ «بل» ۔ 2026 ٣٤"
    assert [t.text for t in ArabicTokenizer()(text)] == [
        "قال", "نعم", "ولكن", "لا", "بل", "2026", "٣٤"]


def test_zero_width_joiner_and_tatweel_stay_inside_a_word():
    assert [t.text for t in ArabicTokenizer()("بو\u200cتين الرئيـــس")] == [
        "بو\u200cتين", "الرئيـــس"]


def test_ranked_analyzer_removes_stop_words_and_stems():
    terms = [t.text for t in ArabicAnalyzer()("والرئيسُ السوريُّ في موسكو")]
    assert terms == ["رءيس", "رييس", "سوري", "موسكو"]


def test_analyze_says_what_each_index_field_stores():
    """موسكو is its own stem: the exact field alone holds it, and the ranked
    field holds only stems that differ from their word (issue 10)."""
    assert analyze("والرئيسُ السوريُّ في موسكو") == {
        "text": ["رءيس", "رييس", "سوري"],
        "text_exact": ["والرءيس", "والرييس", "السوري", "في", "موسكو"],
    }
    assert analyze("موسكو", field="title") == {"title": [], "title_exact": ["موسكو"]}


def test_exact_analyzer_keeps_stop_words_and_word_forms():
    terms = [t.text for t in ArabicExactAnalyzer()("لا إله إلا الله")]
    assert terms == ["لا", "اله", "الا", "الله"]


def test_one_letter_prefix_is_kept_by_the_analyzer_in_both_modes():
    """وليد must not become ليد; the query side decides about بقلم (test_search)."""
    for mode in ("index", "query"):
        assert [t.text for t in ArabicAnalyzer()("وليد بقلم", mode=mode)] == ["وليد", "بقلم"]


def test_hamza_variants_share_the_position_of_their_word():
    tokens = [(t.text, t.pos) for t in ArabicExactAnalyzer()("المسؤولية كبيرة", positions=True)]
    assert tokens[0][1] == tokens[1][1] == 0
    assert {tokens[0][0], tokens[1][0]} == {"المسءوليه", "المسووليه"}


def test_analyzers_survive_pickling_with_their_class_names():
    """Whoosh pickles the schema into the index: the classes must round-trip."""
    for analyzer in (ArabicAnalyzer(), ArabicExactAnalyzer()):
        clone = pickle.loads(pickle.dumps(analyzer))
        assert [t.text for t in clone("الْقَوَاعِدِ")] == [t.text for t in analyzer("الْقَوَاعِدِ")]


def test_stop_words_are_kept_and_marked_when_asked():
    tokens = [(t.text, t.stopped) for t in ArabicAnalyzer()("في موسكو", removestops=False)]
    assert tokens[0][1] is True and tokens[1] == ("موسكو", False)


def test_persian_keyboard_query_matches_arabic_terms():
    assert analyze("کتاب یوم") == analyze("كتاب يوم")


def test_a_vowelled_indefinite_accusative_is_stemmed_without_its_alef():
    """خَيْرًا, كِتَابًا, حَقًّا (the tanwin on the letter before the alef) and
    شكراً, جداً (the tanwin on the alef) are the words خير, كتاب, حق, شكر, جد
    with the alef that carries the accusative's tanwin (Wright I § 8): the
    stem drops it, the exact field keeps the form as written.  Without the
    mark the alef may be the word's own (بريطانيا, دنيا) and stays."""
    assert analyze("خَيْرًا كِتَابًا حَقًّا شكراً جداً") == {
        "text": ["خير", "كتاب", "حق", "شكر", "جد"],
        "text_exact": ["خيرا", "كتابا", "حقا", "شكرا", "جدا"],
    }
    assert analyze("بريطانيا خيرا") == {"text": [], "text_exact": ["بريطانيا", "خيرا"]}


def test_a_bare_word_finds_its_vowelled_indefinite_accusative(tmp_path):
    """«ثوم» and «الجيش» find «مَنْ أَكَلَ ثُومًا» and «بَعَثَ جَيْشًا», which
    kept the alef of their tanwin in the stem before (and so met nothing)."""
    from seedsearch import Index

    docs = [{"id": "garlic", "text": "مَنْ أَكَلَ ثُومًا أَوْ بَصَلاً فَلْيَعْتَزِلْنَا"},
            {"id": "army", "text": "أَنَّ رَسُولَ اللَّهِ بَعَثَ جَيْشًا"},
            {"id": "other", "text": "قَالَ خَيْرًا أَوْ لِيَصْمُتْ"}]
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents(docs)
        assert [h.id for h in ix.search("الثوم")] == ["garlic"]
        assert [h.id for h in ix.search("الجيش")] == ["army"]
        assert [h.id for h in ix.search("البصل")] == ["garlic"]


RLM = "\u200f"


def test_bidi_marks_beside_a_quote_take_no_position():
    """sunnah.com's hadith wrap every quote in right-to-left marks
    (قَالَ ‏"‏ كُلُّ): a mark alone between two spaces is no word, so the
    words on both sides stay neighbours (كل, a stop word, keeps its place)."""
    text = f'قَالَ {RLM}"{RLM} كُلُّ خُطْبَةٍ'
    exact = [(t.text, t.pos) for t in ArabicExactAnalyzer()(text, positions=True)]
    assert exact == [("قال", 0), ("كل", 1), ("خطبه", 2)]
    assert [(t.text, t.pos) for t in ArabicAnalyzer()(text, positions=True)] == [
        ("قال", 0), ("خطب", 2)]


def test_a_tatweel_used_as_a_dash_takes_no_position():
    """al-Bukhari's text sets «رضى الله عنه» between two lone tatweels, as
    dashes: they are no words (a tatweel inside a word stays: الرئيـــس)."""
    text = "عُجْرَةَ ـ رضى الله عنه ـ عَنْ"
    assert [t.pos for t in ArabicExactAnalyzer()(text, positions=True)] == [0, 1, 2, 3, 4]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["قال", "رسول", "الله", "كل", "خطبة", "عنه"]), min_size=1,
                max_size=8),
       st.lists(st.text(alphabet=[RLM, "\u200e", "\u0640", "\u064e", "\u200d"], min_size=1,
                        max_size=3), min_size=1, max_size=8))
def test_a_run_of_marks_between_words_changes_no_position(words, marks):
    """Whatever marks stand alone between the words, every word keeps the
    position it has in the text without them."""
    plain = " ".join(words)
    marked = " ".join(w + " " + marks[i % len(marks)] for i, w in enumerate(words))

    def positions(text):
        return [(t.text, t.pos) for t in ArabicExactAnalyzer()(text, positions=True)]

    assert positions(marked) == positions(plain)


def test_a_pasted_fragment_across_a_quote_finds_its_hadith_first(tmp_path):
    """The fragment «عليه وسلم قال "كل خطبة» as pasted from the source (with
    its marks) and as typed (without) finds the hadith that holds it in order
    before one that only shares its words; the phrase is marked across the
    quote.  Before analysis version 4 the marks took positions, no phrase
    matched, and the other hadith came first."""
    from seedsearch import Index

    source = (f"عَنِ النَّبِيِّ صلى الله عليه وسلم قَالَ {RLM}\n\"{RLM} كُلُّ خُطْبَةٍ لَيْسَ "
              f"فِيهَا تَشَهُّدٌ فَهِيَ كَالْيَدِ الْجَذْمَاءِ {RLM}\"{RLM} {RLM}.{RLM}")
    other = ("أَنَّ رَسُولَ اللَّهِ صلى الله عليه وسلم قَالَ فِي خُطْبَةٍ خَطَبَهَا "
             "لاَ يَجُوزُ لاِمْرَأَةٍ فِي مَالِهَا إِلاَّ بِإِذْنِ زَوْجِهَا كل ذلك")
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents([{"id": "other", "text": other}, {"id": "source", "text": source}])
        for query in (f'الله عليه وسلم قَالَ {RLM} "{RLM} كُلُّ خُطْبَةٍ',
                      "الله عليه وسلم قال كل خطبة"):
            assert [h.id for h in ix.search(query)] == ["source", "other"], query
        hit = ix.search('"قال كل خطبة"')[0]
        assert hit.id == "source"
        snippet = hit.snippet()
        assert all(f"[{w}]" in snippet for w in ("قَالَ", "كُلُّ", "خُطْبَةٍ")), snippet


def test_every_letter_the_quick_word_check_trusts_survives_normalization():
    """A match holding one of these letters or digits is taken for a word
    without normalizing it: none of them normalizes to nothing, alone or
    under every mark (the Uthmani rules rewrite some letters, never away)."""
    from seedsearch.text.normalize import normalize
    from seedsearch.text.terms import _SOLID

    letters = [chr(c) for a, b in re.findall("(.)-(.)", _SOLID) for c in range(ord(a), ord(b) + 1)]
    assert "ب" in letters and "ی" in letters and "7" in letters and len(letters) > 150
    for letter in letters:
        for mark in ("", "\u064e", "\u0670", "\u0654", "\u0640", "\u06e5"):
            assert normalize(letter + mark), (letter, mark)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=list("قالوسلمى ءأ.ab3٣ی\"") + [RLM, "\u200e", "\u0640", "\u064e", "\u0670",
                                                       "\u0654", "\u06e5", "\u00ad"],
               max_size=40))
def test_a_text_said_to_hold_only_words_holds_no_match_that_is_no_word(text):
    """The quick check that lets most texts skip the word-by-word one never
    misses a match that is no word."""
    from seedsearch.text.terms import WORD_PATTERN, is_word, may_hold_non_words

    if not may_hold_non_words(text):
        assert all(is_word(w) for w in WORD_PATTERN.findall(text)), text


def test_a_highlight_leaves_the_bidi_mark_beside_a_word_outside_the_mark(tmp_path):
    """«الصَّدَقَةَ‏» before a quote carries a right-to-left mark at its end,
    inside the word as the tokenizer reads it: the highlight marks the
    letters a reader sees, and keeps the mark, outside, in the text."""
    from seedsearch import Index

    text = f'قَالَ رَسُولُ اللَّهِ صلى الله عليه وسلم {RLM}"{RLM} إِنَّ الصَّدَقَةَ{RLM}"{RLM} تُطْفِئُ'
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents([{"id": "h", "text": text}])
        hit = ix.search("الصدقة")[0]
        assert f"<b>الصَّدَقَةَ</b>{RLM}" in hit.highlight()
        assert f"[الصَّدَقَةَ]{RLM}" in hit.snippet()
