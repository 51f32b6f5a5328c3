"""Hits as text for a terminal or a pipe: shared by the CLI and the demo."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TextIO

from ..fields import DATE, TEXT, TITLE
from ..search.results import Hit

__all__ = ["print_hits", "markers"]


def markers(stream: TextIO) -> tuple[str, str]:
    """Highlight markers: bold red on a terminal (unless NO_COLOR), else <b></b>."""
    if stream.isatty() and os.environ.get("NO_COLOR") is None:
        return "\033[1;31m", "\033[0m"
    return "<b>", "</b>"


def print_hits(results: Iterable[Hit], stream: TextIO | None = None) -> None:
    """Print ranked hits with their highlighted title and text snippet."""
    stream = stream or sys.stdout
    start, end = markers(stream)
    for hit in results:
        date = hit.get(DATE) or "-"
        title = hit.get(TITLE.name) or ""
        print(f"{hit.rank:>3}. {hit.id}  score {hit.score:.2f}  date {date}", file=stream)
        if title:
            print(f"     {hit.snippet(TITLE.name, start=start, end=end)}", file=stream)
        snippet = " ".join(hit.snippet(TEXT.name, start=start, end=end, size=200).split())
        print(f"     {snippet}", file=stream)
