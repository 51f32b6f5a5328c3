"""Faults: killed writers, competing writers, readers during writes, full disks."""

from __future__ import annotations

import errno
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter

import pytest

from seedsearch import Index, IndexLockedError, IndexWriteError

BATCH = 150

WRITER = textwrap.dedent("""
    import os, sys
    from seedsearch import Index
    path, batch, log = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    ix = Index.open(path, lock_timeout=30)
    while True:
        ix.add_documents(({"id": f"b{batch}-{i}", "text": f"الدفعة {batch} الوثيقة {i} عن اقتصاد سوريا"}
                          for i in range(BATCH)), procs=1)
        with open(log, "a") as f:
            f.write(f"{batch}\\n")
            f.flush()
            os.fsync(f.fileno())
        batch += 1
""").replace("BATCH", str(BATCH))


def batches_in(path):
    """{batch number: documents} of the committed index."""
    with Index.open(path) as ix:
        searcher = ix._current().searcher
        ids = [fields["id"] for fields in searcher.all_stored_fields()]
    return Counter(int(i.split("-")[0][1:]) for i in ids), len(ids)


@pytest.mark.slow
def test_kill_9_during_add_and_commit_loses_nothing_committed(tmp_path):
    path, log = tmp_path / "ix", tmp_path / "committed.log"
    Index.create(path).close()
    rng = random.Random(7)
    kills = 0
    for _ in range(24):
        counts, _ = batches_in(path)
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(len(counts)),
                                 str(log)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.3, 1.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills += proc.returncode == -signal.SIGKILL
        logged = [int(x) for x in log.read_text().split()] if log.exists() else []
        counts, total = batches_in(path)
        # Every batch is all or nothing, and batches are 0..m without a gap.
        assert set(counts.values()) <= {BATCH}
        assert sorted(counts) == list(range(len(counts)))
        # m is the last batch the writer logged, or the one it committed and
        # was killed before logging.
        last = logged[-1] if logged else -1
        assert len(counts) - 1 in (last, last + 1)
        assert total == len(counts) * BATCH
        # A new writer takes the lock at once: the dead writer's lock is gone.
        with Index.open(path, lock_timeout=1) as ix:
            assert ix.delete_documents(["no-such-id"]) == 0
    assert kills >= 20
    with Index.open(path, lock_timeout=1) as ix:
        ix.optimize()  # and the segments the kills left behind merge cleanly
        assert len(ix) == sum(batches_in(path)[0].values())
    assert len(batches_in(path)[0]) >= 5  # the loop did commit work between kills


def _slow_docs(prefix, n, gate, release):
    for i in range(n):
        if i == n // 2:
            gate.set()
            release.wait(10)
        yield {"id": f"{prefix}-{i}", "text": f"وثيقة {i} عن موسكو"}


def _first_writer_holding_the_lock(path, n):
    """Start a writer thread that holds the lock (half-way through n docs)
    until the returned ``release`` event is set."""
    Index.create(path).close()
    gate, release = threading.Event(), threading.Event()
    first = threading.Thread(target=lambda: Index.open(path).add_documents(
        _slow_docs("a", n, gate, release), procs=1))
    first.start()
    assert gate.wait(10)
    return first, release


def test_a_second_writer_thread_waits_its_timeout_then_is_told(tmp_path):
    path = tmp_path / "ix"
    first, release = _first_writer_holding_the_lock(path, 40)
    second = Index.open(path, lock_timeout=0.3)
    started = time.monotonic()
    with pytest.raises(IndexLockedError, match="another writer"):
        second.add_documents([{"id": "b-0", "text": "محاولة ثانية"}])
    assert time.monotonic() - started >= 0.25  # it waited, Whoosh's default is 0
    release.set()
    first.join(10)
    second.add_documents([{"id": "b-0", "text": "محاولة ثانية"}])
    with Index.open(path) as ix:
        assert len(ix) == 41 and ix.search("موسكو", limit=100).total == 40


def test_a_waiting_writer_gets_the_lock_when_the_first_finishes(tmp_path):
    path = tmp_path / "ix"
    first, release = _first_writer_holding_the_lock(path, 20)
    threading.Timer(0.3, release.set).start()
    Index.open(path, lock_timeout=10).add_documents([{"id": "b-0", "text": "انتظرت دوري"}])
    first.join(10)
    with Index.open(path) as ix:
        assert len(ix) == 21


def _hold_lock(path, ready, release):
    ix = Index.open(path)
    ix.add_documents(_slow_docs("p", 10, ready, release), procs=1)


