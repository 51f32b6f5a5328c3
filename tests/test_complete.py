"""ix.complete(prefix): the index's words that begin with what is typed,
most frequent first, in the spelling the text uses, the prefix read like a
query word (harakat, hamza seats, alef forms)."""

from __future__ import annotations

import pytest

from seedsearch import QueryError
from seedsearch.search import complete as complete_module


def test_a_vowelled_prefix_completes_like_the_bare_one(seeds_index):
    """أَحْ (with fatha and sukun) and احـ without its hamza give the words of
    the hadith as they are written there: أحد, أحدكم, with the hamza."""
    vowelled = seeds_index.complete("أَحْ")
    assert vowelled == seeds_index.complete("اح") == seeds_index.complete("أح")
    assert {"أحد", "أحدكم"} <= set(vowelled)
    assert all(w.startswith(("أح", "إح", "اح")) for w in vowelled)


def test_a_hamza_prefix_finds_every_seat_and_gives_the_stored_spelling(small_index):
    """مسئ and مسؤ are one prefix: the text wrote مسؤولية, so that comes back."""
    assert small_index.complete("مسئ") == small_index.complete("مسؤ") == ["مسؤولية"]
    assert small_index.complete("القا") == ["القائد"]  # not the index's القاءد / القايد


def test_one_letter_gives_the_commonest_words_and_no_stop_words(seeds_index):
    """قال opens most hadith; في and فإن are stop words, never offered."""
    assert seeds_index.complete("ق", limit=3)[0] == "قال"
    f_words = seeds_index.complete("ف", limit=20)
    assert f_words and not {"في", "فإن", "فلا"} & set(f_words)
    assert seeds_index.complete("ال", limit=1) == ["الله"]


def test_most_frequent_first(seeds_index):
    words = seeds_index.complete("صل", limit=5)
    held = [seeds_index.search(w, exact=True).total for w in words]
    assert words[0] == "صلى" and held == sorted(held, reverse=True)


def test_the_spelling_of_the_text_with_ta_marbuta_and_alef(seeds_index):
    """The index files صلاة as صلاه and أخبرنا as اخبرنا; completions show
    the spelling the hadith use."""
    assert "الصلاة" in seeds_index.complete("الصل")
    assert "أخبرنا" in seeds_index.complete("اخب")


def test_only_the_last_word_of_a_query_is_completed(seeds_index):
    assert seeds_index.complete("صلاة الجم") == seeds_index.complete("الجم")
    assert "الجماعة" in seeds_index.complete("صلاة الجم")


def test_nothing_to_complete_is_no_completion(seeds_index):
    for prefix in ("", "   ", "؟", "ـ", "\u200f"):
        assert seeds_index.complete(prefix) == []
    assert seeds_index.complete("ثخثخ") == []


def test_rare_prefixes_beyond_the_table_of_frequent_words(tmp_path, monkeypatch):
    """With segments that keep only their five most frequent words, إبر is
    completed from the index's own term list, with the same answer, and ق
    still from the table."""
    from seedsearch import Index, load_documents
    from seedsearch.storage import frequent
    from tests.conftest import SEEDS

    def build(name):
        ix = Index.create(tmp_path / name)
        ix.add_documents(load_documents(SEEDS), procs=1)
        return ix

    with build("full") as full:
        expected = full.complete("إبر")
        first = full.complete("ق", limit=1)
    monkeypatch.setattr(frequent, "FREQUENT_TERMS", 5)
    with build("five") as five:
        assert "إبراهيم" in expected
        assert five.complete("إبر") == expected
        assert five.complete("ق", limit=1) == first == ["قال"]


def test_the_first_completion_reads_the_segments_tables_not_the_vocabulary(seeds_index):
    """A freshly opened index completes ال from each segment's table of
    frequent words: the whole-vocabulary table (half a second at 50,000
    documents) is never built."""
    complete_module._TABLES.clear()
    assert seeds_index.complete("ال", limit=3)[0] == "الله"
    assert len(complete_module._TABLES) == 0


def test_an_index_without_tables_completes_from_its_vocabulary(tmp_path):
    """seedsearch 0.1.0 wrote no table of frequent words: its index still
    completes, most frequent first, from the vocabulary read once."""
    import shutil
    from pathlib import Path

    from seedsearch import Index

    shutil.copytree(Path(__file__).parent / "fixtures" / "index-0.1.0", tmp_path / "old")
    complete_module._TABLES.clear()
    with Index.open(tmp_path / "old") as old:
        words = old.complete("ال", limit=5)
        assert words and all(w.startswith(("ال", "ٱل")) for w in words)
        assert len(complete_module._TABLES) == 1


@pytest.mark.parametrize("limit", [0, 101, -1, True, "10"])
def test_a_bad_limit_is_a_query_error(small_index, limit):
    with pytest.raises(QueryError, match="limit must be a whole number from 1 to 100"):
        small_index.complete("ال", limit=limit)


def test_a_prefix_must_be_text(small_index):
    with pytest.raises(QueryError, match="a prefix must be a string"):
        small_index.complete(None)  # type: ignore[arg-type]
