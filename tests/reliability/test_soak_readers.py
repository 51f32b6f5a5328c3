"""Soak: readers that open and search while two writer processes commit.

Whoosh picks the newest table of contents (``_MAIN_<gen>.toc``) from a
directory listing and then opens it; a commit of another process may delete
that file in between, and the same holds for a segment file when a searcher
is refreshed.  A reader must then look again, never fail: the README
promises that searches in other threads or processes never fail while a
writer commits.  Each race is rare, so the scenario is repeated many times
with small batches (a commit every few milliseconds) for about 40 seconds.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
import traceback

import pytest

from seedsearch import Index

MAX_ROUNDS = 20
MIN_ROUNDS = 3
#: No new round starts after this many seconds (a budget, not an assertion):
#: about 20 rounds on an idle 2-core machine, fewer on a busy one.
BUDGET_S = 40.0
WRITERS = 2
READERS = 3
BATCHES = 25  # per writer and round
BATCH = 4  # documents per batch: small, so that commits are frequent

WRITER = textwrap.dedent("""
    import sys
    from seedsearch import Index
    path, name, batches, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    ix = Index.open(path, lock_timeout=60)
    for b in range(batches):
        ix.add_documents([{"id": f"{name}-{b}-{i}", "title": "نشرة الاقتصاد",
                           "text": f"تقرير {i} عن اقتصاد سوريا وأسعار النفط في الدفعة {b}"}
                          for i in range(size)], procs=1)
""")


def _reader(path, stop, totals, errors):
    """Open the index afresh and search it, again and again, until stopped."""
    while not stop.is_set():
        try:
            with Index.open(path) as ix:
                for _ in range(3):
                    totals.append(ix.search("اقتصاد", limit=5).total)
        except Exception as exc:  # any failure at all is what this test looks for
            errors.append("".join(traceback.format_exception(exc)))


def _one_round(path):
    Index.create(path, overwrite=True).close()
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), f"w{w}",
                                 str(BATCHES), str(BATCH)], stderr=subprocess.PIPE)
               for w in range(WRITERS)]
    stop, totals, errors = threading.Event(), [], []
    readers = [threading.Thread(target=_reader, args=(path, stop, totals, errors))
               for _ in range(READERS)]
    for r in readers:
        r.start()
    try:
        for w in writers:
            _, err = w.communicate(timeout=120)
            assert w.returncode == 0, err.decode(errors="replace")[-2000:]
    finally:
        stop.set()
        for r in readers:
            r.join(30)
    return totals, errors


@pytest.mark.slow
def test_readers_that_open_and_search_during_commits_of_two_writers_never_fail(tmp_path):
    """Proves the README's reader promise under load: across 3 to 20 rounds
    of 2 writer processes x 25 commits, 3 reader threads that each open the
    index and search in a loop get no exception, and every total they see is
    a committed state (a whole number of batches).  Before the fix each of 10
    runs failed, with 2 to 42 failed searches."""
    path = tmp_path / "ix"
    failures, searches, rounds = [], 0, 0
    started = time.monotonic()
    while rounds < MIN_ROUNDS or (rounds < MAX_ROUNDS
                                  and time.monotonic() - started < BUDGET_S):
        rounds += 1
        totals, errors = _one_round(path)
        failures += errors
        searches += len(totals)
        assert all(t % BATCH == 0 for t in totals), sorted(set(totals))
        with Index.open(path) as ix:
            assert len(ix) == WRITERS * BATCHES * BATCH
            assert ix.search("اقتصاد").total == WRITERS * BATCHES * BATCH
    assert failures == [], f"{len(failures)} of {searches} searches failed; first:\n{failures[0]}"
    assert searches > rounds * READERS  # the readers did overlap the commits
