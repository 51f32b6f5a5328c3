"""Index lifecycle: create, open, add, update, delete, get, optimize, stats."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import SMALL_CORPUS

from seedsearch import (
    DocumentError,
    Index,
    IndexExistsError,
    IndexNotFoundError,
    IndexPathError,
    SchemaMismatchError,
    batches,
)


def test_create_then_open_sees_the_same_documents(tmp_path):
    with Index.create(tmp_path / "ix") as ix:
        assert ix.add_documents(SMALL_CORPUS) == len(SMALL_CORPUS)
    with Index.open(tmp_path / "ix") as ix:
        assert len(ix) == len(SMALL_CORPUS)
        assert ix.get("news-1")["title"] == "زيارة الرئيس السوري إلى موسكو"


def test_create_refuses_an_existing_index_without_overwrite(tmp_path):
    Index.create(tmp_path / "ix").close()
    with pytest.raises(IndexExistsError, match="overwrite"):
        Index.create(tmp_path / "ix")


def test_overwrite_deletes_only_the_index_files(tmp_path):
    folder = tmp_path / "ix"
    with Index.create(folder) as ix:
        ix.add_documents(SMALL_CORPUS)
    (folder / "notes.txt").write_text("ملاحظات المستخدم", encoding="utf-8")
    with Index.create(folder, overwrite=True) as ix:
        assert len(ix) == 0
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "ملاحظات المستخدم"


def test_open_a_missing_index_names_the_path(tmp_path):
    with pytest.raises(IndexNotFoundError, match=str(tmp_path / "nothing")):
        Index.open(tmp_path / "nothing")


def test_an_index_path_that_is_a_file_is_refused(tmp_path):
    path = tmp_path / "file.txt"
    path.write_text("نص")
    with pytest.raises(IndexPathError, match="is a file"):
        Index.create(path)
    with pytest.raises(IndexNotFoundError):
        Index.open(path)


def test_a_foreign_whoosh_index_is_neither_opened_nor_overwritten(tmp_path):
    from whoosh import fields, index

    index.create_in(str(tmp_path), fields.Schema(body=fields.TEXT))
    with pytest.raises(SchemaMismatchError):
        Index.open(tmp_path)
    with pytest.raises(SchemaMismatchError):
        Index.create(tmp_path, overwrite=True)
    assert index.exists_in(str(tmp_path))


def test_adding_an_existing_id_replaces_the_document(small_index):
    small_index.add_documents([{"id": "news-1", "text": "نص جديد عن دمشق"}])
    assert len(small_index) == 9
    assert small_index.get("news-1")["text"] == "نص جديد عن دمشق"
    assert small_index.search("موسكو").total == 0 or "news-1" not in [
        h.id for h in small_index.search("موسكو")]


def test_duplicate_ids_in_one_batch_keep_the_last(empty_index):
    n = empty_index.add_documents([{"id": "a", "text": "الأول"}, {"id": "b", "text": "ثان"},
                                   {"id": "a", "text": "الأخير"}])
    assert n == 2 and len(empty_index) == 2
    assert empty_index.get("a")["text"] == "الأخير"


def test_update_documents_replaces_by_id(small_index):
    small_index.update_documents([{"id": "pen-1", "text": "كتب بقلم حبر"}])
    assert len(small_index) == 9
    assert small_index.get("pen-1")["text"] == "كتب بقلم حبر"


def test_delete_documents_returns_how_many_went(small_index):
    assert small_index.delete_documents(["news-1", "news-2", "no-such-id"]) == 2
    assert len(small_index) == 7
    assert small_index.get("news-1") is None


def test_stored_document_round_trips_extra_fields_and_dates(empty_index):
    empty_index.add_documents([{"id": "x", "text": "نص", "date": dt.date(2024, 5, 1),
                                "source": "الجزيرة", "views": 42, "score": 0.5}])
    doc = empty_index.get("x")
    assert doc == {"id": "x", "text": "نص", "date": "2024-05-01", "source": "الجزيرة",
                   "views": 42, "score": 0.5}


def test_a_bad_document_fails_the_whole_batch_with_its_id(empty_index):
    with pytest.raises(DocumentError, match="'doc-2'.*date"):
        empty_index.add_documents([{"id": "doc-1", "text": "سليم"},
                                   {"id": "doc-2", "text": "تاريخ خاطئ", "date": "2024-13-45"}])
    assert len(empty_index) == 0


def test_a_batch_collects_garbage_less_often_and_restores_the_collector_after(empty_index):
    """While a batch is written the collector's first threshold is raised
    (its objects live until the segment is written and form no cycles) and
    the objects of before are frozen; after the batch, and after a batch
    that failed, the collector is as it was."""
    import gc

    before = gc.get_threshold()
    seen = []

    def docs(bad):
        seen.append((gc.get_threshold(), gc.get_freeze_count()))
        yield {"id": "صلاة", "text": "إنما الأعمال بالنيات"}
        if bad:
            yield {"id": "صيام", "text": "الصيام جنة", "date": "2024-13-45"}

    empty_index.add_documents(docs(False), procs=1)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    with pytest.raises(DocumentError):
        empty_index.add_documents(docs(True), procs=1)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    assert [t[0] for t, _ in seen] == [max(before[0], batches.GC_THRESHOLD)] * 2
    assert all(frozen > 1000 for _, frozen in seen)  # the modules, the index's objects
    assert empty_index.search("الأعمال").total == 1


@pytest.mark.parametrize("procs", [1, 2])
def test_a_failed_batch_leaves_the_index_files_as_they_were_and_prints_nothing(
        tmp_path, capfd, procs):
    """A batch cancelled by a bad document after its indexing processes
    started: the error is the DocumentError alone (no process prints a
    traceback), no process is left running, and the index's folder holds
    the files of its last commit, not the batch's segment files."""
    import multiprocessing

    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents([{"id": "أول", "text": "الحكومة الجديدة تؤدي اليمين"}])
        before = sorted(p.name for p in (tmp_path / "ix").iterdir())
        docs = [{"id": f"خبر-{i}", "text": f"اجتماع الحكومة رقم {i} لبحث الموازنة العامة"}
                for i in range(450)]
        docs.append({"id": "خبر-سيئ", "text": "تاريخ خاطئ", "date": "2024-13-45"})
        capfd.readouterr()
        with pytest.raises(DocumentError, match="خبر-سيئ"):
            ix.add_documents(docs, procs=procs)
        assert sorted(p.name for p in (tmp_path / "ix").iterdir()) == before
        assert ix.search("الحكومة").total == 1
        assert not multiprocessing.active_children()
    err = capfd.readouterr().err
    assert "Traceback" not in err, err


