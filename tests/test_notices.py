"""Warnings as data: every notice a search gives has a code and its
parameters beside the English message, so a page can say it in Arabic;
``results.warnings`` keeps the English strings as before."""

from __future__ import annotations

import pytest

from seedsearch import Index, QueryError
from seedsearch.search.notices import LENIENT, NoticeCode

#: (query, search options, the code, the params it carries), one per code.
CASES = [
    ('"موسكو', {}, NoticeCode.UNCLOSED_QUOTE, {"quote": '"', "at": 0}),
    ("date:[2020 TO موسكو", {}, NoticeCode.UNCLOSED_RANGE, {}),
    ("موسكو)", {}, NoticeCode.UNBALANCED, {"bracket": ")"}),
    ("(موسكو", {}, NoticeCode.UNCLOSED_PAREN, {}),
    ("موسكو date:أمس", {}, NoticeCode.BAD_DATE, {"value": "أمس"}),
    ("*", {}, NoticeCode.LONE_STAR, {}),
    ("author:موسكو", {}, NoticeCode.UNKNOWN_FIELD, {"field": "author"}),
    ("AND موسكو", {}, NoticeCode.OPERATOR_ALONE, {"operator": "AND", "side": "left"}),
    ("موسكو OR", {}, NoticeCode.OPERATOR_ALONE, {"operator": "OR", "side": "right"}),
    (" ".join(["الصلاة"] * 70), {}, NoticeCode.QUERY_CUT, {"words": 64}),
    ("الصلاه~5", {}, NoticeCode.FUZZY_LOWERED, {"asked": 5, "used": 2}),
    ("ا*", {}, NoticeCode.PREFIX_CUT, {"word": "ا*", "cap": 256}),
    ("ا* ب* ت* م* و* ف* ع*", {}, NoticeCode.EXPANSIONS_CUT, {"words": 1024, "entries": 60000}),
    ("عَلِمَ", {"vowels": True}, NoticeCode.VOWELS_IGNORED, {}),
    ("(" * 12 + "موسكو" + ")" * 12, {}, NoticeCode.TOO_DEEP, {"depth": 10}),
    ("موسكو " + "ب" * 70, {}, NoticeCode.WORD_CUT, {"letters": 70, "cap": 64}),
    ("«" * 12 + "موسكو", {}, NoticeCode.MORE_PROBLEMS, {"count": 2}),
    ("root:موسكو", {}, NoticeCode.ROOT_UNKNOWN, {"value": "موسكو"}),
    ("root:يعد", {}, NoticeCode.ROOT_AMBIGUOUS, {"value": "يعد", "first": "وعد", "second": "عدد"}),
    ("root:يكتب", {}, NoticeCode.ROOT_NOT_LISTED, {"value": "يكتب", "root": "كتب"}),
    ("root:كتبب", {}, NoticeCode.ROOT_MISSPELT, {"value": "كتبب", "root": "تبب", "near": "كتب"}),
    ("root:ز-ز-ز", {}, NoticeCode.ROOT_LETTERS_UNLISTED, {"value": "ز-ز-ز", "root": "ززز"}),
    ("root:ك-ت-ب-ب", {}, NoticeCode.ROOT_LETTERS_MISSPELT,
     {"value": "ك-ت-ب-ب", "root": "كتبب", "near": "كتب"}),
]


@pytest.fixture(scope="module")
def plain_seeds(tmp_path_factory):
    """The seeds without vowel data (so vowels=True is ignored, with a notice)."""
    from conftest import SEEDS

    from seedsearch import load_documents

    ix = Index.create(tmp_path_factory.mktemp("plain") / "ix")
    ix.add_documents(load_documents(SEEDS), procs=1)
    yield ix
    ix.close()


def test_every_code_has_a_case():
    """(no_positions has its case in test_storage: it needs a flat file this
    version cannot read; roots_computed in test_rootsearch: an index written
    without root tables.)"""
    assert {code for _, _, code, _ in CASES} | {NoticeCode.NO_POSITIONS,
                                                 NoticeCode.ROOTS_COMPUTED} == set(NoticeCode)


@pytest.mark.parametrize("query, options, code, params", CASES, ids=[c[2].value for c in CASES])
def test_each_notice_has_its_code_params_and_english_message(plain_seeds, query, options, code,
                                                             params):
    results = plain_seeds.search(query, **options)
    notice = next(n for n in results.notices if n.code == code)
    assert params.items() <= dict(notice.params).items()
    assert results.warnings == [n.message for n in results.notices]
    assert notice.message in results.warnings
    assert notice.message.startswith("read leniently: ") == (code in LENIENT)
    as_data = results.to_dict()["notices"]
    assert {"code": str(code), "params": dict(notice.params), "message": notice.message} in as_data


def test_the_english_messages_are_the_ones_warnings_always_had(plain_seeds):
    assert plain_seeds.search('"موسكو').warnings == [
        'read leniently: unclosed quote " at character 0']
    assert plain_seeds.search("ا*").warnings == [
        "ا* matches more than 256 words; searched the 256 most frequent"]


@pytest.mark.parametrize("query, code", [(q, c) for q, _, c, _ in CASES
                                         if c in LENIENT and c != NoticeCode.MORE_PROBLEMS])
def test_strict_mode_raises_the_same_problem_with_its_code(plain_seeds, query, code):
    """(more_problems counts the problems after the tenth: strict mode
    raises at the first.)"""
    with pytest.raises(QueryError) as err:
        plain_seeds.search(query, strict=True)
    assert err.value.code == code and not str(err.value).startswith("read leniently")


def test_a_bad_date_filter_is_a_query_error_with_a_code(plain_seeds):
    with pytest.raises(QueryError, match="cannot read the date filter") as err:
        plain_seeds.search("الصلاة", filters={"date": "أمس"})
    assert err.value.code == "bad_date_filter" and err.value.params == {"value": "أمس"}
