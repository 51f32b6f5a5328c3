"""The ``pattern_replace`` spec and regex character classes the exported
analysis is written in (:mod:`.settings`, :mod:`.stemming`)."""

from __future__ import annotations

import re

__all__ = ["char_class", "pattern_replace"]


def char_class(chars) -> str:
    """A regex class of exactly ``chars``."""
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def pattern_replace(pattern: str, replacement: str = "", *, char_filter: bool = False) -> dict:
    """A stock ``pattern_replace`` filter (a char filter with ``char_filter``;
    a token filter replaces every match)."""
    spec: dict[str, str | bool] = {"type": "pattern_replace", "pattern": pattern,
                                   "replacement": replacement}
    if not char_filter:
        spec["all"] = True
    return spec
