"""Hostile input (issue 21): queries nested hundreds of brackets deep, words
of thousands of letters, a megabyte of query text.  Each gets a lenient
reading with a warning (or a QueryError under strict=True), never a
RecursionError and never work that grows faster than the input."""

from __future__ import annotations

import pytest

from seedsearch import QueryError
from seedsearch.export.query import translate_query
from seedsearch.search.query import Group, Phrase, Word, parse

#: The limits of seedsearch.search.limits, as the README states them.
MAX_NESTING, MAX_QUERY_WORDS, MAX_WORD_LETTERS = 10, 64, 64

#: «الرئيس» inside 495 pairs of brackets: a RecursionError in 0.1.0.
DEEP = "(" * 495 + "الرئيس" + ")" * 495


def _words(group: Group) -> list[Word]:
    out: list[Word] = []
    for clause in group.clauses:
        if isinstance(clause.node, Group):
            out += _words(clause.node)
        elif isinstance(clause.node, Word):
            out.append(clause.node)
    return out


def _depth(group: Group) -> int:
    return 1 + max((_depth(c.node) for c in group.clauses if isinstance(c.node, Group)),
                   default=0)


def _bool_depth(body: object) -> int:
    """How deep ``bool`` queries nest in a translated query."""
    if isinstance(body, dict):
        inner = max((_bool_depth(v) for v in body.values()), default=0)
        return inner + (1 if "bool" in body else 0)
    if isinstance(body, list):
        return max((_bool_depth(v) for v in body), default=0)
    return 0


# -- deep nesting -------------------------------------------------------------------


def test_brackets_nested_495_deep_are_searched_as_their_words_with_a_warning(small_index):
    results = small_index.search(DEEP)
    assert "news-1" in [h.id for h in results]
    assert any(f"nested more than {MAX_NESTING} deep" in w for w in results.warnings)


def test_brackets_nested_495_deep_are_a_query_error_under_strict(small_index):
    with pytest.raises(QueryError, match="nested more than 10 deep"):
        small_index.search(DEEP, strict=True)
    with pytest.raises(QueryError, match="nested more than 10 deep"):
        small_index.explain(DEEP, strict=True)


def test_explain_reads_brackets_nested_495_deep_and_says_so(small_index):
    plan = small_index.explain(DEEP)
    assert "word «الرئيس»" in plan and "warning: read leniently: brackets nested" in plan


def test_brackets_nested_ten_deep_group_and_deeper_ones_group_nothing():
    ten = "(" * 10 + "الرئيس OR السوري" + ")" * 10
    group, problems = parse(ten, strict=True)
    assert problems == [] and _depth(group) == 11
    group, problems = parse("(" + ten + " موسكو)")
    assert _depth(group) == 11 and len(problems) == 1
    assert [w.text for w in _words(group)] == ["الرئيس", "السوري", "موسكو"]


def test_unbalanced_brackets_by_the_thousand_parse_with_one_problem_each_kind():
    group, problems = parse("(" * 100_000 + "الرئيس")
    assert [w.text for w in _words(group)] == ["الرئيس"] and _depth(group) == 11
    assert [p.text for p in problems] == [
        "brackets nested more than 10 deep; the inner ones were read as if they were not there",
        "unclosed parenthesis"]
    group, problems = parse("الرئيس" + ")" * 100_000)
    assert [p.text for p in problems] == ["unbalanced )"]


def test_translating_brackets_nested_495_deep_stays_within_the_engines_bool_depth():
    """Elasticsearch refuses bool queries nested deeper than 20 by default."""
    body = translate_query(DEEP)
    assert _bool_depth(body) <= 20
    assert "الرئيس" in str(body)
    with pytest.raises(QueryError, match="nested"):
        translate_query(DEEP, strict=True)


# -- over-long words ------------------------------------------------------------------


def test_a_word_of_a_thousand_letters_is_cut_to_64_with_a_warning(small_index):
    word = "الرئيس" * 200  # 1,200 letters, no space
    results = small_index.search(word)
    assert results.total == 0
    assert (f"the word «{word[:12]}…» has 1,200 letters; only its first {MAX_WORD_LETTERS} "
            "were searched") in results.warnings
    assert f"word «{word[:MAX_WORD_LETTERS]}» (plain)" in small_index.explain(word)


def test_a_word_of_100000_letters_is_cut_too_and_gets_no_suggestion(small_index):
    word = "موسكو" * 20_000
    results = small_index.search(word)
    assert results.suggestion is None
    assert any("100,000 letters" in w for w in results.warnings)


def test_an_over_long_word_is_not_a_strict_mode_error(small_index):
    results = small_index.search("موسكو " + "ب" * 1000, strict=True)
    assert [h.id for h in results] == ["news-1"]
    assert any("1,000 letters" in w for w in results.warnings)


def test_a_vowelled_word_keeps_its_harakat_up_to_its_64th_letter():
    word = "بَ" * 100
    group, problems = parse(word + "*")
    assert problems == [] and _words(group)[0].text == "بَ" * 64
    assert [n.message for n in group.notes] == [
        f"the word «{word[:12]}…» has 100 letters; only its first 64 were searched"]


def test_phrase_words_are_cut_like_any_word():
    group, _ = parse("«الجيش " + "السوري" * 20 + "»")
    phrase = group.clauses[0].node
    assert isinstance(phrase, Phrase) and phrase.words == ("الجيش", ("السوري" * 20)[:64])


# -- a megabyte of query ------------------------------------------------------------


def test_a_megabyte_query_is_read_up_to_its_first_64_words(small_index):
    query = "الرئيس السوري موسكو " * 50_000  # 1 MB
    results = small_index.search(query)
    assert results.hits[0].id == "news-1"
    assert results.warnings == [f"only the first {MAX_QUERY_WORDS} words of the query were searched"]
    group, _ = parse(query)
    assert len(_words(group)) == MAX_QUERY_WORDS


def test_the_64_words_count_phrase_words_too():
    group, _ = parse("«" + "الجيش السوري " * 40 + "» موسكو")
    assert [type(c.node) for c in group.clauses] == [Phrase]
    assert len(group.clauses[0].node.words) == MAX_QUERY_WORDS
    assert [n.message for n in group.notes] == [
        f"only the first {MAX_QUERY_WORDS} words of the query were searched"]


def test_an_operator_whose_right_side_was_left_out_is_no_strict_error():
    query = " ".join(["الرئيس"] * MAX_QUERY_WORDS) + " AND موسكو"
    group, problems = parse(query, strict=True)
    assert problems == [] and len(_words(group)) == MAX_QUERY_WORDS


def test_a_megabyte_of_unclosed_quotes_lists_ten_problems_and_counts_the_rest():
    group, problems = parse("«" * 1_000_000 + " الرئيس")
    assert [w.text for w in _words(group)] == ["الرئيس"]
    assert [p.text for p in problems[:2]] == ["unclosed quote « at character 0",
                                               "unclosed quote « at character 1"]
    assert len(problems) == 11 and problems[-1].text == "and 999,990 more problems"


def test_the_lexer_looks_for_a_missing_closing_quote_once():
    """A megabyte of «««… was read to its end once per quote (quadratic)."""
    class Counted(str):
        finds = 0

        def find(self, *args):
            Counted.finds += 1
            return str.find(self, *args)

    parse(Counted("«" * 1000 + " الرئيس"))
    assert Counted.finds == 1