@pytest.mark.parametrize("doc, message", [
    ({"text": "بلا معرف"}, "missing required key 'id'"),
    ({"id": 5, "text": "معرف رقمي"}, "'id' must be a string"),
    ({"id": "a"}, "missing required key 'text'"),
    ({"id": "a", "text": None}, "'a'.*'text' is None"),
    ({"id": "a", "text": b"bytes"}, "'text' must be a string"),
    ({"id": "a", "text": "نص", "title": ["قائمة"]}, "'title' must be a string"),
    ({"id": "a", "text": "نص", "tags": ["x"]}, "'tags' must be a string or a number"),
    ("ليس قاموسا", "must be a dict"),
])
def test_malformed_documents_get_a_message_naming_the_problem(empty_index, doc, message):
    with pytest.raises(DocumentError, match=message):
        empty_index.add_documents([doc])


def test_a_document_without_an_id_is_named_by_its_place_in_the_batch(empty_index):
    docs = [{"id": "صلاة", "text": "إنما الأعمال بالنيات"}, {"text": "حديث بلا معرف"}]
    with pytest.raises(DocumentError, match="^document 2 of the batch: missing required key 'id'"):
        empty_index.add_documents(docs)
    assert len(empty_index) == 0


def test_optimize_merges_segments(small_index):
    small_index.add_documents([{"id": "extra", "text": "وثيقة إضافية"}])
    assert small_index.stats()["segments"] >= 2
    small_index.optimize()
    assert small_index.stats()["segments"] == 1
    assert len(small_index) == 10


def test_optimize_leaves_every_score_as_it_was(empty_index):
    """A field's mean length was read from Whoosh's exact total for the
    phrase, sequence and proximity bonuses, and from the per-document
    lengths (one byte each, rounded above 100 words) for the words; merging
    segments rebuilt that total from the rounded lengths, so a two-word
    query scored differently after optimize().  Both now read the lengths
    themselves: the same documents, the same scores."""
    isnad = "حدثنا قتيبة بن سعيد قال حدثنا الليث عن نافع عن ابن عمر "
    saying = "أن رسول الله صلى الله عليه وسلم قال إنما الأعمال بالنيات "
    for batch in range(2):
        empty_index.add_documents([
            {"id": f"hadith-{batch}-{n}", "text": isnad * (n % 3 + 1) + saying * (n + 8)}
            for n in range(6)], procs=1)
    queries = ("حدثنا قتيبة", "«إنما الأعمال»", "الأعمال بالنيات", "نافع")

    def scores():
        return {q: [(h.id, round(h.score, 9)) for h in empty_index.search(q, limit=12)]
                for q in queries}
    before = scores()
    empty_index.optimize()
    assert empty_index.stats()["segments"] == 1
    assert scores() == before


def test_stats_report_documents_terms_size_and_fields(small_index):
    stats = small_index.stats()
    assert stats["documents"] == 9 and stats["terms"] > 50 and stats["size_bytes"] > 0
    assert {"title", "text", "text_exact", "date", "collection"} <= set(stats["fields"])


