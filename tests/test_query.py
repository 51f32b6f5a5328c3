"""The query parser: syntax, Arabic operators, leniency and strictness."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seedsearch import QueryError
from seedsearch.search.kinds import Occur, WordKind
from seedsearch.search.query import DateRange, Group, Keyword, Phrase, Word, parse


def clauses(text, **kw):
    group, _ = parse(text, **kw)
    return [(c.occur, c.node) for c in group.clauses]


def test_plain_words_are_optional_clauses():
    assert clauses("الرئيس السوري") == [(Occur.SHOULD, Word("الرئيس")), (Occur.SHOULD, Word("السوري"))]


def test_punctuation_attached_to_a_word_is_not_part_of_it():
    assert clauses("البانثرز؟") == [(Occur.SHOULD, Word("البانثرز"))]
    assert clauses("؟ ، .") == []


def test_plus_and_minus_prefixes():
    assert clauses("+موسكو -كييف") == [(Occur.MUST, Word("موسكو")), (Occur.MUST_NOT, Word("كييف"))]


def test_plus_and_minus_before_a_quote_require_or_exclude_the_phrase():
    """+«…» and -"…" were read as a stray sign and an optional phrase, so
    عباس -"ابن عباس" ranked the documents it meant to exclude first.  A sign
    counts only written against the quote: in a title such as «القاهرة -
    «الأهرام»» the spaced dash is punctuation."""
    assert clauses('+«الجيش السوري» موسكو') == [
        (Occur.MUST, Phrase(("الجيش", "السوري"))), (Occur.SHOULD, Word("موسكو"))]
    assert clauses('عباس -"ابن عباس"') == [
        (Occur.SHOULD, Word("عباس")), (Occur.MUST_NOT, Phrase(("ابن", "عباس")))]
    assert clauses("القاهرة - «الأهرام»") == [
        (Occur.SHOULD, Word("القاهرة")), (Occur.SHOULD, Phrase(("الأهرام",)))]
    assert clauses('-"ابن عباس') == [(Occur.SHOULD, Word("ابن")), (Occur.SHOULD, Word("عباس"))]
    # An Arabic operator before a signed phrase is still an operator.
    assert clauses('موسكو و +"الجيش السوري"') == [
        (Occur.MUST, Word("موسكو")), (Occur.MUST, Phrase(("الجيش", "السوري")))]


def test_plus_and_minus_before_a_field_require_or_exclude_its_clause():
    """-collection:news was read as two excluded words, «collection» and
    «news», and +title:موسكو as the required word «title» beside موسكو: the
    sign now applies to the field's clause.  A signed date: is no field the
    parser takes (an excluded date range is not supported) and says so."""
    assert clauses("-collection:news موسكو") == [
        (Occur.MUST_NOT, Keyword("collection", "news")), (Occur.SHOULD, Word("موسكو"))]
    assert clauses("+title:موسكو دمشق") == [
        (Occur.MUST, Word("موسكو", "title")), (Occur.SHOULD, Word("دمشق"))]
    _, notes = parse("-date:2024 موسكو")
    assert [n.code.value for n in notes] == ["unknown_field"]


def test_arabic_and_between_terms_makes_both_required():
    assert clauses("موسكو و دمشق") == [(Occur.MUST, Word("موسكو")), (Occur.MUST, Word("دمشق"))]


def test_arabic_or_and_not_between_terms():
    assert clauses("موسكو أو دمشق") == [(Occur.SHOULD, Word("موسكو")), (Occur.SHOULD, Word("دمشق"))]
    assert clauses("موسكو ليس دمشق") == [(Occur.SHOULD, Word("موسكو")), (Occur.MUST_NOT, Word("دمشق"))]


def test_arabic_operator_words_at_the_edges_are_plain_words():
    """ليس at the end, و at the start: words, not operators."""
    assert clauses("و موسكو") == [(Occur.SHOULD, Word("و")), (Occur.SHOULD, Word("موسكو"))]
    assert clauses("هو ليس") == [(Occur.SHOULD, Word("هو")), (Occur.SHOULD, Word("ليس"))]


def test_parentheses_group_clauses():
    [(occur, group), (occur2, word)] = clauses("(موسكو OR دمشق) AND بوتين")
    assert isinstance(group, Group) and occur == Occur.MUST and occur2 == Occur.MUST
    assert [c.node for c in group.clauses] == [Word("موسكو"), Word("دمشق")]


def test_arabic_operator_words_inside_a_sentence_are_plain_words():
    """A question or a quoted verse has stop words of its own (ما, هو, بين,
    في): there و, أو and ليس are words of the sentence, not operators, so
    «بينجن و بون» does not require both names and the verse «قالوا ليس
    علينا في الأميين سبيل» (Al Imran 3:75) does not exclude علينا."""
    assert clauses("ما هو المضيق بين بينجن و بون") == [
        (Occur.SHOULD, Word(w)) for w in ("ما", "هو", "المضيق", "بين", "بينجن", "و", "بون")]
    assert (Occur.MUST_NOT, Word("علينا")) not in clauses("قالوا ليس علينا في الأميين سبيل")
    assert all(occur == Occur.SHOULD for occur, _ in clauses("السياسة أو الاقتصاد في مصر"))


def test_latin_operators_count_inside_a_sentence_too():
    """AND / NOT cannot be words of an Arabic sentence: they stay operators."""
    assert clauses("ما هو موقف موسكو AND دمشق")[-2:] == [(Occur.MUST, Word("موسكو")),
                                                       (Occur.MUST, Word("دمشق"))]
    assert clauses("ما موقف موسكو NOT دمشق")[-1] == (Occur.MUST_NOT, Word("دمشق"))


@pytest.mark.parametrize("text", ['"الجيش السوري"', "«الجيش السوري»", "“الجيش السوري”",
                                  "„الجيش السوري“"])
def test_every_quote_style_is_a_phrase(text):
    assert clauses(text) == [(Occur.SHOULD, Phrase(("الجيش", "السوري")))]


def test_field_values_and_phrases():
    assert clauses("title:موسكو") == [(Occur.SHOULD, Word("موسكو", "title"))]
    assert clauses("title:«زيارة الرئيس»") == [(Occur.SHOULD, Phrase(("زيارة", "الرئيس"), "title"))]
    assert clauses("collection:news") == [(Occur.MUST, Keyword("collection", "news"))]


def test_date_forms():
    year = DateRange(dt.datetime(2024, 1, 1), dt.datetime(2025, 1, 1))
    assert clauses("date:2024") == [(Occur.MUST, year)]
    assert clauses("date:>2024") == [(Occur.MUST, DateRange(dt.datetime(2025, 1, 1), None))]
    assert clauses("date:<=2024-05") == [(Occur.MUST, DateRange(None, dt.datetime(2024, 6, 1)))]
    assert clauses("date:[2020-01-01 TO 2021-12-31]") == [
        (Occur.MUST, DateRange(dt.datetime(2020, 1, 1), dt.datetime(2022, 1, 1)))]


def test_prefix_and_fuzzy_terms():
    assert clauses("مسؤول*") == [(Occur.SHOULD, Word("مسؤول", None, WordKind.PREFIX))]
    assert clauses("موسكو~") == [(Occur.SHOULD, Word("موسكو", None, WordKind.FUZZY, 1))]
    assert clauses("موسكو~2") == [(Occur.SHOULD, Word("موسكو", None, WordKind.FUZZY, 2))]


@pytest.mark.parametrize("text", ['"الجيش السوري', "(موسكو", "موسكو)", "AND", "author:سعيد",
                                  "date:[2020 TO", "date:غدا"])
def test_malformed_queries_degrade_leniently_and_fail_strictly(text):
    group, problems = parse(text)
    assert isinstance(group, Group) and problems
    with pytest.raises(QueryError):
        parse(text, strict=True)


def test_a_stray_quote_is_dropped_and_its_words_read_plainly():
    """«"الرئيس» found 390 documents against 1,002 for «الرئيس» when a stray
    quote made a phrase of the rest (issue 12)."""
    assert clauses('"الجيش السوري') == [(Occur.SHOULD, Word("الجيش")), (Occur.SHOULD, Word("السوري"))]
    assert clauses('«الرئيس') == clauses("الرئيس")


def test_unknown_field_is_read_as_words():
    assert clauses("author:سعيد") == [(Occur.SHOULD, Word("author")), (Occur.SHOULD, Word("سعيد"))]


def test_a_query_must_be_a_string():
    with pytest.raises(QueryError):
        parse(b"bytes")


query_text = st.lists(
    st.sampled_from(list("موسكوالرئيسُّ ()[]{}\"«»“”„+-*~:؟،.") +
                    ["AND", "OR", "NOT", "title:", "date:", "collection:", " و ", " أو ",
                     " ليس ", "2024", "TO", ">"]),
    max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(query_text)
def test_parser_never_raises_in_lenient_mode(text):
    group, problems = parse(text)
    assert isinstance(group, Group) and isinstance(problems, list)


@settings(max_examples=200, deadline=None)
@given(query_text)
def test_strict_mode_raises_only_query_errors(text):
    try:
        parse(text, strict=True)
    except QueryError:
        pass


def test_a_space_after_a_field_s_colon_still_reads_the_field():
    """«title: الحج» (a space typed after the colon, an easy slip) is the field
    title of الحج, as «title:الحج» is, and «collection: muslim» a filter; it
    searched the word «title» (found in no Arabic text) and الحج plainly."""
    assert parse("title: الحج")[0] == parse("title:الحج")[0]
    assert parse("الصدقة collection: muslim")[0] == parse("الصدقة collection:muslim")[0]


@pytest.mark.parametrize("query", ["title:", "الحج text:", "collection: "])
def test_a_field_with_nothing_after_it_is_said_and_refused_when_strict(query):
    """«title:» alone searched the word «title», silently; now it is left out
    with the notice root: has had, and refused under strict=True."""
    group, notices = parse(query)
    assert [n.code.value for n in notices] == ["operator_alone"]
    assert all(not (isinstance(c.node, Word) and c.node.text.lower() in ("title", "text",
                                                                           "collection"))
               for c in group.clauses)
    with pytest.raises(QueryError, match="has nothing on its right"):
        parse(query, strict=True)
