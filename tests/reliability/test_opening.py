"""Opening while a commit deletes files, made deterministic.

The soak test meets the race by chance; here the file vanishes on purpose:
the first attempts to open a table of contents (or a segment) fail as they
do when another process's commit deleted it between listing and opening.
"""

from __future__ import annotations

import errno

import pytest
from whoosh.filedb.filestore import FileStorage

from seedsearch import Index, IndexNotFoundError
from seedsearch.storage import opening


def _vanishing(monkeypatch, suffix, times):
    """FileStorage.open_file raises FileNotFoundError for the next ``times``
    opens of a file ending with ``suffix``; returns the list of misses."""
    real = FileStorage.open_file
    missed = []

    def open_file(self, name, **kwargs):
        if name.endswith(suffix) and len(missed) < times:
            missed.append(name)
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", name)
        return real(self, name, **kwargs)

    monkeypatch.setattr(FileStorage, "open_file", open_file)
    return missed


@pytest.fixture
def news_index(tmp_path):
    path = tmp_path / "ix"
    with Index.create(path) as ix:
        ix.add_documents([{"id": "n1", "title": "قمة في موسكو",
                           "text": "التقى الرئيسُ السوريُّ بنظيره الروسي في موسكو."}])
    return path


@pytest.mark.parametrize("suffix", [".toc", ".seg"])
def test_open_and_search_survive_a_file_deleted_under_them(news_index, monkeypatch, suffix):
    """Three vanished opens in a row (TOC or segment) are retried: the index
    opens and the search finds the document.  (The TOC case failed before
    opening.py; a segment was already retried by Whoosh's own reader.)"""
    missed = _vanishing(monkeypatch, suffix, 3)
    with Index.open(news_index) as ix:
        assert [h.id for h in ix.search("الرئيس السوري")] == ["n1"]
    assert len(missed) == 3


def test_a_table_of_contents_that_stays_missing_is_reported(news_index, monkeypatch):
    """The retries are bounded: a TOC that never opens gives
    IndexNotFoundError (a SeedsearchError), not an endless loop."""
    monkeypatch.setattr(opening, "PAUSE", 0.0)
    missed = _vanishing(monkeypatch, ".toc", 10**6)
    with pytest.raises(IndexNotFoundError):
        Index.open(news_index)
    assert opening.ATTEMPTS <= len(missed) < 10**6


def test_other_errors_are_not_retried(monkeypatch):
    """Only a vanished file is worth another look; a permission error is
    raised at the first attempt."""
    calls = []

    def denied():
        calls.append(1)
        raise PermissionError(errno.EACCES, "Permission denied")

    with pytest.raises(PermissionError):
        opening.retry_vanished(denied)
    assert calls == [1]
