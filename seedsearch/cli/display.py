"""Hits as text for a terminal or a pipe: shared by the CLI and the demo.

Matched words are bold on a terminal and in [brackets] in a pipe or a
file (and with NO_COLOR set): plain text either way, never HTML.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TextIO

from ..fields import COLLECTION, DATE, TEXT, TITLE
from ..search.results import Hit

__all__ = ["print_hits", "markers", "matching", "documents"]


#: Bold on, and every attribute off again (ANSI SGR 1 and 0).
BOLD = ("\033[1m", "\033[0m")
#: Around a matched word in a pipe or a file.
BRACKETS = ("[", "]")


def markers(stream: TextIO) -> tuple[str, str]:
    """Highlight markers: bold on a terminal (unless NO_COLOR), else [ ]."""
    if stream.isatty() and os.environ.get("NO_COLOR") is None:
        return BOLD
    return BRACKETS


def documents(count: int) -> str:
    """"1 document", "2 documents"."""
    return "1 document" if count == 1 else f"{count} documents"


def matching(total: int) -> str:
    """"1 document matches", "2 documents match"."""
    return f"{documents(total)} {'matches' if total == 1 else 'match'}"


def print_hits(results: Iterable[Hit], stream: TextIO | None = None) -> None:
    """Print ranked hits with their highlighted title and text snippet."""
    stream = stream or sys.stdout
    start, end = markers(stream)
    for hit in results:
        date = hit.get(DATE) or "-"
        title = hit.get(TITLE.name) or ""
        label = f"  {hit.label(COLLECTION)}" if hit.get(COLLECTION) else ""
        print(f"{hit.rank:>3}. {hit.id}  score {hit.score:.2f}  date {date}{label}", file=stream)
        snippet = " ".join(hit.snippet(TEXT.name, start=start, end=end, size=200).split())
        if title and not _plain(snippet, start, end).startswith(" ".join(title.split())):
            # (a .txt file's title is its first sentence: shown once, in the text)
            print(f"     {hit.snippet(TITLE.name, start=start, end=end)}", file=stream)
        print(f"     {snippet}", file=stream)


def _plain(marked: str, start: str, end: str) -> str:
    """A snippet without its highlight markers."""
    return marked.replace(start, "").replace(end, "")
