"""load_documents: formats, encodings, and clear errors naming file and line."""

from __future__ import annotations

import json

import pytest
from conftest import SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seedsearch import DocumentError, SeedsearchError, SourceError, load_documents


def test_seeds_folder_loads_the_article_and_the_hadith():
    docs = list(load_documents(SEEDS))
    assert len(docs) == 2001
    article = next(d for d in docs if d["id"] == "000_5a7173eee6ba29e5")
    assert article["date"] == "2026-01-28"
    assert article["title"].startswith("تفتح زيارة الرئيس السوري أحمد الشرع")
    assert article["title"].endswith("بوتين.")
    assert article["text"].startswith("تفتح زيارة")


def test_txt_date_may_stand_on_its_own_line(tmp_path):
    (tmp_path / "a.txt").write_text("\n  date 2025-03-01\nالخبر الأول. والثاني", encoding="utf-8")
    [doc] = load_documents(tmp_path)
    assert doc == {"id": "a", "date": "2025-03-01", "title": "الخبر الأول.",
                   "text": "الخبر الأول. والثاني"}


def test_txt_without_date_has_no_date(tmp_path):
    (tmp_path / "b.txt").write_text("نص بلا تاريخ؟ نعم", encoding="utf-8")
    [doc] = load_documents(tmp_path / "b.txt")
    assert "date" not in doc and doc["title"] == "نص بلا تاريخ؟"


def test_json_file_with_a_list_and_jsonl_with_a_bom(tmp_path):
    (tmp_path / "list.json").write_text(json.dumps([{"id": "1", "text": "أ"}, {"id": "2", "text": "ب"}]),
                                        encoding="utf-8")
    (tmp_path / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + '{"id": "3", "text": "ج"}\n'.encode())
    assert [d["id"] for d in load_documents(tmp_path)] == ["3", "1", "2"]


def test_utf16_file_is_decoded(tmp_path):
    (tmp_path / "u16.txt").write_text("نص بترميز آخر", encoding="utf-16")
    [doc] = load_documents(tmp_path)
    assert doc["text"] == "نص بترميز آخر"


def test_invalid_utf8_names_file_and_byte_offset(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes('{"id": "1", "text": "سليم"}\n'.encode() + b'{"id": "2", "text": "\xff"}\n')
    with pytest.raises(SourceError, match=r"bad.jsonl \(byte 53\).*UTF-8"):
        list(load_documents(path))
    docs = list(load_documents(path, encoding_errors="replace"))
    assert docs[1]["text"] == "\ufffd"


def test_an_unclosed_json_record_is_reported_at_the_column_where_it_ends(tmp_path):
    """{"id": "x2", "text": "نص مكسور" lacks its closing brace: the message
    names column 32, the end of that line, as Python's json does for the
    line alone (the line break once moved it to column 1 of a line 2)."""
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "x1", "text": "نص"}\n{"id": "x2", "text": "نص مكسور"\n',
                    encoding="utf-8")
    with pytest.raises(DocumentError, match=r"docs.jsonl:2: invalid JSON: Expecting ',' "
                                            r"delimiter \(column 32\)"):
        list(load_documents(path))


def test_malformed_json_line_names_file_and_line_and_can_be_skipped(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "1", "text": "أول"}\n{oops\n{"id": "3", "text": "ثالث"}\n',
                    encoding="utf-8")
    with pytest.raises(DocumentError, match=r"docs.jsonl:2: invalid JSON"):
        list(load_documents(path))
    skipped = []
    docs = list(load_documents(path, on_error=skipped.append))
    assert [d["id"] for d in docs] == ["1", "3"] and len(skipped) == 1


def test_a_record_without_text_names_its_line(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "1", "text": "أول"}\n{"id": "2"}\n', encoding="utf-8")
    with pytest.raises(DocumentError, match=r"docs.jsonl:2, document '2': .*'text'"):
        list(load_documents(path))


