"""Legacy encodings (issue 21): files in Windows Arabic (cp1256) or ISO
8859-6 are read with ``encoding=`` (CLI ``--encoding``), and characters
replaced under ``encoding_errors="replace"`` are counted, per file."""

from __future__ import annotations

import json

import pytest

from seedsearch import SourceError, load_documents
from seedsearch.cli.main import main

NEWS = {"id": "خبر-1", "title": "قمة في موسكو",
        "text": "التقى الرئيسُ السوريُّ بنظيره الروسي في موسكو لبحث مستقبل القواعد العسكرية."}
#: ISO 8859-6 leaves 0xA1 (and most of 0xA0–0xBF) undefined.
UNDEFINED_IN_ISO_8859_6 = b"\xa1"


def _write(path, text, encoding):
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("name, content", [
    ("news.jsonl", json.dumps(NEWS, ensure_ascii=False) + "\r\n"),
    ("news.json", json.dumps([NEWS], ensure_ascii=False)),
    ("خبر-1.txt", NEWS["text"]),
], ids=["jsonl", "json", "txt"])
def test_a_windows_arabic_file_is_read_with_encoding_cp1256(tmp_path, name, content):
    path = _write(tmp_path / name, content, "cp1256")
    [doc] = load_documents(path, encoding="cp1256")
    assert doc["id"] == "خبر-1" and doc["text"] == NEWS["text"]


def test_a_cp1256_file_read_as_utf8_says_which_option_reads_it(tmp_path):
    path = _write(tmp_path / "news.jsonl", json.dumps(NEWS, ensure_ascii=False), "cp1256")
    with pytest.raises(SourceError, match=r"news.jsonl \(byte 8\): is not valid UTF-8; .*"
                                          r"encoding='cp1256' \(CLI: --encoding cp1256\)"):
        list(load_documents(path))


def test_a_file_that_is_not_valid_in_the_encoding_given_names_it(tmp_path):
    path = tmp_path / "news.txt"
    path.write_bytes("الرئيس".encode("iso-8859-6") + UNDEFINED_IN_ISO_8859_6)
    with pytest.raises(SourceError, match=r"news.txt \(byte 6\): is not valid iso8859-6"):
        list(load_documents(path, encoding="ISO-8859-6"))


@pytest.mark.parametrize("encoding, message", [
    ("windows-9999", "unknown encoding 'windows-9999'"),
    ("base64", "unknown encoding 'base64'"),  # a codec, but not of text
    (1256, "encoding must be the name of an encoding"),
])
def test_an_encoding_that_cannot_decode_text_is_a_source_error_at_once(tmp_path, encoding,
                                                                        message):
    with pytest.raises(SourceError, match=message):
        load_documents(tmp_path, encoding=encoding)


def test_replaced_characters_are_counted_per_file(tmp_path):
    good = _write(tmp_path / "a.jsonl", json.dumps(NEWS, ensure_ascii=False) + "\n", "utf-8")
    bad = tmp_path / "b.jsonl"
    bad.write_bytes('{"id": "2", "text": "موسكو '.encode() + b"\xff\xfe" +
                    ' والرياض \ufffd"}\n{"id": "3", "text": "'.encode() + b"\xc3" + b'"}\n')
    stream = load_documents(tmp_path, encoding_errors="replace")
    docs = list(stream)
    assert [d["id"] for d in docs] == ["خبر-1", "2", "3"]
    assert docs[1]["text"] == "موسكو \ufffd\ufffd والرياض \ufffd"  # the last one was in the file
    assert stream.replaced == {bad: 3} and good not in stream.replaced


def test_replaced_characters_of_a_legacy_file_are_counted_too(tmp_path):
    path = tmp_path / "news.txt"
    path.write_bytes("الرئيس في موسكو".encode("iso-8859-6") + UNDEFINED_IN_ISO_8859_6 * 2)
    stream = load_documents(path, encoding="iso-8859-6", encoding_errors="replace")
    assert list(stream)[0]["text"] == "الرئيس في موسكو\ufffd\ufffd"
    assert stream.replaced == {path: 2}


# -- the command line ---------------------------------------------------------------------


def test_cli_index_encoding_cp1256_makes_a_windows_arabic_file_searchable(tmp_path, capsys):
    path = _write(tmp_path / "news.jsonl", json.dumps(NEWS, ensure_ascii=False) + "\n", "cp1256")
    assert main(["index", str(path), "--index", str(tmp_path / "ix"), "--quiet",
                 "--encoding", "cp1256"]) == 0
    assert main(["search", "الرئيس السوري", "--index", str(tmp_path / "ix"), "--json"]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()[1:]]
    assert [h["id"] for h in hits] == ["خبر-1"]


def test_cli_replaced_characters_are_one_stderr_line_per_file_with_the_count(tmp_path, capsys):
    path = tmp_path / "news.jsonl"
    path.write_bytes('{"id": "1", "text": "موسكو '.encode() + b"\xff\xff\xff" + b'"}\n')
    assert main(["index", str(path), "--index", str(tmp_path / "ix"), "--quiet",
                 "--encoding-errors", "replace"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [f"seedsearch: note: {path}: 3 characters were not valid utf-8, replaced "
                   "with U+FFFD"]


def test_cli_an_unknown_encoding_is_one_line_exit_2_and_makes_no_index(tmp_path, capsys):
    path = _write(tmp_path / "news.txt", NEWS["text"], "cp1256")
    assert main(["index", str(path), "--index", str(tmp_path / "ix"),
                 "--encoding", "arabic-dos"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "unknown encoding 'arabic-dos'" in err[0]
    assert not (tmp_path / "ix").exists()
