"""Opening an index and its searcher while other processes commit.

Whoosh finds the newest table of contents (``_MAIN_<generation>.toc``) by
listing the folder and then opens it; a writer that commits in between
deletes the older generations (and the segments they alone used), so the
open fails with FileNotFoundError although a newer, complete generation is
there.  The same can happen to a segment file while a searcher is opened or
refreshed.  Each function here repeats the whole open, listing the
generations again, a bounded number of times.

Every index is opened on a FileStorage with mmap, and a compound segment
(``.seg``) is read through its mapped pages.  Stock Whoosh 2.7.4 would read
it through ``BytesIO(memoryview)``, which copies its postings and terms into
memory each time a reader opens (465 MB of Python memory for the 618 MB
index of the bench corpus, over 1 GB of RSS, in every process that opens a
reader); :mod:`seedsearch.storage.backend` replaces that copy with a view.  Reading
without mmap avoids the copy too, but made warm queries about twice as slow.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from whoosh import index as windex
from whoosh.fields import Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex
from whoosh.searching import Searcher

__all__ = ["ATTEMPTS", "create_whoosh_index", "index_exists", "open_searcher",
           "open_whoosh_index", "retry_vanished", "whoosh_storage"]

#: How many times an open is tried before its FileNotFoundError is raised.
#: One retry nearly always suffices: a commit writes its new table of contents
#: before it deletes the old one.
ATTEMPTS = 20
#: Seconds to wait after the n-th failed attempt: n times this.
PAUSE = 0.005

T = TypeVar("T")


def retry_vanished(action: Callable[[], T]) -> T:
    """``action()``, tried again when a file it opens vanished in between.

    Only FileNotFoundError is retried (a concurrent commit deleted the file);
    any other error, and the last FileNotFoundError, is raised.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return action()
        except FileNotFoundError:
            if attempt == ATTEMPTS:
                raise
            time.sleep(PAUSE * attempt)
    raise AssertionError("unreachable")


def whoosh_storage(path) -> FileStorage:
    """Whoosh's storage for the folder ``path``, memory-mapped (see the
    module's docstring)."""
    from . import backend  # noqa: F401  (its patch reads segments in place)

    return FileStorage(str(path), supports_mmap=True)


def create_whoosh_index(path, schema: Schema) -> FileIndex:
    """A new, empty Whoosh index in the existing folder ``path``."""
    return whoosh_storage(path).create_index(schema)


def index_exists(path) -> bool:
    """True when ``path`` holds a Whoosh index (``whoosh.index.exists_in``,
    which opens the newest table of contents, retried).  A table of contents
    that stays missing through every attempt counts as no index."""
    try:
        return retry_vanished(lambda: windex.exists_in(str(path)))
    except FileNotFoundError:
        return False


def open_whoosh_index(path) -> tuple[FileIndex, Schema]:
    """``(index, schema)`` of the Whoosh index in ``path``.  Reading the
    schema reads the newest table of contents again, so it is part of the
    attempt that is retried."""
    def attempt():
        ix = whoosh_storage(path).open_index()
        return ix, ix.schema

    return retry_vanished(attempt)


def open_searcher(ix: FileIndex, **kwargs) -> Searcher:
    """``ix.searcher(**kwargs)`` on the newest generation, retried when one of
    its segment files vanished (Whoosh retries its reader itself, 10 times;
    this also covers a searcher refreshed during a burst of commits)."""
    return retry_vanished(lambda: ix.searcher(**kwargs))
