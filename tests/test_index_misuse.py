"""An Index used wrongly (issue 21): an id that is not a string, a process
count that is not one, a method called after close().  Each is a
SeedsearchError naming what is wrong, raised before anything is read or
written."""

from __future__ import annotations

import pytest
from conftest import SMALL_CORPUS

import seedsearch
from seedsearch import ArgumentError, DocumentError, Index, IndexClosedError, QueryError
from seedsearch.cli.main import main

# -- ids and arguments of the wrong type ----------------------------------------------


@pytest.mark.parametrize("doc_id, named", [(123, "int 123"), (None, "NoneType None"),
                                           (b"news-1", "bytes b'news-1'")])
def test_get_with_an_id_that_is_not_a_string_is_a_query_error_naming_its_type(small_index,
                                                                              doc_id, named):
    with pytest.raises(QueryError, match=f"a document id is a string, not {named}"):
        small_index.get(doc_id)


def test_delete_with_an_id_that_is_not_a_string_names_it_and_deletes_nothing(small_index):
    with pytest.raises(DocumentError, match="a document id is a string, not int 123"):
        small_index.delete_documents(["news-1", 123])
    with pytest.raises(DocumentError, match="ids to delete are an id or a list of ids, not int"):
        small_index.delete_documents(123)
    assert small_index.get("news-1")["title"] == "زيارة الرئيس السوري إلى موسكو"


def test_add_documents_of_something_that_is_not_a_list_names_its_type(empty_index):
    with pytest.raises(DocumentError, match="documents are a dict or a list of dicts, not int"):
        empty_index.add_documents(5)


@pytest.mark.parametrize("procs", [0, -3, True, "2", 2.5])
def test_procs_other_than_a_whole_number_from_1_is_refused_before_the_lock(small_index, procs):
    """Refused at once: no wait for the lock that another writer holds."""
    other = Index.open(small_index.path, lock_timeout=0.1)
    with small_index._batches.locked():
        with pytest.raises(ArgumentError, match=f"procs must be a whole number >= 1 or None "
                                                f"for the default, not {procs!r}"):
            other.add_documents([{"id": "خبر", "text": "خبر جديد"}], procs=procs)
    other.close()
    assert small_index.get("خبر") is None


@pytest.mark.parametrize("procs", ["0", "-3"])
def test_cli_procs_below_1_is_a_usage_error_before_an_index_is_made(tmp_path, capsys, procs):
    source = tmp_path / "news.jsonl"
    source.write_text('{"id": "1", "text": "الرئيس السوري في موسكو"}\n', encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["index", str(source), "--index", str(tmp_path / "new"), "--procs", procs])
    assert exit_.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--procs" in err[0] and "whole number from 1" in err[0]
    assert not (tmp_path / "new").exists()


# -- after close() ----------------------------------------------------------------------

AFTER_CLOSE = {
    "search": lambda ix: ix.search("الرئيس"),
    "explain": lambda ix: ix.explain("الرئيس"),
    "get": lambda ix: ix.get("news-1"),
    "len": len,
    "iter_documents": lambda ix: ix.iter_documents(),
    "add_documents": lambda ix: ix.add_documents([{"id": "خبر", "text": "خبر جديد"}]),
    "update_documents": lambda ix: ix.update_documents([{"id": "خبر", "text": "خبر جديد"}]),
    "delete_documents": lambda ix: ix.delete_documents(["news-1"]),
    "optimize": lambda ix: ix.optimize(),
    "stats": lambda ix: ix.stats(),
    "with": lambda ix: ix.__enter__(),
}


@pytest.mark.parametrize("use", AFTER_CLOSE.values(), ids=AFTER_CLOSE.keys())
def test_every_method_of_a_closed_index_raises_index_closed_error(tmp_path, use):
    ix = Index.create(tmp_path / "ix")
    ix.add_documents(SMALL_CORPUS)
    ix.close()
    with pytest.raises(IndexClosedError, match=r"ix: this Index was closed; open it again"):
        use(ix)
    with Index.open(tmp_path / "ix") as again:  # nothing was written after close()
        assert len(again) == len(SMALL_CORPUS) and again.get("خبر") is None


def test_closing_twice_is_harmless_and_a_closed_index_says_so_when_printed(tmp_path):
    ix = Index.create(tmp_path / "ix")
    ix.close()
    ix.close()
    assert repr(ix) == f"<Index {str(tmp_path / 'ix')!r} closed>"


def test_an_index_opened_in_a_with_block_works_in_it_and_is_closed_after_it(tmp_path):
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents(SMALL_CORPUS)
        assert ix.search("الرئيس السوري")[0].id == "news-1"
    with pytest.raises(IndexClosedError):
        ix.search("الرئيس السوري")


def test_the_new_errors_are_seedsearch_errors_exported_from_the_package():
    for error in (ArgumentError, IndexClosedError):
        assert issubclass(error, seedsearch.SeedsearchError) and error.__name__ in seedsearch.__all__
