"""Bad input gets a correct result or a SeedsearchError naming what and where."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seedsearch import (
    DocumentError,
    Index,
    IndexPathError,
    QueryError,
    SeedsearchError,
    SourceError,
    load_documents,
    normalize,
)

# -- documents ------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, 3, 2.5, b"\xd8\xa8", ["نص"], {"a": 1}])
def test_non_string_text_is_a_document_error_naming_the_id(empty_index, value):
    with pytest.raises(DocumentError, match="'doc-x'"):
        empty_index.add_documents([{"id": "doc-x", "text": value}])
    assert len(empty_index) == 0


def test_empty_text_is_a_valid_document(empty_index):
    assert empty_index.add_documents([{"id": "empty", "text": "", "title": "عنوان فقط"}]) == 1
    assert empty_index.search("عنوان")[0].id == "empty"


@pytest.mark.parametrize("text", [
    "نص\x00مع\x00أصفار",  # NUL bytes
    "حرف\ud800وحيد",  # a lone surrogate
    "تحكم\x01\x1f\x7f\x85\x9f",  # C0/C1 controls
    "Москва موسكو Moscow 莫斯科",  # mixed scripts
    "\u200fالرئيس\u200e \u202bالسوري\u202c",  # bidi marks
    "الرئيس 🇸🇾 السوري 😀",  # emoji
    "\ufeb3\ufeee\ufead\ufef3\ufe8e",  # presentation forms (سوريا)
])
def test_unusual_text_indexes_and_searches_without_error(empty_index, text):
    """Stored as given, except a lone surrogate (no file can encode it) -> U+FFFD."""
    empty_index.add_documents([{"id": "odd", "text": text}])
    assert empty_index.get("odd")["text"] == text.replace("\ud800", "\ufffd")
    words = [w for w in ("الرئيس", "موسكو", "سوريا", "أصفار", "وحيد", "تحكم")
             if normalize(w) in normalize(text)]
    assert words
    for word in words:
        assert empty_index.search(word).total == 1


@pytest.mark.parametrize("date", ["2024-13-45", "yesterday", "28/01/2026", "2026-1-1x"])
def test_malformed_date_names_the_document_and_the_value(empty_index, date):
    with pytest.raises(DocumentError, match=f"'d1'.*{date}"):
        empty_index.add_documents([{"id": "d1", "text": "نص", "date": date}])


@pytest.mark.slow
def test_a_20_mb_text_is_indexed_and_found(empty_index):
    text = ("الرئيس السوري في موسكو لبحث التعاون العسكري. " * 460_000)[:20_000_000]
    empty_index.add_documents([{"id": "huge", "text": text}, {"id": "small", "text": "موسكو"}])
    results = empty_index.search("العسكري")
    assert [h.id for h in results] == ["huge"] and len(results[0].highlight()) < 1000


@pytest.mark.slow
def test_a_million_tiny_documents_stream_in_bounded_memory(tmp_path):
    script = textwrap.dedent(f"""
        import resource
        from seedsearch import Index
        ix = Index.create({str(tmp_path / 'ix')!r}, vowels=False)
        n = ix.add_documents({{"id": f"d{{i}}", "text": "كلمة قصيرة"}} for i in range(1_000_000))
        print(n, len(ix), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=900, check=True).stdout.split()
    added, stored, peak_mb = map(int, out)
    assert added == stored == 1_000_000
    assert peak_mb < 1024


# -- files ------------------------------------------------------------------------


def test_unreadable_file_is_a_source_error(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("سري")
    if os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads everything: make the read fail the way it would for a user
        from pathlib import Path

        real = Path.read_bytes

        def deny(self):
            if self.name == "secret.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(SourceError, match="secret.txt.*Permission denied"):
        list(load_documents(path))


def test_a_folder_of_10000_files_streams(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"{i:05d}.txt").write_text(f"خبر رقم {i}", encoding="utf-8")
    with Index.create(tmp_path / "ix") as ix:
        assert ix.add_documents(load_documents(folder)) == 10_000
        assert ix.get("09999")["text"] == "خبر رقم 9999"


# -- queries ------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "   ", "؟!.،", "في من على", "ًٌٍَُِّْ", '"', "«", "(((",
                                   ")", "[", "AND", "OR", "NOT", "-", "+", "و", "author:",
                                   "title:", "date:", "~", "*", "~9"])
def test_degenerate_queries_return_well_formed_results(small_index, query):
    results = small_index.search(query)
    assert results.total >= 0 and isinstance(results.hits, list)
    assert all(h.rank >= 1 for h in results)


def test_only_stop_words_still_find_documents(small_index):
    assert small_index.search("لا إلا").total >= 1


def test_a_10000_word_query_is_cut_and_says_so(small_index):
    results = small_index.search(" ".join(["موسكو", "دمشق", "القواعد", "قلم"] * 2500))
    assert results.total >= 1
    assert any("first 64 words" in w for w in results.warnings)


def test_wildcards_that_match_everything_are_capped_and_say_so(tmp_path):
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents([{"id": str(i), "text": f"ا{chr(0x0628 + i % 20)}{i}"} for i in range(600)])
        results = ix.search("ا*")
        assert any("256 most frequent" in w for w in results.warnings)
        assert 0 < results.total <= 600
        lone = ix.search("*")
        assert lone.total == 0 and any("lone *" in w for w in lone.warnings)


def test_fuzzy_distance_is_capped(small_index):
    results = small_index.search("موسكو~9")
    assert "news-1" in [h.id for h in results]
    assert any("lowered to ~2" in w for w in results.warnings)


def test_strict_mode_names_the_problem(small_index):
    with pytest.raises(QueryError, match="unclosed"):
        small_index.search("(موسكو", strict=True)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_query_string_gives_results_or_a_seedsearch_error(small_index, query):
    try:
        results = small_index.search(query)
    except SeedsearchError:
        return
    assert results.total >= len(results.hits)
    for hit in results:
        assert isinstance(hit.highlight(), str)


# -- paths ----------------------------------------------------------------------------


def test_read_only_folder_is_refused_with_a_clear_message(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0:  # root may write anywhere; report the folder as a user would see it
        real = os.access
        monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if str(p) == str(folder)
                            else real(p, mode, **kw))
    with pytest.raises(IndexPathError, match="not writable"):
        Index.create(folder)


def test_creating_an_index_beside_user_files_never_touches_them(tmp_path):
    (tmp_path / "thesis.txt").write_text("أطروحة")
    (tmp_path / "data.json").write_text(json.dumps({"x": 1}))
    with Index.create(tmp_path, overwrite=True) as ix:
        ix.add_documents([{"id": "a", "text": "نص"}])
    with Index.create(tmp_path, overwrite=True):
        pass
    assert (tmp_path / "thesis.txt").read_text() == "أطروحة"
    assert json.loads((tmp_path / "data.json").read_text()) == {"x": 1}