def test_a_second_writer_process_is_told_the_index_is_locked(tmp_path):
    path = tmp_path / "ix"
    Index.create(path).close()
    ctx = multiprocessing.get_context("fork")
    ready, release = ctx.Event(), ctx.Event()
    proc = ctx.Process(target=_hold_lock, args=(path, ready, release))
    proc.start()
    assert ready.wait(20)
    with pytest.raises(IndexLockedError):
        Index.open(path, lock_timeout=0.3).add_documents([{"id": "x", "text": "نص"}])
    release.set()
    proc.join(20)
    assert proc.exitcode == 0
    with Index.open(path) as ix:
        assert len(ix) == 10 and ix.get("x") is None


def _search_loop(path, stop, seen, errors, shared=None):
    ix = shared or Index.open(path)
    while not stop.is_set():
        try:
            seen.append(ix.search("اقتصاد", limit=1).total)
        except Exception as exc:  # any failure is what this test is looking for
            errors.append("".join(__import__("traceback").format_exception(exc)))


def test_readers_during_commits_see_old_or_new_state_and_never_fail(tmp_path):
    path = tmp_path / "ix"
    Index.create(path).close()
    stop, seen, errors = threading.Event(), [], []
    shared = Index.open(path)
    readers = [threading.Thread(target=_search_loop, args=(path, stop, seen, errors)),
               threading.Thread(target=_search_loop, args=(path, stop, seen, errors, shared))]
    for r in readers:
        r.start()
    writer = Index.open(path)
    for k in range(8):
        writer.add_documents([{"id": f"{k}-{i}", "text": f"اقتصاد {k} {i}"} for i in range(50)])
    writer.optimize()
    time.sleep(0.2)
    stop.set()
    for r in readers:
        r.join(10)
    assert errors == []
    assert seen and set(seen) <= {50 * k for k in range(9)}
    assert shared.search("اقتصاد").total == 400


def _reader_process(path, rounds, out):
    ix = Index.open(path)
    totals = []
    for _ in range(rounds):
        totals.append(ix.search("اقتصاد").total)
    out.put(totals)


def test_a_reader_process_during_commits_never_fails(tmp_path):
    path = tmp_path / "ix"
    with Index.create(path) as ix:
        ix.add_documents([{"id": "0-0", "text": "اقتصاد"}])
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    proc = ctx.Process(target=_reader_process, args=(path, 300, out))
    proc.start()
    with Index.open(path) as ix:
        for k in range(1, 6):
            ix.add_documents([{"id": f"{k}-{i}", "text": "اقتصاد"} for i in range(20)])
    totals = out.get(timeout=60)
    proc.join(20)
    assert proc.exitcode == 0 and set(totals) <= {1 + 20 * k for k in range(6)}


def test_disk_full_during_commit_keeps_the_previous_state(tmp_path, monkeypatch):
    from whoosh import index as windex

    path = tmp_path / "ix"
    with Index.create(path) as ix:
        ix.add_documents([{"id": "old", "text": "وثيقة قديمة"}])

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with Index.open(path) as ix:
        monkeypatch.setattr(windex.TOC, "write", full)
        with pytest.raises(IndexWriteError, match="No space left.*nothing of this batch"):
            ix.add_documents([{"id": "new", "text": "وثيقة جديدة"}])
        monkeypatch.undo()
        assert len(ix) == 1 and ix.get("new") is None
        ix.add_documents([{"id": "new", "text": "وثيقة جديدة"}])  # the lock was released
        assert len(ix) == 2


def test_write_error_while_writing_segment_files_keeps_the_previous_state(tmp_path, monkeypatch):
    from whoosh.filedb import structfile

    path = tmp_path / "ix"
    with Index.create(path) as ix:
        ix.add_documents([{"id": "old", "text": "وثيقة قديمة"}])
    real_write = structfile.StructFile.write
    calls = {"n": 0}

    def failing_write(self, data):
        calls["n"] += 1
        if calls["n"] > 20:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_write(self, data)

    with Index.open(path) as ix:
        monkeypatch.setattr(structfile.StructFile, "write", failing_write)
        with pytest.raises(IndexWriteError, match="nothing of this batch"):
            ix.add_documents([{"id": f"n{i}", "text": "وثيقة جديدة " * 50} for i in range(200)])
        monkeypatch.undo()
    with Index.open(path) as ix:
        assert len(ix) == 1 and ix.get("old") is not None
