"""Replacing an index only once its replacement is whole.

``seedsearch index FILES --index DIR --overwrite`` once deleted the old index
before reading FILES, so a malformed line or a bad file lost both.  Now the
new index is built in a staging folder inside ``DIR`` (the same file system,
so moving a file is a rename), and only when the whole batch succeeded are
the old index's files deleted and the new ones moved in; when it fails, the
staging folder goes and the old index is as it was.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .labels import LABELS_FILE
from .opening import check_replaceable
from .reading import index_files

__all__ = ["staged_replacement", "STAGE_PREFIX"]

#: The staging folder's name begins so (a hidden folder Whoosh never reads).
STAGE_PREFIX = ".seedsearch-new-"


@contextmanager
def staged_replacement(folder: Path) -> Iterator[Path]:
    """A fresh folder to build the index that replaces ``folder``'s: kept
    (moved into ``folder``, over the old index's files and labels) when the
    block succeeds, removed when it fails.  An index seedsearch did not
    write is refused before anything is built."""
    check_replaceable(folder)
    stage = folder / f"{STAGE_PREFIX}{os.getpid()}"
    shutil.rmtree(stage, ignore_errors=True)  # left by a process that was killed
    stage.mkdir()
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    _move_in(stage, folder)


def _move_in(stage: Path, folder: Path) -> None:
    """Delete ``folder``'s index (its table of contents first, so a reader
    opening meanwhile finds no index rather than half of one), then move the
    staged files in (the table of contents last)."""
    old = sorted(index_files(folder), key=lambda p: not p.name.endswith(".toc"))
    for path in old:
        path.unlink(missing_ok=True)
    (folder / LABELS_FILE).unlink(missing_ok=True)
    new = sorted(stage.iterdir(), key=lambda p: p.name.endswith(".toc"))
    for path in new:
        os.replace(path, folder / path.name)
    stage.rmdir()
