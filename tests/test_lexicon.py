"""The shipped stem lexicon (seedsearch.text.lexicon): real words in, prefix artifacts out."""

from __future__ import annotations

import pytest

from seedsearch.text.lexicon import is_known_stem, known_stems
from seedsearch.text.stem import prefix_split, stem


@pytest.mark.parametrize("word", ["قلم", "جبال", "كتاب", "الكتاب", "رسول", "صلاة", "بيت",
                                  "لبن", "لعن", "فضل", "بحر", "سياسة", "شركة"])
def test_words_that_stand_alone_are_known(word):
    assert is_known_stem(stem(word))


@pytest.mark.parametrize("word", ["وليد", "بريطانيا", "لندن"])
def test_the_rest_of_a_name_after_its_first_letter_is_not_known(word):
    """ليد (of وليد), ريطانيا, ندن are no words: the name keeps its letter."""
    assert not is_known_stem(stem(prefix_split(word)))


@pytest.mark.parametrize("word, bare", [("بقلم", "قلم"), ("وجبال", "جبال")])
def test_a_prefixed_form_is_not_a_stem_but_its_rest_is(word, bare):
    assert prefix_split(word) == bare and is_known_stem(stem(bare))
    assert not is_known_stem(stem(word))


def test_ليد_is_not_a_known_stem():
    assert not is_known_stem("ليد")


def test_every_hamza_spelling_of_a_known_stem_is_known():
    s = stem("مسؤول")
    assert is_known_stem(s) and is_known_stem("مسءول") and is_known_stem("مسوول")


def test_the_lexicon_is_loaded_once_and_is_not_empty():
    assert known_stems() is known_stems()
    assert 20_000 < len(known_stems()) < 100_000
    assert not is_known_stem("") and not is_known_stem("moscow")


def test_the_module_imports_no_whoosh():
    """lexicon.py and what it imports (normalize.py) stay Whoosh-free (the package's
    __init__ still imports the index)."""
    import ast
    from pathlib import Path

    import seedsearch

    for name in ("lexicon.py", "normalize.py"):
        tree = ast.parse((Path(seedsearch.__file__).parent / "text" / name).read_text(encoding="utf-8"))
        modules = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        modules += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not any(m.split(".")[0] == "whoosh" for m in modules), name
