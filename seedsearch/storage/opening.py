"""Creating and opening an index, and its searcher while others commit.

:func:`create_index` and :func:`open_index` check the folder and what is in
it, and raise an error a person can act on: a path that is not a folder, a
folder that is not writable, no index, an index seedsearch did not write.

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
reader); :mod:`.patches` replaces that copy with a view.  Reading
without mmap avoids the copy too, but made warm queries about twice as slow.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from whoosh import index as windex
from whoosh.fields import Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex
from whoosh.searching import Searcher

from ..errors import (
    IndexExistsError,
    IndexNotFoundError,
    IndexPathError,
    SchemaMismatchError,
)
from ..fields import SCHEMA_MARK
from ..schema import analysis_version, build_schema
from ..text.terms import ANALYSIS_VERSION, OLDEST_ANALYSIS
from . import patches
from .folders import make_folder
from .reading import index_files

__all__ = ["ATTEMPTS", "create_index", "check_replaceable", "open_index", "index_path",
           "create_whoosh_index",
           "index_exists", "open_searcher", "open_whoosh_index", "retry_vanished",
           "whoosh_storage"]

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
    patches.install()
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


def index_path(path: object) -> Path:
    """``path`` as a Path, or IndexPathError for None, a wrong type or ""."""
    if not isinstance(path, (str, os.PathLike)):
        raise IndexPathError(
            f"the index path must be a str or os.PathLike folder path, not "
            f"{type(path).__name__} {path!r}")
    try:
        text = os.fspath(path)
    except TypeError as exc:
        raise IndexPathError(f"the index path {path!r} cannot be used ({exc})") from None
    if not isinstance(text, str):
        raise IndexPathError(f"the index path must be text, not bytes: {text!r}")
    if not text.strip():
        raise IndexPathError("the index path is empty; name a folder (e.g. 'index')")
    if "\0" in text:
        raise IndexPathError(f"the index path {text!r} contains a NUL character")
    return Path(text)


def create_index(path: object, *, overwrite: bool,
                 vowels: bool) -> tuple[FileIndex, Path, Schema]:
    """A new, empty seedsearch index in ``path`` (made if missing): see
    :meth:`seedsearch.Index.create`."""
    folder = make_folder(index_path(path), IndexPathError, "index")
    if index_exists(folder):
        if not overwrite:
            raise IndexExistsError(
                f"{folder}: an index is already there; open it, or pass overwrite=True "
                "(CLI: --overwrite) to replace it")
        _check_ours(folder)
        for child in index_files(folder):
            child.unlink()
    if not os.access(folder, os.W_OK | os.X_OK):
        raise IndexPathError(f"{folder}: the folder is not writable")
    try:
        schema = build_schema(vowels=vowels)
        ix = create_whoosh_index(folder, schema)
    except OSError as exc:
        raise IndexPathError(f"{folder}: cannot write the index ({exc.strerror})") from None
    return ix, folder, schema


def check_replaceable(folder: Path) -> None:
    """Raise what ``create_index(folder, overwrite=True)`` raises for the
    index in ``folder`` (one seedsearch did not write), without touching it."""
    if index_exists(folder):
        _check_ours(folder)


def open_index(path: object) -> tuple[FileIndex, Path, Schema]:
    """The seedsearch index in ``path``; IndexNotFoundError if there is none,
    SchemaMismatchError if seedsearch did not write it."""
    folder = index_path(path)
    if folder.is_file():
        raise IndexNotFoundError(
            f"{folder}: is a file, not an index folder; give the folder of an index "
            "(seedsearch index FILES --index FOLDER makes one)")
    if not folder.is_dir() or not index_exists(folder):
        raise IndexNotFoundError(
            f"{folder}: no seedsearch index here; create one first "
            f"(seedsearch index FILES --index {folder})")
    ix, schema = _check_ours(folder)
    return ix, folder, schema


def _check_ours(path: Path) -> tuple[FileIndex, Schema]:
    try:
        ix, schema = open_whoosh_index(path)
    except (OSError, EOFError, windex.EmptyIndexError) as exc:
        raise IndexNotFoundError(f"{path}: the index cannot be read ({exc})") from None
    except Exception as exc:  # unpickling a foreign schema can raise anything
        raise SchemaMismatchError(
            f"{path}: holds an index seedsearch cannot read ({type(exc).__name__}: {exc})"
        ) from None
    if SCHEMA_MARK not in schema:
        raise SchemaMismatchError(
            f"{path}: holds a Whoosh index that seedsearch did not create; "
            "refusing to use or replace it")
    built = analysis_version(schema)
    if built > ANALYSIS_VERSION:
        raise SchemaMismatchError(
            f"{path}: built by a newer seedsearch (analysis version {built}); this one reads "
            f"versions {OLDEST_ANALYSIS} to {ANALYSIS_VERSION}: upgrade seedsearch "
            "(pip install -U seedsearch), or rebuild the index with this one "
            "(seedsearch index FILES --index DIR --overwrite)")
    if built < OLDEST_ANALYSIS:
        raise SchemaMismatchError(
            f"{path}: built with analysis version {built}, which this seedsearch no longer "
            f"reads (it reads {OLDEST_ANALYSIS} to {ANALYSIS_VERSION}); rebuild it "
            "(seedsearch index FILES --index DIR --overwrite)")
    return ix, schema