def test_two_processes_index_a_large_batch_like_one(tmp_path):
    docs = [{"id": f"d{i}", "text": f"الخبر رقم {i} عن الاقتصاد والسياسة"} for i in range(300)]
    docs.append({"id": "d7", "text": "نسخة أخيرة من الخبر السابع"})
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents(docs, procs=2)
        assert len(ix) == 300
        assert ix.get("d7")["text"] == "نسخة أخيرة من الخبر السابع"
        assert ix.search("الاقتصاد").total == 299


@pytest.mark.parametrize("path", [None, 5, b"index", ["index"], ""])
@pytest.mark.parametrize("opener", ["create", "open"])
def test_an_index_path_of_the_wrong_type_or_empty_is_an_index_path_error(tmp_path, monkeypatch,
                                                                          opener, path):
    monkeypatch.chdir(tmp_path)  # an empty path must not quietly mean the current folder
    with pytest.raises(IndexPathError, match="index path"):
        getattr(Index, opener)(path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("procs", [None, 1, 2])
def test_a_generator_is_read_only_after_the_write_lock_is_taken(tmp_path, monkeypatch, procs):
    import os

    from seedsearch import IndexLockedError

    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # procs=None peeks at the batch size
    path = tmp_path / "ix"
    Index.create(path).close()
    intruder = Index.open(path, lock_timeout=0)
    told = []

    def docs():
        try:
            intruder.add_documents([{"id": "دخيل", "text": "كاتب آخر يكتب"}])
        except IndexLockedError:
            told.append("locked")
        yield {"id": "1", "text": "الوثيقة الأولى"}
        yield {"id": "2", "text": "الوثيقة الثانية"}

    with Index.open(path) as ix:
        assert ix.add_documents(docs(), procs=procs) == 2
    assert told == ["locked"]
    with Index.open(path) as ix:
        assert ix.get("دخيل") is None and len(ix) == 2


def test_ids_repeated_across_worker_processes_are_replaced_under_the_same_lock(tmp_path):
    docs = [{"id": f"خبر-{i % 30}", "text": f"النسخة {i} من خبر الاقتصاد"} for i in range(90)]
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents(docs, procs=2)
        assert len(ix) == 30
        assert ix.get("خبر-7")["text"] == "النسخة 67 من خبر الاقتصاد"


# -- progress --------------------------------------------------------------------------


def _news_file(tmp_path, n=40):
    path = tmp_path / "news.jsonl"
    docs = SMALL_CORPUS
    lines = [json.dumps({**docs[i % len(docs)], "id": f"خبر-{i}"}, ensure_ascii=False)
             for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_documents_loaded_from_a_file_report_bytes_read_against_the_file_size(tmp_path):
    from seedsearch import load_documents

    path = _news_file(tmp_path)
    stream = load_documents(path)
    assert stream.total_bytes == path.stat().st_size
    seen = [stream.bytes_read for _ in stream]
    assert seen == sorted(seen) and 0 < seen[0] < seen[-1] == path.stat().st_size


@pytest.mark.parametrize("procs", [None, 1])
def test_progress_of_a_loaded_file_is_a_byte_bar_with_the_file_size_as_total(tmp_path, monkeypatch,
                                                                              procs):
    import io
    import os

    import seedsearch.batches as batches_module
    from seedsearch import load_documents
    from seedsearch.ingest.progress import Progress

    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # procs=None peeks at the stream
    bars = []

    class Kept(Progress):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, stream=io.StringIO(), **kwargs)
            bars.append(self)

    monkeypatch.setattr(batches_module, "Progress", Kept)
    path = _news_file(tmp_path)
    with Index.create(tmp_path / "ix") as ix:
        assert ix.add_documents(load_documents(path), progress=True, procs=procs) == 40
    [shown] = bars
    assert shown.bar.total == shown.bar.n == path.stat().st_size and shown.bar.unit == "B"
    assert "committing 40 documents… done in" in shown.stream.getvalue()


def test_progress_shows_the_commit_as_its_own_phase_on_stderr(empty_index, capsys):
    empty_index.add_documents(SMALL_CORPUS, progress=True)
    err = capsys.readouterr().err
    assert f"committing {len(SMALL_CORPUS)} documents… done in" in err
    assert err.index("indexing") < err.index("committing")


def test_a_failed_commit_ends_its_progress_line_with_failed(empty_index, capsys, monkeypatch):
    from whoosh.writing import SegmentWriter

    from seedsearch import IndexWriteError

    def full_disk(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(SegmentWriter, "commit", full_disk)
    with pytest.raises(IndexWriteError):
        empty_index.add_documents(SMALL_CORPUS, progress=True)
    assert "committing 9 documents… failed\n" in capsys.readouterr().err