def test_missing_path_and_unknown_extension_are_source_errors(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        list(load_documents(tmp_path / "absent"))
    (tmp_path / "x.csv").write_text("a,b")
    with pytest.raises(SourceError, match="cannot load this kind of file"):
        list(load_documents(tmp_path / "x.csv"))


def test_empty_files_yield_nothing(tmp_path):
    for name in ("e.txt", "e.jsonl", "e.json"):
        (tmp_path / name).write_text("")
    assert list(load_documents(tmp_path)) == []


def test_other_files_and_hidden_files_in_a_folder_are_skipped(tmp_path):
    (tmp_path / "NOTICE.md").write_text("licence")
    (tmp_path / ".hidden.txt").write_text("مخفي")
    (tmp_path / "ok.txt").write_text("ظاهر")
    assert [d["id"] for d in load_documents(tmp_path)] == ["ok"]


def test_a_symlink_loop_does_not_hang(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "doc.txt").write_text("نص")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    assert [d["id"] for d in load_documents(tmp_path)] == ["a/doc"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_any_bytes_in_a_jsonl_file_load_or_fail_with_a_seedsearch_error(tmp_path, data):
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(data)
    try:
        for doc in load_documents(path):
            assert isinstance(doc, dict) and isinstance(doc["id"], str)
    except SeedsearchError:
        pass


# -- ids: unique within one load ------------------------------------------------------


def _two_years(root):
    for year, text in (("2024", "افتتاح المعرض الدولي للكتاب"), ("2025", "ختام المعرض الدولي للكتاب")):
        (root / "coll" / year).mkdir(parents=True)
        (root / "coll" / year / "01.txt").write_text(text, encoding="utf-8")
    return root / "coll"


def test_txt_files_of_the_same_name_in_two_folders_get_their_relative_paths_as_ids(tmp_path):
    docs = list(load_documents(_two_years(tmp_path)))
    assert [(d["id"], d["text"]) for d in docs] == [("2024/01", "افتتاح المعرض الدولي للكتاب"),
                                                    ("2025/01", "ختام المعرض الدولي للكتاب")]


def test_a_txt_file_given_directly_keeps_its_stem_as_id(tmp_path):
    coll = _two_years(tmp_path)
    assert [d["id"] for d in load_documents(coll / "2025" / "01.txt")] == ["01"]
    assert [d["id"] for d in load_documents(str(coll / "2024"))] == ["01"]


def test_both_txt_files_of_the_same_name_reach_the_index(tmp_path):
    from seedsearch import Index

    with Index.create(tmp_path / "ix") as ix:
        assert ix.add_documents(load_documents(_two_years(tmp_path))) == 2
        assert ix.get("2024/01")["text"].startswith("افتتاح")
        assert [h.id for h in ix.search("المعرض")] and len(ix) == 2


def test_an_id_repeated_on_two_jsonl_lines_names_both_lines(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "خبر-1", "text": "الرئيس في موسكو"}\n'
                    '{"id": "خبر-2", "text": "وزير الخارجية"}\n'
                    '{"id": "خبر-1", "text": "الرئيس في دمشق"}\n', encoding="utf-8")
    with pytest.raises(DocumentError) as err:
        list(load_documents(path))
    message = str(err.value)
    assert f"{path}:3" in message and f"{path}:1" in message and "'خبر-1'" in message
    assert err.value.line == 3 and err.value.doc_id == "خبر-1"


def test_an_id_repeated_across_two_files_names_both_files(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": "موسكو", "text": "عاصمة روسيا"}\n', encoding="utf-8")
    (tmp_path / "موسكو.txt").write_text("مدينة على نهر موسكفا", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"موسكو\.txt, document 'موسكو': .*a\.jsonl:1"):
        list(load_documents(tmp_path))


def test_on_error_skips_the_later_copy_of_a_repeated_id_and_keeps_the_first(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "1", "text": "الأول"}\n{"id": "1", "text": "المكرر"}\n'
                    '{"id": "2", "text": "الثاني"}\n', encoding="utf-8")
    skipped = []
    docs = list(load_documents(path, on_error=skipped.append))
    assert [(d["id"], d["text"]) for d in docs] == [("1", "الأول"), ("2", "الثاني")]
    assert len(skipped) == 1 and skipped[0].line == 2


# -- validated once ----------------------------------------------------------------------


def test_loaded_documents_are_validated_once_on_their_way_into_the_index(tmp_path, monkeypatch):
    import seedsearch.ingest.documents as documents
    from seedsearch import Index

    real, calls = documents.prepare, []

    def counting(doc, **options):
        calls.append(doc["id"])
        return real(doc, **options)

    monkeypatch.setattr(documents, "prepare", counting)
    (tmp_path / "news.jsonl").write_text('{"id": "1", "text": "الرئيس السوري"}\n'
                                         '{"id": "2", "text": "الرئيس الروسي"}\n',
                                         encoding="utf-8")
    with Index.create(tmp_path / "ix") as ix:
        assert ix.add_documents(load_documents(tmp_path / "news.jsonl")) == 2
        assert sorted(calls) == ["1", "2"]
        ix.add_documents([{"id": "3", "text": "رئيس الوزراء"}])  # a plain dict: validated here
    assert sorted(calls) == ["1", "2", "3"]


def test_a_loaded_document_changed_in_place_is_validated_again_naming_its_line(tmp_path):
    from seedsearch import Index

    path = tmp_path / "news.jsonl"
    path.write_text('{"id": "1", "text": "الرئيس السوري"}\n{"id": "2", "text": "الرئيس الروسي"}\n',
                    encoding="utf-8")
    first, second = load_documents(path)
    first["text"] = "رئيس جديد"
    second["date"] = "أمس"
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents([first])
        assert ix.get("1")["text"] == "رئيس جديد"
        with pytest.raises(DocumentError, match=r"news\.jsonl:2, document '2': .*'أمس'"):
            ix.add_documents([second])
