"""Progress on stderr for ``add_documents(progress=True)``, in two phases.

1. Indexing: a bar.  Documents from :func:`seedsearch.load_documents` are
   measured in bytes of their files against the files' total size; a list
   in documents against its length; any other iterable in documents, with
   no total.
2. Committing: one line, ``committing 3,000 documents… done in 1.4 s``.  The
   commit (with more than one process it includes the workers' indexing and
   the merge) takes about half the time of a batch, and showed nothing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

__all__ = ["Progress"]

#: Documents between two refreshes of the document count beside a byte bar.
_COUNT_EVERY = 256


class Progress:
    """Wraps the documents of one batch; a no-op unless ``enabled``.

    ``source`` is what the documents were given as, when ``docs`` is a
    re-wrapping of it (after a peek): its size and bytes are shown.
    """

    def __init__(self, docs: Iterable[Any], enabled: bool, stream: TextIO | None = None,
                 source: object = None):
        self.docs = docs
        self.source = docs if source is None else source
        self.enabled = enabled
        self.stream = stream
        self.count = 0
        self.bar: Any = None
        self._commit_started: float | None = None

    def __iter__(self) -> Iterator[Any]:
        if not self.enabled:
            yield from self.docs
            return
        from tqdm import tqdm

        stream = self.stream or sys.stderr
        source: Any = self.source
        total_bytes = getattr(source, "total_bytes", None)
        if total_bytes is not None:
            self.bar = bar = tqdm(total=total_bytes, unit="B", unit_scale=True,
                                  unit_divisor=1024, desc="indexing", file=stream,
                                  smoothing=0.1, leave=False)
            shown = 0
            for doc in self.docs:
                self.count += 1
                read = source.bytes_read
                bar.update(read - shown)
                shown = read
                if self.count % _COUNT_EVERY == 0:
                    bar.set_postfix_str(f"{self.count:,} docs", refresh=False)
                yield doc
            bar.update(source.bytes_read - shown)
        else:
            total = len(source) if hasattr(source, "__len__") else None
            self.bar = bar = tqdm(total=total, unit="doc", desc="indexing", file=stream,
                                  smoothing=0.1, leave=False)
            for doc in self.docs:
                self.count += 1
                bar.update(1)
                yield doc

    def committing(self) -> None:
        """The documents are all read: close the bar, say the commit started."""
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.close()
        stream = self.stream or sys.stderr
        stream.write(f"committing {self.count:,} documents…")
        stream.flush()
        self._commit_started = time.monotonic()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.close()
        if self._commit_started is not None:
            stream = self.stream or sys.stderr
            if exc_type is None:
                took = time.monotonic() - self._commit_started
                stream.write(f" done in {took:.1f} s\n")
            else:
                stream.write(" failed\n")
            stream.flush()
